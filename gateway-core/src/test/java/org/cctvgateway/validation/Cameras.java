package org.cctvgateway.validation;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.cctvgateway.spi.CameraDescription;
import org.cctvgateway.spi.DeviceIdentity;
import org.cctvgateway.spi.MediaProfile;
import org.cctvgateway.spi.NetworkServices;

/** Plain-value cameras for the engine tests: a compliant one and ways to break it one fact at a time. */
final class Cameras {
    /** The judgement of a good password for user admin. */
    static final PasswordStrength.Assessment STRONG_PASSWORD = new PasswordStrength.Assessment("admin",
            PasswordStrength.Level.STRONG, List.of(), false);

    private Cameras() {
    }

    static StreamFacts stream(String role, String codec, int width, int height, double fps, double kbps,
            double gopSeconds) {
        return new StreamFacts(role, codec, width, height, fps, kbps, gopSeconds, 0.4, 0.0, 2.0, true, true, true,
                0.1, 1400, 0.8);
    }

    static StreamFacts goodMain() {
        return stream("main", "H264", 1920, 1080, 25, 4096, 2);
    }

    static StreamFacts goodSub() {
        return stream("sub", "H264", 640, 360, 15, 512, 2);
    }

    static MediaProfile profile(String name, String codec, int w, int h, double fps, int kbps, int gop) {
        return new MediaProfile(name, name, codec, w, h, fps, kbps, gop, URI.create("rtsp://10.0.0.7/" + name),
                Optional.empty());
    }

    static CameraDescription description(List<MediaProfile> profiles, NetworkServices services, String firmware) {
        return new CameraDescription("onvif", new DeviceIdentity("Hikvision", "DS-2CD2043G0-I", firmware, "SN1", "",
                ""), Optional.of(Duration.ofMillis(200)), services, profiles);
    }

    static NetworkServices goodServices() {
        return new NetworkServices(OptionalInt.of(80), OptionalInt.of(443), OptionalInt.of(554), List.of("10.0.0.1"),
                false, List.of("S", "T"));
    }

    static CameraDescription goodDescription() {
        return description(List.of(profile("mainStream", "H264", 1920, 1080, 25, 4096, 50),
                profile("subStream", "H264", 640, 360, 15, 512, 30)), goodServices(), "V5.7.3 build 220112");
    }

    /** 1920 px over 90 degrees at 3 m: 1920 / (2 * 3 * tan 45) = 320 px/m, identify in 2015. */
    static CameraFacts compliant() {
        return new CameraFacts("cam-07", Optional.of(goodDescription()), Map.of("main", goodMain(), "sub",
                goodSub()), Optional.of(Duration.ofMillis(300)), List.of(), List.of(), true, false,
                Optional.of(new Placement(90, 3)), true, Optional.of(STRONG_PASSWORD));
    }

    static CameraFacts withMain(CameraFacts c, StreamFacts main) {
        return new CameraFacts(c.camera(), c.declared(), Map.of("main", main, "sub", c.measured().get("sub")),
                c.clockOffset(), c.defaultCredentials(), c.unauthenticatedAccess(), c.httpsAvailable(),
                c.httpAvailable(), c.placement(),
                c.defaultCredentialsChecked(), c.passwordStrength());
    }

    static CameraFacts withMeasured(CameraFacts c, Map<String, StreamFacts> measured) {
        return new CameraFacts(c.camera(), c.declared(), measured, c.clockOffset(), c.defaultCredentials(),
                c.unauthenticatedAccess(), c.httpsAvailable(), c.httpAvailable(), c.placement(),
                c.defaultCredentialsChecked(), c.passwordStrength());
    }

    static CameraFacts withDeclared(CameraFacts c, Optional<CameraDescription> d) {
        return new CameraFacts(c.camera(), d, c.measured(), c.clockOffset(), c.defaultCredentials(),
                c.unauthenticatedAccess(), c.httpsAvailable(), c.httpAvailable(), c.placement(),
                c.defaultCredentialsChecked(), c.passwordStrength());
    }

    static CameraFacts withClock(CameraFacts c, Optional<Duration> offset) {
        return new CameraFacts(c.camera(), c.declared(), c.measured(), offset, c.defaultCredentials(),
                c.unauthenticatedAccess(), c.httpsAvailable(), c.httpAvailable(), c.placement(),
                c.defaultCredentialsChecked(), c.passwordStrength());
    }

    static CameraFacts withLogins(CameraFacts c, List<ExposedAccount> exposed, List<String> open) {
        return new CameraFacts(c.camera(), c.declared(), c.measured(), c.clockOffset(), exposed, open,
                c.httpsAvailable(), c.httpAvailable(), c.placement(),
                c.defaultCredentialsChecked(), c.passwordStrength());
    }

    static CameraFacts withWeb(CameraFacts c, boolean https, boolean http) {
        return new CameraFacts(c.camera(), c.declared(), c.measured(), c.clockOffset(), c.defaultCredentials(),
                c.unauthenticatedAccess(), https, http, c.placement(), c.defaultCredentialsChecked(),
                c.passwordStrength());
    }

    static CameraFacts withPlacement(CameraFacts c, Optional<Placement> p) {
        return new CameraFacts(c.camera(), c.declared(), c.measured(), c.clockOffset(), c.defaultCredentials(),
                c.unauthenticatedAccess(), c.httpsAvailable(), c.httpAvailable(), p, c.defaultCredentialsChecked(),
                c.passwordStrength());
    }

    static CameraFacts withPassword(CameraFacts c, Optional<PasswordStrength.Assessment> strength) {
        return new CameraFacts(c.camera(), c.declared(), c.measured(), c.clockOffset(), c.defaultCredentials(),
                c.unauthenticatedAccess(), c.httpsAvailable(), c.httpAvailable(), c.placement(),
                c.defaultCredentialsChecked(), strength);
    }
}
