package org.cctvgateway.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.cctvgateway.GatewayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayTrustTest {
    private static final String PIN = "3F:A0:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:01:23:45:67:89:AB:CD:EF:"
            + "10:20:30:40:50:60";

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "'3F:A0:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:01:23:45:67:89:AB:CD:EF:10:20:30:40:50:60'",
        "'3fa000112233445566778899aabbccddeeff0123456789abcdef102030405060'",
        "'3f a0 00 11 22 33 44 55 66 77 88 99 aa bb cc dd ee ff 01 23 45 67 89 ab cd ef 10 20 30 40 50 60'"})
    void normalizesFingerprintsAsTheGatewayPrintsThem(String given) {
        assertThat(GatewayTrust.normalizeFingerprint(given)).isEqualTo(PIN);
    }

    @ParameterizedTest
    @CsvSource({"3FA0", "'3fa000112233445566778899aabbccddeeff0123456789abcdef10203040506z'", "''"})
    void refusesWhatIsNotASha256Fingerprint(String given) {
        assertThatThrownBy(() -> GatewayTrust.normalizeFingerprint(given))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("is not a SHA-256 fingerprint");
    }

    @Test
    void needsACaOrAPin() throws Exception {
        assertThatThrownBy(() -> GatewayTrust.of(Optional.empty(), Optional.empty(), true))
                .isInstanceOf(GatewayException.class)
                .hasMessage("nothing to check the gateway's certificate against");
        Path missing = dir.resolve("ca.pem");
        assertThatThrownBy(() -> GatewayTrust.of(Optional.of(missing), Optional.empty(), true))
                .hasMessage("gateway CA file " + missing + " does not exist (--gateway-ca)");
        TestPki pki = new TestPki();
        Path ca = TestPki.writePem(missing, pki.ca);
        GatewayTrust both = GatewayTrust.of(Optional.of(ca), Optional.of(PIN.toLowerCase()), true);
        assertThat(both.authorities()).containsExactly(pki.ca);
        assertThat(both.describe()).isEqualTo("CA " + ca + " (host name checked) and pinned SHA-256 " + PIN);
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, '127.0.0.1,localhost', true",
        "localhost, '127.0.0.1,localhost', true",
        "LOCALHOST., 'localhost', true",
        "::1, '0:0:0:0:0:0:0:1', true",
        "127.0.0.2, '127.0.0.1,localhost', false",
        "gw.city.example, '*.city.example', true",
        "a.gw.city.example, '*.city.example', false",
        "city.example, '*.city.example', false",
        "10.0.0.1, '*.city.example,10.0.0.10', false"})
    void matchesTheDialledHostAgainstTheCertificateNames(String host, String names, boolean matches) {
        assertThat(GatewayTrustManager.matchesHost(host, List.of(names.split(",")))).isEqualTo(matches);
    }
}
