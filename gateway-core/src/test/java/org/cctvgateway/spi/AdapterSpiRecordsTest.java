package org.cctvgateway.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AdapterSpiRecordsTest {

    record Case(String name, Runnable construct, Class<? extends Exception> error, String messagePart) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> invalid() {
        URI rtsp = URI.create("rtsp://10.0.0.1/live");
        return Stream.of(
                new Case("blank host", () -> ProbeTarget.of(" ", 80), IllegalArgumentException.class, "host"),
                new Case("port too big", () -> ProbeTarget.of("h", 70000), IllegalArgumentException.class, "70000"),
                new Case("negative port", () -> ProbeTarget.of("h", -1), IllegalArgumentException.class, "-1"),
                new Case("null user", () -> new Credentials(null, ""), NullPointerException.class, "username"),
                new Case("zero timeout", () -> new ProbeRequest(ProbeTarget.of("h", 0), Credentials.none(),
                        Duration.ZERO), IllegalArgumentException.class, "timeout"),
                new Case("zero reply limit", () -> new AdapterContext(io.micrometer.core.instrument.Clock.SYSTEM,
                        Duration.ofSeconds(1), Runnable::run, 0), IllegalArgumentException.class, "maxReplyBytes"),
                new Case("blank failure message", () -> new ProbeResult.Unreachable(" ", "h"),
                        IllegalArgumentException.class, "message"),
                new Case("null hint", () -> new ProbeResult.AuthRejected("m", null), NullPointerException.class,
                        "hint"),
                new Case("credentials in stream URI", () -> new MediaProfile("n", "t", "H264", 1, 1, 25, 0, 0,
                        URI.create("rtsp://admin:pw@10.0.0.1/live"), Optional.empty()),
                        IllegalArgumentException.class, "credentials"),
                new Case("negative width", () -> new MediaProfile("n", "t", "H264", -1, 1, 25, 0, 0, rtsp,
                        Optional.empty()), IllegalArgumentException.class, "width -1"),
                new Case("NaN frame rate", () -> new MediaProfile("n", "t", "H264", 1, 1, Double.NaN, 0, 0, rtsp,
                        Optional.empty()), IllegalArgumentException.class, "frameRateLimit"),
                new Case("bad rtsp port", () -> new NetworkServices(OptionalInt.empty(), OptionalInt.empty(),
                        OptionalInt.of(0), List.of(), false, List.of()), IllegalArgumentException.class, "rtspPort"),
                new Case("zero probe rate", () -> new DiscoveryRequest(Duration.ofSeconds(1), List.of(),
                        Optional.empty(), 0), IllegalArgumentException.class, "maxProbesPerSecond"),
                new Case("blank device address", () -> new DiscoveredDevice("", OptionalInt.empty(), "mdns",
                        Optional.empty(), List.of(), List.of(), Map.of(), false), IllegalArgumentException.class,
                        "address"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsInvalidValuesNamingTheField(Case c) {
        assertThatThrownBy(c.construct()::run).isInstanceOf(c.error()).hasMessageContaining(c.messagePart());
    }

    @Test
    void credentialsNeverPrintThePassword() {
        Credentials c = new Credentials("admin", "s3cret");
        assertThat(c.toString()).contains("admin").doesNotContain("s3cret");
        assertThat(c.isEmpty()).isFalse();
        assertThat(Credentials.none().isEmpty()).isTrue();
    }

    @Test
    void recordsCopyTheirCollections() {
        List<String> scopes = new ArrayList<>(List.of("onvif://www.onvif.org/Profile/S"));
        Map<String, String> hints = new HashMap<>(Map.of("vendor", "Axis"));
        DiscoveredDevice d = new DiscoveredDevice("10.0.0.5", OptionalInt.of(80), "ws-discovery",
                Optional.empty(), List.of(), scopes, hints, true);
        scopes.clear();
        hints.clear();
        assertThat(d.scopes()).hasSize(1);
        assertThat(d.hints()).containsEntry("vendor", "Axis");
        assertThatThrownBy(() -> d.scopes().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void deviceKeyPrefersEndpointReference() {
        DiscoveredDevice withRef = new DiscoveredDevice("10.0.0.5", OptionalInt.empty(), "ws-discovery",
                Optional.of("urn:uuid:1"), List.of(), List.of(), Map.of(), true);
        DiscoveredDevice withoutRef = new DiscoveredDevice("10.0.0.5", OptionalInt.empty(), "mdns",
                Optional.empty(), List.of(), List.of(), Map.of(), false);
        assertThat(withRef.key()).isEqualTo("urn:uuid:1");
        assertThat(withoutRef.key()).isEqualTo("10.0.0.5");
    }

    @Test
    void onlyOkIsOk() {
        CameraDescription desc = new CameraDescription("onvif", DeviceIdentity.unknown(), Optional.empty(),
                NetworkServices.unknown(), List.of());
        assertThat(new ProbeResult.Ok(desc).ok()).isTrue();
        assertThat(new ProbeResult.ClockSkew(Duration.ofMinutes(-7), "m", "h").ok()).isFalse();
        assertThat(new ProbeResult.Unsupported("m", "h").hint()).isEqualTo("h");
    }

    @Test
    void matchConfidenceIsOrdered() {
        assertThat(MatchConfidence.CERTAIN.beats(MatchConfidence.LIKELY)).isTrue();
        assertThat(MatchConfidence.POSSIBLE.beats(MatchConfidence.NONE)).isTrue();
        assertThat(MatchConfidence.LIKELY.beats(MatchConfidence.LIKELY)).isFalse();
    }

    @Test
    void targetDisplaysBracketedIpv6() {
        assertThat(ProbeTarget.of("fe80::1", 8080).display()).isEqualTo("[fe80::1]:8080");
        assertThat(ProbeTarget.of("cam", 0).display()).isEqualTo("cam");
    }
}
