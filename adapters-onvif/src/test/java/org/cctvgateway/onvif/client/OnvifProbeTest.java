package org.cctvgateway.onvif.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.cctvgateway.spi.CameraDescription;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.spi.MediaProfile;
import org.cctvgateway.spi.ProbeRequest;
import org.cctvgateway.spi.ProbeResult;
import org.cctvgateway.spi.ProbeTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OnvifProbeTest {
    private static final Credentials ADMIN = new Credentials("admin", "secret");

    private static ProbeResult probe(RecordedOnvifCamera cam, Credentials creds, Duration timeout) {
        return new OnvifProbe(InstantSource.system(), 1 << 20)
                .probe(new ProbeRequest(ProbeTarget.of("127.0.0.1", cam.port()), creds, timeout));
    }

    private static CameraDescription ok(ProbeResult r) {
        assertThat(r).as(r.message() + " / " + r.hint()).isInstanceOf(ProbeResult.Ok.class);
        return ((ProbeResult.Ok) r).description();
    }

    record VendorCase(String folder, String manufacturer, String model, List<String> encodings,
            List<String> streamUris, int firstGop, int firstBitrate, List<String> mustCall) {
        @Override
        public String toString() {
            return folder;
        }
    }

    static Stream<VendorCase> vendors() {
        return Stream.of(
                new VendorCase("hikvision/DS-2CD2043G0-I", "HIKVISION", "DS-2CD2043G0-I", List.of("H265", "H264"),
                        List.of("rtsp://127.0.0.1:554/Streaming/Channels/101?transportmode=unicast&profile=Profile_1",
                                "rtsp://127.0.0.1:554/Streaming/Channels/102?transportmode=unicast&profile=Profile_2"),
                        50, 4096, List.of("Media2-GetProfiles", "Media2-GetStreamUri")),
                new VendorCase("dahua/IPC-HDW2431T-AS", "Dahua", "IPC-HDW2431T-AS-S2", List.of("H264", "H264"),
                        List.of("rtsp://127.0.0.1:554/cam/realmonitor?channel=1&subtype=0&unicast=true&proto=Onvif",
                                "rtsp://127.0.0.1:554/cam/realmonitor?channel=1&subtype=1&unicast=true&proto=Onvif"),
                        40, 4096, List.of("GetServices", "GetCapabilities", "GetProfiles")),
                new VendorCase("axis/M3045-V", "AXIS", "M3045-V", List.of("H264"),
                        List.of("rtsp://127.0.0.1/onvif-media/media.amp?profile=profile_1_h264&sessiontimeout=60"
                                + "&streamtype=unicast"), 0, Integer.MAX_VALUE, List.of("GetProfiles")),
                new VendorCase("uniview/IPC322LR3-VSPF28", "UNIVIEW", "IPC322LR3-VSPF28-D", List.of("H264"),
                        List.of("rtsp://127.0.0.1:554/media/video1"), 50, 0, List.of("GetProfiles")),
                new VendorCase("hanwha/XNV-6080R", "Hanwha Techwin", "XNV-6080R", List.of("H264"),
                        List.of("rtsp://127.0.0.1:554/profile2/media.smp"), 30, 6144,
                        List.of("Media2-GetProfiles", "GetProfiles")));
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void describesEachVendorFixtureSet(VendorCase c) throws IOException {
        try (RecordedOnvifCamera cam = new RecordedOnvifCamera(c.folder())) {
            CameraDescription d = ok(probe(cam, ADMIN, Duration.ofSeconds(5)));
            assertThat(d.identity().manufacturer()).isEqualTo(c.manufacturer());
            assertThat(d.identity().model()).isEqualTo(c.model());
            assertThat(d.profiles()).extracting(MediaProfile::encoding).isEqualTo(c.encodings());
            assertThat(d.profiles()).extracting(p -> p.streamUri().toString()).isEqualTo(c.streamUris());
            assertThat(d.profiles().get(0).gopLength()).isEqualTo(c.firstGop());
            assertThat(d.profiles().get(0).bitrateLimitKbps()).isEqualTo(c.firstBitrate());
            assertThat(d.clockOffset()).isPresent();
            assertThat(cam.calls).containsAll(c.mustCall());
            assertThat(d.profiles()).allSatisfy(p -> assertThat(p.streamUri().getUserInfo()).isNull());
        }
    }

    @Test
    void hikvisionDescriptionCarriesServicesAndIdentity() throws IOException {
        try (RecordedOnvifCamera cam = new RecordedOnvifCamera("hikvision/DS-2CD2043G0-I")) {
            CameraDescription d = ok(probe(cam, ADMIN, Duration.ofSeconds(5)));
            assertThat(d.identity().mac()).isEqualTo("44:19:b6:12:34:56");
            assertThat(d.services().rtspPort()).hasValue(554);
            assertThat(d.services().httpsPort()).hasValue(443);
            assertThat(d.services().ntpServers()).containsExactly("time.windows.com");
            assertThat(d.services().onvifProfiles()).containsExactly("S", "G", "T");
            MediaProfile main = d.profiles().get(0);
            assertThat(main.width()).isEqualTo(2688);
            assertThat(main.frameRateLimit()).isEqualTo(20.0);
            assertThat(main.snapshotUri()).contains(URI.create("http://127.0.0.1/onvif-http/snapshot?Profile_1"));
        }
    }

    @Test
    void wrongPasswordIsAuthRejectedNamingTheUser() throws IOException {
        try (RecordedOnvifCamera cam = new RecordedOnvifCamera("hikvision/DS-2CD2043G0-I")) {
            ProbeResult r = probe(cam, new Credentials("admin", "wrong"), Duration.ofSeconds(5));
            assertThat(r).isInstanceOf(ProbeResult.AuthRejected.class);
            assertThat(r.message()).contains("refused the user 'admin'").doesNotContain("wrong\"");
            assertThat(r.hint()).contains("check the password");
        }
    }

    @Test
    void cameraClockOffIsCompensatedWhenTheCameraChecksItsOwnClock() throws IOException {
        try (RecordedOnvifCamera cam = new RecordedOnvifCamera("axis/M3045-V")) {
            cam.reportedOffset = Duration.ofMinutes(-7);
            cam.verifyOffset = Duration.ofMinutes(-7);
            CameraDescription d = ok(probe(cam, ADMIN, Duration.ofSeconds(5)));
            assertThat(d.clockOffset().orElseThrow().toMinutes()).isBetween(-8L, -6L);
        }
    }

    @Test
    void firmwareReportingLocalTimeAsUtcIsRetriedOnOurClock() throws IOException {
        try (RecordedOnvifCamera cam = new RecordedOnvifCamera("axis/M3045-V")) {
            cam.reportedOffset = Duration.ofHours(8);
            cam.verifyOffset = Duration.ZERO;
            ok(probe(cam, ADMIN, Duration.ofSeconds(5)));
        }
    }

    @Test
    void refusalWithALargeClockOffsetIsClockSkew() throws IOException {
        try (RecordedOnvifCamera cam = new RecordedOnvifCamera("axis/M3045-V")) {
            cam.reportedOffset = Duration.ofMinutes(-7);
            cam.refuseAllTokens = true;
            ProbeResult r = probe(cam, ADMIN, Duration.ofSeconds(5));
            assertThat(r).isInstanceOf(ProbeResult.ClockSkew.class);
            assertThat(((ProbeResult.ClockSkew) r).offset().toMinutes()).isBetween(-8L, -6L);
            assertThat(r.message()).contains("minutes behind");
            assertThat(r.hint()).contains("NTP");
        }
    }

    @Test
    void refusalWithAGoodClockIsAuthRejected() throws IOException {
        try (RecordedOnvifCamera cam = new RecordedOnvifCamera("axis/M3045-V")) {
            cam.refuseAllTokens = true;
            assertThat(probe(cam, ADMIN, Duration.ofSeconds(5))).isInstanceOf(ProbeResult.AuthRejected.class);
        }
    }

    @Test
    void answersHttpDigestChallenges() throws IOException {
        try (RecordedOnvifCamera cam = new RecordedOnvifCamera("dahua/IPC-HDW2431T-AS")) {
            cam.requireHttpDigest = true;
            cam.timeNeedsAuth = true;
            CameraDescription d = ok(probe(cam, ADMIN, Duration.ofSeconds(5)));
            assertThat(d.clockOffset()).isPresent();
        }
    }

    @Test
    void closedPortIsUnreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ProbeResult r = new OnvifProbe(InstantSource.system(), 1 << 20)
                .probe(new ProbeRequest(ProbeTarget.of("127.0.0.1", port), ADMIN, Duration.ofSeconds(2)));
        assertThat(r).isInstanceOf(ProbeResult.Unreachable.class);
        assertThat(r.message()).contains("127.0.0.1:" + port);
    }

    record ErrorCase(String name, RecordedOnvifCamera.Mode mode, Class<? extends ProbeResult> expected,
            String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ErrorCase> errorModes() {
        return Stream.of(
                new ErrorCase("web page", RecordedOnvifCamera.Mode.HTML, ProbeResult.Unsupported.class, "web page"),
                new ErrorCase("plain 404", RecordedOnvifCamera.Mode.PLAIN_404, ProbeResult.Unsupported.class, "404"),
                new ErrorCase("malformed", RecordedOnvifCamera.Mode.MALFORMED, ProbeResult.MalformedReply.class,
                        "not well-formed"),
                new ErrorCase("gigantic", RecordedOnvifCamera.Mode.GIGANTIC, ProbeResult.MalformedReply.class,
                        "limit is 1048576"),
                new ErrorCase("slow", RecordedOnvifCamera.Mode.SLOW, ProbeResult.Unreachable.class, "in time"));
    }

    @ParameterizedTest
    @MethodSource("errorModes")
    void misbehavingServersGiveTypedResults(ErrorCase c) throws IOException {
        try (RecordedOnvifCamera cam = new RecordedOnvifCamera("hikvision/DS-2CD2043G0-I")) {
            cam.mode = c.mode();
            ProbeResult r = probe(cam, ADMIN, Duration.ofMillis(1000));
            assertThat(r).isInstanceOf(c.expected());
            assertThat(r.message()).contains(c.messagePart());
            assertThat(r.hint()).isNotBlank();
        }
    }

    @Test
    void noCredentialsAgainstAProtectedCameraSaysSo() throws IOException {
        try (RecordedOnvifCamera cam = new RecordedOnvifCamera("axis/M3045-V")) {
            ProbeResult r = probe(cam, Credentials.none(), Duration.ofSeconds(5));
            assertThat(r).isInstanceOf(ProbeResult.AuthRejected.class);
            assertThat(r.hint()).contains("--user");
            assertThat(Optional.of(r.message())).isPresent();
        }
    }
}
