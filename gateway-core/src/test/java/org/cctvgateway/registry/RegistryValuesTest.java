package org.cctvgateway.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.cctvgateway.GatewayException;
import org.cctvgateway.spi.CameraDescription;
import org.cctvgateway.spi.DeviceIdentity;
import org.cctvgateway.spi.MediaProfile;
import org.cctvgateway.spi.NetworkServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryValuesTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "hotel-1", "0", "abcdefghij-abcdefghij-abcdefghij-abcdefg"})
    void acceptsIdsThatFollowTheRule(String id) {
        assertThat(Ids.check("site id", id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "Hotel", "a_b", "a b", "a/b", "abcdefghij-abcdefghij-abcdefghij-abcdefgh"})
    void refusesIdsNamingTheValueAndTheRule(String id) {
        assertThatThrownBy(() -> Ids.check("camera id", id)).isInstanceOf(GatewayException.class)
                .hasMessageContaining("camera id '" + id + "'").hasMessageContaining("lower-case");
    }

    record Bad(String name, Supplier<Object> make, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> badValues() {
        return Stream.of(
                new Bad("latitude", () -> new GeoPoint(90.5, 0), "latitude 90.5 is outside -90..90"),
                new Bad("longitude", () -> new GeoPoint(0, -181), "longitude -181.0 is outside -180..180"),
                new Bad("nan latitude", () -> new GeoPoint(Double.NaN, 0), "latitude NaN"),
                new Bad("location text", () -> GeoPoint.parse("19.07"), "location '19.07' is not LAT,LON"),
                new Bad("bearing", () -> new Facing(361, 90, 10), "bearing 361.0 is outside 0..360"),
                new Bad("hfov zero", () -> new Facing(0, 0, 10), "field of view 0.0 is outside (0, 180]"),
                new Bad("hfov wide", () -> new Facing(0, 181, 10), "field of view 181.0"),
                new Bad("distance", () -> new Facing(0, 90, 0), "target distance 0.0 m"),
                new Bad("site name", () -> new Site("s1", " ", SiteType.HOTEL, "", "", "", Optional.empty()),
                        "site s1 has an empty name"),
                new Bad("site id", () -> new Site("S1", "x", SiteType.HOTEL, "", "", "", Optional.empty()),
                        "site id 'S1'"),
                new Bad("consent by", () -> new Consent(" ", Samples.T0, SharingMode.CONTINUOUS, Optional.empty(),
                        ""), "consent has no name"),
                new Bad("consent expiry", () -> Samples.consent(SharingMode.CONTINUOUS,
                        Optional.of(Samples.T0.minusSeconds(1))), "is not after the time it was given"),
                new Bad("roles same", () -> new StreamRoles("main", Optional.of("main")), "both main and sub"),
                new Bad("duplicate token", () -> new DeviceInfo("", "", "", "", "", "", List.of(
                        Samples.device().profiles().get(0), Samples.device().profiles().get(0))), "appears twice"),
                new Bad("role names missing profile", () -> new Camera("c1", "s1", "onvif", "h", Samples.device(),
                        Optional.empty(), Optional.empty(), new StreamRoles("third", Optional.empty()),
                        Optional.empty(), CameraState.ENROLLED, Optional.empty(), Samples.T0, Samples.T0),
                        "names profile 'third', which the camera does not have"),
                new Bad("empty endpoint", () -> new Camera("c1", "s1", "onvif", " ", Samples.device(),
                        Optional.empty(), Optional.empty(), new StreamRoles("main", Optional.empty()),
                        Optional.empty(), CameraState.ENROLLED, Optional.empty(), Samples.T0, Samples.T0),
                        "camera c1 has an empty endpoint"),
                new Bad("state", () -> CameraState.parse("paused"), "camera state 'paused' is not known"),
                new Bad("duplicate site", () -> new RegistrySnapshot(List.of(Samples.site("a"), Samples.site("a")),
                        List.of(), 0), "site id a is on record twice"),
                new Bad("orphan camera", () -> new RegistrySnapshot(List.of(Samples.site("a")),
                        List.of(Samples.camera("c1", "b")), 0), "belongs to site b, which is not on record"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void refusesBadValuesWithAMessageNamingTheValue(Bad bad) {
        assertThatThrownBy(bad.make::get).isInstanceOf(GatewayException.class).hasMessageContaining(bad.message)
                .satisfies(e -> assertThat(((GatewayException) e).hint()).isNotEmpty());
    }

    @Test
    void parsesLocations() {
        assertThat(GeoPoint.parse(" 19.0760, 72.8777 ")).isEqualTo(new GeoPoint(19.076, 72.8777));
    }

    @Test
    void stripsCredentialsFromEndpointAndStreamUris() {
        Camera c = new Camera("c1", "s1", "rtsp", "rtsp://admin:s3cret@10.0.0.5:554/x", new DeviceInfo("", "", "", "",
                "", "", List.of(new StreamProfile("p", "", "H264", 0, 0, 0, "rtsp://admin:s3cret@10.0.0.5/x"))),
                Optional.empty(), Optional.empty(), new StreamRoles("p", Optional.empty()), Optional.empty(),
                CameraState.ENROLLED, Optional.empty(), Samples.T0, Samples.T0);
        assertThat(c.endpoint()).isEqualTo("rtsp://10.0.0.5:554/x");
        assertThat(c.device().profiles().get(0).streamUri()).isEqualTo("rtsp://10.0.0.5/x");
        assertThat(c.toString()).doesNotContain("s3cret");
    }

    @Test
    void copiesAProbeDescriptionGivingEveryProfileAToken() {
        MediaProfile a = new MediaProfile("mainStream", "", "H265", 2560, 1440, 20, 4096, 40,
                URI.create("rtsp://10.0.0.9/a"), Optional.empty());
        MediaProfile b = new MediaProfile("", "", "H264", 640, 360, 10, 512, 20, URI.create("rtsp://10.0.0.9/b"),
                Optional.empty());
        MediaProfile c = new MediaProfile("mainStream", "", "H264", 640, 360, 10, 512, 20,
                URI.create("rtsp://10.0.0.9/c"), Optional.empty());
        CameraDescription d = new CameraDescription("onvif", new DeviceIdentity("Acme", "C20", "1.2", "S9", "H9",
                "aa:bb:cc:dd:ee:ff"), Optional.of(Duration.ZERO), NetworkServices.unknown(), List.of(a, b, c));

        DeviceInfo info = DeviceInfo.from(d);

        assertThat(info.vendor()).isEqualTo("Acme");
        assertThat(info.mac()).isEqualTo("aa:bb:cc:dd:ee:ff");
        assertThat(info.profiles()).extracting(StreamProfile::token)
                .containsExactly("mainStream", "profile-2", "mainStream-3");
        assertThat(info.profiles().get(0).fps()).isEqualTo(20);
        assertThat(StreamRoles.firstTwo(info)).isEqualTo(new StreamRoles("mainStream", Optional.of("profile-2")));
    }

    @Test
    void servesOnlyActiveCamerasWithLiveConsentThatIsNotOff() {
        Camera base = Samples.camera("c1", "s1");
        var later = Samples.T0.plusSeconds(3600);
        Consent open = Samples.consent(SharingMode.EMERGENCY_ONLY, Optional.empty());
        Consent expiring = Samples.consent(SharingMode.CONTINUOUS, Optional.of(later));
        Consent off = Samples.consent(SharingMode.OFF, Optional.empty());

        assertThat(base.withState(CameraState.ACTIVE, Samples.T0).servableAt(Samples.T0)).isFalse();
        assertThat(base.withConsent(open, Samples.T0).servableAt(Samples.T0)).isFalse();
        Camera active = base.withState(CameraState.ACTIVE, Samples.T0);
        assertThat(active.withConsent(open, Samples.T0).servableAt(Samples.T0)).isTrue();
        assertThat(active.withConsent(expiring, Samples.T0).servableAt(later.minusSeconds(1))).isTrue();
        assertThat(active.withConsent(expiring, Samples.T0).servableAt(later)).isFalse();
        assertThat(active.withConsent(off, Samples.T0).servableAt(Samples.T0)).isFalse();
        assertThat(active.withConsent(open, Samples.T0).withState(CameraState.SUSPENDED, Samples.T0)
                .servableAt(Samples.T0)).isFalse();
    }

    @Test
    void allowsOnlyTheStateMovesAUserExpects() {
        assertThat(CameraState.ENROLLED.canMoveTo(CameraState.ACTIVE)).isTrue();
        assertThat(CameraState.ACTIVE.canMoveTo(CameraState.SUSPENDED)).isTrue();
        assertThat(CameraState.SUSPENDED.canMoveTo(CameraState.ACTIVE)).isTrue();
        assertThat(CameraState.ACTIVE.canMoveTo(CameraState.ENROLLED)).isFalse();
        for (CameraState s : CameraState.values()) {
            assertThat(CameraState.RETIRED.canMoveTo(s)).isFalse();
        }
    }
}
