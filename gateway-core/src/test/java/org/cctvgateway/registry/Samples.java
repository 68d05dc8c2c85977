package org.cctvgateway.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.cctvgateway.validation.Verdict;

/** Registry values for tests. */
final class Samples {
    static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private Samples() {
    }

    static Site site(String id) {
        return new Site(id, "Hotel " + id, SiteType.HOTEL, "1 Marine Drive", "A. Sharma", "+91 22 5555 0101",
                Optional.of(new GeoPoint(18.9432, 72.8236)));
    }

    static DeviceInfo device() {
        return new DeviceInfo("Acme", "C10", "5.7.1", "SN123", "HW1", "00:11:22:33:44:55", List.of(
                new StreamProfile("main", "mainStream", "H264", 1920, 1080, 25, "rtsp://10.0.0.5:554/main"),
                new StreamProfile("sub", "subStream", "H264", 640, 360, 15, "rtsp://10.0.0.5:554/sub")));
    }

    static Camera camera(String id, String siteId) {
        return new Camera(id, siteId, "onvif", "10.0.0.5:80", device(), Optional.of(new GeoPoint(18.9433, 72.8237)),
                Optional.of(new Facing(90, 84.5, 12)), new StreamRoles("main", Optional.of("sub")),
                Optional.empty(), CameraState.ENROLLED, Optional.empty(), T0, T0);
    }

    static Consent consent(SharingMode mode, Optional<Instant> expiry) {
        return new Consent("A. Sharma, manager", T0, mode, expiry, "form 2026/117");
    }

    static ComplianceSummary compliance() {
        return new ComplianceSummary("safe-city-baseline", "1.0", Verdict.PASS_WITH_WARNINGS, T0, List.of(),
                List.of("stream.sub.resolution"));
    }
}
