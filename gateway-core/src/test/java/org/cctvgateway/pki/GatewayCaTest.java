package org.cctvgateway.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.cctvgateway.GatewayException;
import org.cctvgateway.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayCaTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path data;

    @Test
    void initMakesCaAndServerCertificateSignedByIt() throws Exception {
        GatewayCa ca = GatewayCa.init(data, List.of("gw.example.org", "10.0.0.5"), false, CLOCK);

        X509Certificate caCert = ca.certificate();
        assertThat(caCert.getBasicConstraints()).isEqualTo(0);
        assertThat(caCert.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(caCert.getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(caCert.getNotAfter().toInstant()).isAfter(NOW.plus(GatewayCa.CA_VALIDITY).minusSeconds(7200));
        caCert.verify(caCert.getPublicKey());
        X509Certificate server = ca.serverCertificate();
        server.verify(caCert.getPublicKey());
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(server.getSubjectAlternativeNames()).extracting(l -> l.get(1).toString())
                .containsExactlyInAnyOrder("localhost", "gw.example.org", "127.0.0.1", "10.0.0.5");
        for (String key : List.of("ca.key.pem", "server.key.pem")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("pki/" + key))))
                    .isEqualTo("rw-------");
        }
        assertThat(ca.files()).allMatch(Files::exists);
        assertThat(ca.caFingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void secondInitIsRefusedAndSaysWhatForceWouldBreak() {
        GatewayCa.init(data, List.of(), false, CLOCK);

        assertThatThrownBy(() -> GatewayCa.init(data, List.of(), false, CLOCK))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("already exists")
                .extracting(e -> ((GatewayException) e).hint()).asString()
                .contains("every agency certificate");
    }

    @Test
    void forcedInitReplacesTheCa() {
        GatewayCa first = GatewayCa.init(data, List.of(), false, CLOCK);
        GatewayCa second = GatewayCa.init(data, List.of(), true, CLOCK);

        assertThat(second.caFingerprint()).isNotEqualTo(first.caFingerprint());
        assertThat(GatewayCa.load(data).caFingerprint()).isEqualTo(second.caFingerprint());
    }

    @Test
    void loadReadsWhatInitWrote() {
        GatewayCa made = GatewayCa.init(data, List.of("gw"), false, CLOCK);

        GatewayCa loaded = GatewayCa.load(data);

        assertThat(loaded).isEqualTo(made);
        assertThat(loaded.serverCertificate()).isEqualTo(made.serverCertificate());
    }

    @Test
    void loadNamesTheMissingFileOfHalfPresentMaterial() throws Exception {
        GatewayCa.init(data, List.of(), false, CLOCK);
        Files.delete(data.resolve("pki/server.key.pem"));

        assertThatThrownBy(() -> GatewayCa.load(data))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("server.key.pem is missing");
    }

    @Test
    void loadWithoutCaSaysToRunInit() {
        assertThatThrownBy(() -> GatewayCa.load(data))
                .isInstanceOf(StorageException.class)
                .extracting(e -> ((GatewayException) e).hint()).asString()
                .contains("pki init");
    }

    @Test
    void serverTlsMaterialFallsBackToSelfSignedWithoutCa() {
        GatewayTlsMaterial m = GatewayCa.serverTlsMaterial(data, "gw", CLOCK);

        assertThat(m.clientCa()).isEmpty();
        assertThat(data.resolve("tls/server.crt")).exists();
        assertThat(data.resolve("pki")).doesNotExist();
    }

    @Test
    void serverTlsMaterialUsesCaAndTrustsItForClients() {
        GatewayCa ca = GatewayCa.init(data, List.of(), false, CLOCK);

        GatewayTlsMaterial m = GatewayCa.serverTlsMaterial(data, "gw", CLOCK);

        assertThat(m.chain()).containsExactly(ca.serverCertificate(), ca.certificate());
        assertThat(m.clientCa()).contains(List.of(ca.certificate()));
        assertThat(data.resolve("tls")).doesNotExist();
    }

    @Test
    void rejectsAHostThatIsNeitherNameNorAddress() {
        assertThatThrownBy(() -> GatewayCa.init(data, List.of("bad host!"), false, CLOCK))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("'bad host!'");
    }
}
