package org.cctvgateway.onvif.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.cctvgateway.onvif.soap.Namespaces;
import org.cctvgateway.onvif.soap.SoapEnvelope;
import org.cctvgateway.onvif.soap.SoapFault;
import org.cctvgateway.onvif.soap.SoapMessage;
import org.cctvgateway.onvif.soap.UsernameToken;
import org.cctvgateway.onvif.soap.Xml;
import org.cctvgateway.spi.MediaProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Element;

class DeviceRequestHandlerTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String TDS = "<%s xmlns=\"" + Namespaces.TDS + "\"/>";
    private static final String TRT_TOKEN = "<%s xmlns=\"" + Namespaces.TRT + "\"><ProfileToken>%s</ProfileToken></%s>";

    private final DeviceRequestHandler handler = new DeviceRequestHandler(DeviceFixtures.CONFIG,
            InstantSource.fixed(NOW));

    private static String token(String password, Instant created) {
        return UsernameToken.digest("admin", password, created).toHeaderXml();
    }

    private DeviceResponse call(String header, String body) {
        return handler.handle("/onvif/device_service", SoapEnvelope.build(header, body), "127.0.0.1", 8080);
    }

    private static SoapMessage read(DeviceResponse r) {
        return SoapEnvelope.read(r.body(), 1 << 20);
    }

    @Test
    void answersGetSystemDateAndTimeWithoutAuthentication() {
        DeviceResponse r = call("", String.format(TDS, "GetSystemDateAndTime"));

        assertThat(r.status()).isEqualTo(200);
        Element utc = Xml.descendant(read(r).body().orElseThrow(), Namespaces.TT, "UTCDateTime").orElseThrow();
        assertThat(Xml.descendant(utc, Namespaces.TT, "Year").map(Xml::text)).hasValue("2026");
        assertThat(Xml.descendant(utc, Namespaces.TT, "Hour").map(Xml::text)).hasValue("12");
    }

    @Test
    void answersGetDeviceInformationWithAValidDigest() {
        DeviceResponse r = call(token("s3cret!", NOW), String.format(TDS, "GetDeviceInformation"));

        assertThat(r.status()).isEqualTo(200);
        Element info = read(r).expectBody(Namespaces.TDS, "GetDeviceInformationResponse");
        assertThat(Xml.childText(info, Namespaces.TDS, "Manufacturer")).isEqualTo("Acme Optics");
        assertThat(Xml.childText(info, Namespaces.TDS, "SerialNumber")).isEqualTo("SIM0001");
    }

    /** One refused token and why. */
    record Refusal(String name, String header) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Refusal> refusals() {
        return Stream.of(new Refusal("no token", ""),
                new Refusal("wrong password", token("guess", NOW)),
                new Refusal("created 10 minutes ago", token("s3cret!", NOW.minus(Duration.ofMinutes(10)))),
                new Refusal("created 10 minutes ahead", token("s3cret!", NOW.plus(Duration.ofMinutes(10)))),
                new Refusal("unknown user", UsernameToken.digest("root", "s3cret!", NOW).toHeaderXml()),
                new Refusal("clear-text password", new UsernameToken("admin", "s3cret!", false, "", "").toHeaderXml()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusesBadTokensWithNotAuthorizedAnd400(Refusal c) {
        DeviceResponse r = call(c.header(), String.format(TDS, "GetDeviceInformation"));

        assertThat(r.status()).isEqualTo(400);
        SoapFault fault = read(r).fault().orElseThrow();
        assertThat(fault.has(Namespaces.SOAP12, "Sender")).isTrue();
        assertThat(fault.has(Namespaces.TER, "NotAuthorized")).isTrue();
    }

    @Test
    void refusesAReplayedNonce() {
        String header = token("s3cret!", NOW);

        DeviceResponse first = call(header, String.format(TDS, "GetScopes"));
        DeviceResponse replay = call(header, String.format(TDS, "GetScopes"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(replay.status()).isEqualTo(400);
        assertThat(read(replay).fault().orElseThrow().has(Namespaces.TER, "NotAuthorized")).isTrue();
    }

    @Test
    void answersProfilesAndStreamUris() {
        DeviceResponse profiles = call(token("s3cret!", NOW), "<GetProfiles xmlns=\"" + Namespaces.TRT + "\"/>");
        DeviceResponse uri = call(token("s3cret!", NOW), String.format(TRT_TOKEN, "GetStreamUri", "profile_sub",
                "GetStreamUri"));

        List<Element> ps = Xml.children(read(profiles).expectBody(Namespaces.TRT, "GetProfilesResponse"),
                Namespaces.TRT, "Profiles");
        assertThat(ps).map(p -> p.getAttribute("token")).containsExactly("profile_main", "profile_sub");
        assertThat(Xml.descendant(ps.get(0), Namespaces.TT, "GovLength").map(Xml::text)).hasValue("50");
        assertThat(Xml.descendant(read(uri).body().orElseThrow(), Namespaces.TT, "Uri").map(Xml::text))
                .hasValue("rtsp://127.0.0.1:8554/sub");
    }

    @Test
    void mapsOtherFailuresToTheirFaults() {
        DeviceResponse noSnapshot = call(token("s3cret!", NOW), String.format(TRT_TOKEN, "GetSnapshotUri",
                "profile_main", "GetSnapshotUri"));
        DeviceResponse noProfile = call(token("s3cret!", NOW), String.format(TRT_TOKEN, "GetStreamUri", "nope",
                "GetStreamUri"));
        DeviceResponse unknownOp = call(token("s3cret!", NOW), String.format(TDS, "SystemReboot"));
        DeviceResponse notSoap = handler.handle("/onvif/device_service", "<x/>".getBytes(StandardCharsets.UTF_8),
                "127.0.0.1", 8080);
        // Posting a Media call to the device path is common and accepted, as most firmware does.
        DeviceResponse mediaOnDevicePath = call(token("s3cret!", NOW), "<GetProfiles xmlns=\"" + Namespaces.TRT
                + "\"/>");

        assertThat(noSnapshot.status()).isEqualTo(500);
        assertThat(read(noSnapshot).fault().orElseThrow().has(Namespaces.TER, "ActionNotSupported")).isTrue();
        assertThat(noProfile.status()).isEqualTo(400);
        assertThat(read(noProfile).fault().orElseThrow().has(Namespaces.TER, "InvalidArgVal")).isTrue();
        assertThat(unknownOp.status()).isEqualTo(500);
        assertThat(read(unknownOp).fault().orElseThrow().has(Namespaces.SOAP12, "Receiver")).isTrue();
        assertThat(notSoap.status()).isEqualTo(400);
        assertThat(mediaOnDevicePath.status()).isEqualTo(200);
        assertThat(handler.handle("/other", new byte[0], "127.0.0.1", 8080).status()).isEqualTo(404);
    }

    @Test
    void advertisesServiceAddressesOnTheHostTheClientReached() {
        DeviceResponse r = call("", "<GetServices xmlns=\"" + Namespaces.TDS + "\"><IncludeCapability>false"
                + "</IncludeCapability></GetServices>");

        assertThat(Xml.descendants(read(r).body().orElseThrow(), Namespaces.TDS, "XAddr")).map(Xml::text)
                .containsExactly("http://127.0.0.1:8080/onvif/device_service",
                        "http://127.0.0.1:8080/onvif/media_service", "http://127.0.0.1:8080/onvif/media2_service");
    }

    @Test
    void media2ServesH265ProfilesAndStreamUris() {
        MediaProfile h265 = new MediaProfile("main265", "p265", "H265", 1920, 1080, 12.5, 2048, 25,
                URI.create("rtsp://127.0.0.1:8554/h265"), Optional.empty());
        DeviceRequestHandler h = new DeviceRequestHandler(OnvifDeviceConfig.of(DeviceFixtures.IDENTITY,
                List.of(h265), "admin", "s3cret!", List.of()), InstantSource.fixed(NOW));
        String tr2 = " xmlns=\"" + Namespaces.TR2 + "\"";

        DeviceResponse profiles = h.handle("/onvif/media2_service", SoapEnvelope.build(token("s3cret!", NOW),
                "<GetProfiles" + tr2 + "><Type>All</Type></GetProfiles>"), "127.0.0.1", 80);
        DeviceResponse uri = h.handle("/onvif/media2_service", SoapEnvelope.build(token("s3cret!", NOW),
                "<GetStreamUri" + tr2 + "><Protocol>RTSP</Protocol><ProfileToken>p265</ProfileToken></GetStreamUri>"),
                "127.0.0.1", 80);

        Element encoder = Xml.descendant(read(profiles).expectBody(Namespaces.TR2, "GetProfilesResponse"),
                Namespaces.TR2, "VideoEncoder").orElseThrow();
        assertThat(Xml.childText(encoder, Namespaces.TT, "Encoding")).isEqualTo("H265");
        assertThat(encoder.getAttribute("GovLength")).isEqualTo("25");
        assertThat(Xml.descendant(encoder, Namespaces.TT, "FrameRateLimit").map(Xml::text)).hasValue("12.5");
        assertThat(Xml.childText(read(uri).expectBody(Namespaces.TR2, "GetStreamUriResponse"), Namespaces.TR2, "Uri"))
                .isEqualTo("rtsp://127.0.0.1:8554/h265");
    }

    @Test
    void clockOffsetShiftsTheDeviceTimeAndTheTokenWindow() {
        OnvifDeviceConfig skewed = new OnvifDeviceConfig(DeviceFixtures.IDENTITY, DeviceFixtures.CONFIG.profiles(),
                "admin", "s3cret!", List.of(), List.of(), Duration.ofHours(1));
        DeviceRequestHandler h = new DeviceRequestHandler(skewed, InstantSource.fixed(NOW));

        DeviceResponse onOurClock = h.handle("/onvif/device_service", SoapEnvelope.build(token("s3cret!", NOW),
                String.format(TDS, "GetDeviceInformation")), "127.0.0.1", 80);
        DeviceResponse onItsClock = h.handle("/onvif/device_service", SoapEnvelope.build(token("s3cret!",
                NOW.plus(Duration.ofHours(1))), String.format(TDS, "GetDeviceInformation")), "127.0.0.1", 80);

        assertThat(onOurClock.status()).isEqualTo(400);
        assertThat(onItsClock.status()).isEqualTo(200);
    }
}
