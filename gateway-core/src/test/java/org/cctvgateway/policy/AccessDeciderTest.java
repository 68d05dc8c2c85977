package org.cctvgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.cctvgateway.registry.SharingMode;
import org.cctvgateway.registry.SiteType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AccessDeciderTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final AccessPolicy POLICY = AccessPolicy.parse("""
            agencies:
              - name: police
                siteTypes: [hotel, plaza]
              - name: fire
                sites: [school-1]
                cameras: [hotel-1/kitchen]
                sharingModes: [emergency-only]
            """, "access-policy.yaml");
    static final EmergencyWindow OPEN = new EmergencyWindow("em-1", "hotel-1", "fire", "C-7", NOW.minusSeconds(60),
            NOW.plusSeconds(3600), Optional.empty(), Optional.empty());
    static final EmergencyWindow CLOSED = OPEN.closed(NOW.minusSeconds(1));

    record Case(String name, String agency, String site, SiteType type, String camera, SharingMode mode,
                boolean servable, Optional<Instant> expiry, List<EmergencyWindow> windows, String expected) {
        AccessRequest request() {
            return new AccessRequest(agency, site, type, camera, mode, servable, expiry, NOW, windows);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Case ok(String name, String agency, String site, SiteType type, String camera, SharingMode mode,
                   List<EmergencyWindow> windows, String expected) {
        return new Case(name, agency, site, type, camera, mode, true, Optional.empty(), windows, expected);
    }

    static Stream<Case> cases() {
        SiteType hotel = SiteType.HOTEL;
        SharingMode cont = SharingMode.CONTINUOUS;
        SharingMode em = SharingMode.EMERGENCY_ONLY;
        return Stream.of(
                ok("continuous by site type", "police", "hotel-1", hotel, "lobby", cont, List.of(),
                        "allow: continuous sharing, agency police allowed site type hotel"),
                ok("on request by site type", "police", "plaza-1", SiteType.PLAZA, "gate", SharingMode.ON_REQUEST,
                        List.of(), "allow: on-request sharing, agency police allowed site type plaza"),
                ok("unknown agency", "army", "hotel-1", hotel, "lobby", cont, List.of(),
                        "deny 403: agency 'army' is not in the access policy"),
                ok("site type not granted", "police", "school-1", SiteType.SCHOOL, "gate", cont, List.of(),
                        "deny 403: agency 'police' is not allowed site type school by the access policy "
                                + "(nor site school-1 or camera school-1/gate)"),
                ok("owner chose off", "police", "hotel-1", hotel, "lobby", SharingMode.OFF, List.of(),
                        "deny 403: the owner set sharing to off for camera hotel-1/lobby"),
                new Case("consent expired", "police", "hotel-1", hotel, "lobby", cont, true,
                        Optional.of(NOW.minus(Duration.ofDays(1))), List.of(),
                        "deny 403: consent for camera hotel-1/lobby expired on 2026-02-28T10:00:00Z"),
                new Case("not servable", "police", "hotel-1", hotel, "lobby", cont, false, Optional.empty(), List.of(),
                        "deny 403: camera hotel-1/lobby is not being served: it is not active or has no valid "
                                + "consent on record"),
                ok("emergency-only without window", "police", "hotel-1", hotel, "lobby", em, List.of(CLOSED),
                        "deny 403: camera hotel-1/lobby is shared emergency-only and no emergency window is open "
                                + "for site hotel-1 (open one with: cctv-gateway emergency open --site hotel-1 "
                                + "--reason TEXT --case NUMBER --for 2h)"),
                ok("emergency-only with window", "police", "hotel-1", hotel, "lobby", em, List.of(OPEN),
                        "allow: emergency-only sharing, emergency window em-1 (case C-7) open until "
                                + "2026-03-01T11:00:00Z, agency police allowed site type hotel"),
                ok("window of another site does not count", "police", "hotel-2", hotel, "lobby", em, List.of(OPEN),
                        "deny 403: camera hotel-2/lobby is shared emergency-only and no emergency window is open "
                                + "for site hotel-2 (open one with: cctv-gateway emergency open --site hotel-2 "
                                + "--reason TEXT --case NUMBER --for 2h)"),
                ok("agency limited to emergency-only", "fire", "school-1", SiteType.SCHOOL, "gate", cont, List.of(),
                        "deny 403: camera school-1/gate is shared continuous and agency 'fire' may not be served "
                                + "continuous cameras by the access policy"),
                ok("single camera granted", "fire", "hotel-1", hotel, "kitchen", em, List.of(OPEN),
                        "allow: emergency-only sharing, emergency window em-1 (case C-7) open until "
                                + "2026-03-01T11:00:00Z, agency fire allowed camera hotel-1/kitchen"),
                ok("other camera of that site not granted", "fire", "hotel-1", hotel, "lobby", em, List.of(OPEN),
                        "deny 403: agency 'fire' is not allowed site type hotel by the access policy "
                                + "(nor site hotel-1 or camera hotel-1/lobby)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        assertThat(describe(new AccessDecider(POLICY).decide(c.request()))).isEqualTo(c.expected());
    }

    @Test
    void absentPolicyFileIsNamedInTheRefusal() {
        AccessPolicy none = AccessPolicy.load(java.nio.file.Path.of("/nonexistent/access-policy.yaml"));
        Decision d = new AccessDecider(none).decide(ok("x", "police", "hotel-1", SiteType.HOTEL, "lobby",
                SharingMode.CONTINUOUS, List.of(), "").request());

        assertThat(describe(d)).isEqualTo("deny 403: agency 'police' is not in the access policy (there is no access "
                + "policy file /nonexistent/access-policy.yaml, so nobody may see anything)");
    }

    private static String describe(Decision d) {
        if (d instanceof Decision.Deny deny) {
            return "deny " + deny.status() + ": " + deny.reason();
        }
        return "allow: " + d.reason();
    }
}
