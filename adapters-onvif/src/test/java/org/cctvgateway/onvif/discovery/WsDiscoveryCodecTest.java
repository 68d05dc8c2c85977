package org.cctvgateway.onvif.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WsDiscoveryCodecTest {
    /** One real-world ProbeMatches fixture and what must come out of it. */
    record Case(String name, String fixture, String relatesTo, String endpointReference, List<String> xaddrs,
            boolean onvif, Map<String, String> hints) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> fixtures() {
        return Stream.of(
                new Case("Hikvision: wsadis prefix, IPv4 with port plus IPv6 link-local XAddr",
                        "hikvision-ds2cd2612f.xml", "urn:uuid:5bd4b8f6-4f6a-4b0e-9d3c-0f6e2f7b1a01",
                        "urn:uuid:a7fc57d6-463d-11b4-82bf-4419b64968e1",
                        List.of("http://192.168.0.59:8059/onvif/device_service",
                                "http://[fe80::4619:b6ff:fe49:68e1]/onvif/device_service"),
                        true, Map.of("name", "DS-2CD2612F-I", "hardware", "DS-2CD2612F-I", "model", "DS-2CD2612F-I",
                                "location", "city/hangzhou", "profile", "S,G")),
                new Case("gSOAP/Dahua: SOAP-ENV and wsdd prefixes, uuid: ids, scopes on several lines",
                        "gsoap-oem-dahua.xml", "uuid:9ac9a12f-be37-4767-9333-50aa933026ea",
                        "uuid:3a1f7e20-4c1b-11ee-8000-e0508b2c7d11",
                        List.of("http://192.168.1.108/onvif/device_service"),
                        true, Map.of("name", "Dahua", "hardware", "IPC-HDW1230S", "model", "IPC-HDW1230S",
                                "location", "country/china", "profile", "S,T")),
                new Case("Axis: link-local second XAddr, brand in name", "axis-q1615.xml",
                        "urn:uuid:5bd4b8f6-4f6a-4b0e-9d3c-0f6e2f7b1a01",
                        "urn:uuid:9f5e1a2b-0000-1000-8000-accc8e0f1a2b",
                        List.of("http://192.168.1.102/onvif/device_service",
                                "http://169.254.125.197/onvif/device_service"),
                        true, Map.of("name", "AXIS Q1615", "hardware", "Q1615", "model", "Q1615", "vendor", "AXIS",
                                "profile", "S,G,T")),
                new Case("Bosch: http and https XAddrs, dn declared on Types", "bosch-encoder.xml",
                        "urn:uuid:5bd4b8f6-4f6a-4b0e-9d3c-0f6e2f7b1a01",
                        "urn:uuid:0a1b2c3d-0000-0000-0000-00075f8a1b2c",
                        List.of("http://192.168.1.124:80/onvif/device_service",
                                "https://192.168.1.124:443/onvif/device_service"),
                        true, Map.of("name", "Bosch VIP-X1600", "hardware", "VIP-X1600", "model", "VIP-X1600",
                                "vendor", "Bosch", "profile", "S")));
    }

    static byte[] fixture(String file) throws IOException {
        try (InputStream in = WsDiscoveryCodecTest.class.getResourceAsStream("fixtures/" + file)) {
            assertThat(in).as(file).isNotNull();
            return in.readAllBytes();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesRealWorldProbeMatches(Case c) throws IOException {
        byte[] wire = fixture(c.fixture());
        byte[] copy = wire.clone();

        WsDiscoveryMessage msg = WsDiscoveryCodec.parse(wire, wire.length);

        assertThat(wire).as("input untouched").isEqualTo(copy);
        assertThat(msg).isInstanceOf(WsDiscoveryMessage.ProbeMatches.class);
        WsDiscoveryMessage.ProbeMatches pm = (WsDiscoveryMessage.ProbeMatches) msg;
        assertThat(pm.relatesTo()).isEqualTo(c.relatesTo());
        assertThat(pm.matches()).hasSize(1);
        DiscoveryEndpoint e = pm.matches().get(0);
        assertThat(e.endpointReference()).isEqualTo(c.endpointReference());
        assertThat(e.xaddrs()).map(URI::toString).containsExactlyElementsOf(c.xaddrs());
        assertThat(e.isOnvif()).isEqualTo(c.onvif());
        assertThat(ScopeHints.parse(e.scopes())).containsExactlyInAnyOrderEntriesOf(c.hints());
        assertThat(e.matchesTypes(List.of(WsDiscoveryCodec.NVT))).isTrue();
    }

    @Test
    void probeRoundTripsWithTypes() {
        byte[] wire = WsDiscoveryCodec.probe("urn:uuid:1", List.of(WsDiscoveryCodec.NVT, WsDiscoveryCodec.DEVICE));

        WsDiscoveryMessage msg = WsDiscoveryCodec.parse(wire, wire.length);

        assertThat(msg).isEqualTo(new WsDiscoveryMessage.Probe("urn:uuid:1",
                List.of(WsDiscoveryCodec.NVT, WsDiscoveryCodec.DEVICE), List.of()));
    }

    @Test
    void probeMatchesHelloAndByeRoundTrip() {
        DiscoveryEndpoint e = new DiscoveryEndpoint("urn:uuid:abc", List.of(WsDiscoveryCodec.NVT),
                List.of("onvif://www.onvif.org/name/A%26B"),
                List.of(URI.create("http://127.0.0.1:8080/onvif/device_service"),
                URI.create("http://[::1]:8080/onvif/device_service")), 3);

        byte[] pm = WsDiscoveryCodec.probeMatches("urn:uuid:m", "urn:uuid:p", e);
        byte[] hello = WsDiscoveryCodec.hello("urn:uuid:h", e);
        byte[] bye = WsDiscoveryCodec.bye("urn:uuid:b", e);

        assertThat(WsDiscoveryCodec.parse(pm, pm.length))
                .isEqualTo(new WsDiscoveryMessage.ProbeMatches("urn:uuid:m", "urn:uuid:p", List.of(e)));
        assertThat(WsDiscoveryCodec.parse(hello, hello.length))
                .isEqualTo(new WsDiscoveryMessage.Hello("urn:uuid:h", e));
        WsDiscoveryMessage.Bye b = (WsDiscoveryMessage.Bye) WsDiscoveryCodec.parse(bye, bye.length);
        assertThat(b.endpoint().endpointReference()).isEqualTo("urn:uuid:abc");
    }

    @Test
    void undeclaredTypePrefixStillMatchesOnvifTypes() {
        String xml = envelope("<d:Probe><d:Types>dn:NetworkVideoTransmitter</d:Types></d:Probe>");

        WsDiscoveryMessage.Probe p = (WsDiscoveryMessage.Probe) parse(xml);

        assertThat(p.types()).containsExactly(new QName(WsDiscoveryCodec.DN, "NetworkVideoTransmitter"));
    }

    @Test
    void acceptsWsDiscovery11Namespace() {
        String xml = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
                + "xmlns:d=\"http://docs.oasis-open.org/ws-dd/ns/discovery/2009/01\"><s:Body><d:Probe/></s:Body>"
                + "</s:Envelope>";

        assertThat(parse(xml)).isInstanceOf(WsDiscoveryMessage.Probe.class);
    }

    record Bad(String name, String xml, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> badInputs() {
        String many = "x ".repeat(WsDiscoveryCodec.MAX_LIST_ITEMS + 1);
        return Stream.of(
                new Bad("not XML", "hello", "not well-formed"),
                new Bad("DOCTYPE refused", "<!DOCTYPE x [<!ENTITY a \"b\">]><x/>", "not well-formed"),
                new Bad("not SOAP", "<x/>", "expected a SOAP 1.2 Envelope"),
                new Bad("no Body", "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"/>", "no Body"),
                new Bad("foreign body", envelope("<q xmlns=\"urn:x\"/>"), "not a WS-Discovery message"),
                new Bad("Resolve unsupported", envelope("<d:Resolve/>"), "unsupported WS-Discovery message"),
                new Bad("too many scopes", envelope("<d:Probe><d:Scopes>" + many + "</d:Scopes></d:Probe>"),
                        "Scopes holds more than 32 items"),
                new Bad("too long scope", envelope("<d:Probe><d:Scopes>" + "a".repeat(2000) + "</d:Scopes></d:Probe>"),
                        "Scopes item is 2000 characters, limit is 1024"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void rejectsGarbageWithAClearMessage(Bad bad) {
        assertThatThrownBy(() -> parse(bad.xml())).isInstanceOf(WsDiscoveryProtocolException.class)
                .hasMessageContaining(bad.message());
    }

    @Test
    void rejectsOversizedDatagram() {
        byte[] big = new byte[WsDiscoveryCodec.MAX_DATAGRAM_BYTES + 1];

        assertThatThrownBy(() -> WsDiscoveryCodec.parse(big, big.length))
                .isInstanceOf(WsDiscoveryProtocolException.class)
                .hasMessage("WS-Discovery datagram is 32769 bytes, limit is 32768");
    }

    static String envelope(String body) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
                + "xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\"><s:Body>" + body
                + "</s:Body></s:Envelope>";
    }

    static WsDiscoveryMessage parse(String xml) {
        byte[] b = xml.getBytes(StandardCharsets.UTF_8);
        return WsDiscoveryCodec.parse(b, b.length);
    }
}
