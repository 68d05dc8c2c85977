package org.cctvgateway.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cctvgateway.GatewayException;
import org.cctvgateway.pki.CertificateSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading an agency certificate from the files a gateway operator hands out, on real files and real keys. */
class AgencyCertificateTest {
    private static final TestPki PKI = new TestPki();
    private static final String PASSWORD = "p12-Pass-word";

    @TempDir
    Path dir;

    private static String env(String name) {
        return Map.of("AGENCY_PW", PASSWORD, "EMPTY_PW", "", "WRONG_PW", "not-it").get(name);
    }

    private static AgencyCertificate load(Path cert, Optional<Path> key, String passwordEnv) {
        return AgencyCertificate.load(cert, key, passwordEnv, AgencyCertificateTest::env);
    }

    @Test
    void loadsPkcs12WithThePasswordFromTheNamedVariable() throws Exception {
        Path p12 = TestPki.writePkcs12(dir.resolve("police.p12"), PKI.agencyKeys, PKI.agency, PASSWORD);
        AgencyCertificate c = load(p12, Optional.empty(), "AGENCY_PW");
        assertThat(c.agency()).isEqualTo("police");
        assertThat(c.certificate()).isEqualTo(PKI.agency);
        assertThat(c.serialHex())
                .isEqualTo(PKI.agency.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT));
        assertThat(c.notAfter()).isEqualTo(PKI.agency.getNotAfter().toInstant());
        assertThat(AgencyCertificate.matches(c.privateKey(), PKI.agency)).isTrue();
        assertThat(c.toString()).contains("police").doesNotContain(PASSWORD).doesNotContain("PRIVATE");
    }

    @Test
    void namesTheVariableWhenThePkcs12PasswordIsWrongOrMissing() throws Exception {
        Path p12 = TestPki.writePkcs12(dir.resolve("police.p12"), PKI.agencyKeys, PKI.agency, PASSWORD);
        assertThatThrownBy(() -> load(p12, Optional.empty(), "WRONG_PW"))
                .isInstanceOf(GatewayException.class)
                .hasMessage("wrong password for " + p12 + " (from environment variable WRONG_PW)")
                .hasMessageNotContaining("not-it");
        assertThatThrownBy(() -> load(p12, Optional.empty(), "UNSET_PW"))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("environment variable UNSET_PW (its password) is not set");
    }

    @Test
    void loadsPemCertificateWithTheKeyOfTheSameBaseName() throws Exception {
        Path cert = TestPki.writePem(dir.resolve("police.crt.pem"), PKI.agency, PKI.ca);
        TestPki.writePem(dir.resolve("police.key.pem"), PKI.agencyKeys.getPrivate());
        AgencyCertificate c = load(cert, Optional.empty(), "UNSET_PW");
        assertThat(c.chain()).containsExactly(PKI.agency, PKI.ca);
        assertThat(c.agency()).isEqualTo("police");
    }

    @Test
    void loadsPemCertificateAndKeyFromOneFileOrAnExplicitKey() throws Exception {
        Path both = TestPki.writePem(dir.resolve("police.pem"), PKI.agency, PKI.agencyKeys.getPrivate());
        assertThat(load(both, Optional.empty(), "UNSET_PW").certificate()).isEqualTo(PKI.agency);
        Path cert = TestPki.writePem(dir.resolve("cert.pem"), PKI.agency);
        Path key = TestPki.writePem(dir.resolve("elsewhere.pem"), PKI.agencyKeys.getPrivate());
        assertThat(load(cert, Optional.of(key), "UNSET_PW").certificate()).isEqualTo(PKI.agency);
    }

    @ParameterizedTest
    @CsvSource({"police.pem, police.key.pem", "police.crt.pem, police.key.pem", "police.crt, police.key.pem",
                "police.cert.pem, police.key.pem", "police, police.key.pem", "a.b.pem, a.b.key.pem"})
    void defaultKeyFileSharesTheCertificatesBaseName(String cert, String key) {
        assertThat(AgencyCertificate.defaultKeyFile(dir.resolve(cert))).isEqualTo(dir.resolve(key));
    }

    @Test
    void refusesAKeyThatDoesNotBelongToTheCertificate() throws Exception {
        KeyPair other = PKI.issuer.newEcKeyPair();
        Path cert = TestPki.writePem(dir.resolve("police.pem"), PKI.agency);
        Path key = TestPki.writePem(dir.resolve("police.key.pem"), other.getPrivate());
        assertThatThrownBy(() -> load(cert, Optional.empty(), "UNSET_PW"))
                .isInstanceOf(GatewayException.class)
                .hasMessage("the private key in " + key + " does not belong to the certificate in " + cert);
    }

    @Test
    void namesTheMissingFile() throws Exception {
        Path missing = dir.resolve("nope.p12");
        assertThatThrownBy(() -> load(missing, Optional.empty(), "AGENCY_PW"))
                .isInstanceOf(GatewayException.class)
                .hasMessage("agency certificate file " + missing + " does not exist (--agency-cert)");
        Path cert = TestPki.writePem(dir.resolve("police.pem"), PKI.agency);
        assertThatThrownBy(() -> load(cert, Optional.empty(), "UNSET_PW"))
                .isInstanceOf(GatewayException.class)
                .hasMessage("agency private key file " + dir.resolve("police.key.pem")
                        + " does not exist (--agency-key (default))");
    }

    @Test
    void refusesAFileThatIsNeitherPemNorPkcs12() throws Exception {
        Path junk = Files.write(dir.resolve("junk.p12"), new byte[] {0x30, 0x03, 0x02, 0x01, 0x00});
        assertThatThrownBy(() -> load(junk, Optional.empty(), "AGENCY_PW"))
                .isInstanceOf(GatewayException.class)
                .hasMessageStartingWith(junk + " is neither PEM nor a readable PKCS#12 file");
    }

    @Test
    void refusesAnExpiredCertificateAndWarnsOfOneNearItsEnd() {
        Instant issued = Instant.parse("2026-01-01T00:00:00Z");
        KeyPair keys = PKI.issuer.newEcKeyPair();
        X509Certificate cert = PKI.issue(new CertificateSpec("police", List.of(), List.of(), issued,
                Duration.ofDays(90), CertificateSpec.Usage.CLIENT), keys);
        AgencyCertificate c = AgencyCertificate.of(keys.getPrivate(), List.of(cert));
        assertThatThrownBy(() -> c.checkValidity(issued.plus(Duration.ofDays(91))))
                .isInstanceOf(GatewayException.class)
                .hasMessageStartingWith("your agency certificate expired on 2026-04-01T00:00:00Z")
                .satisfies(e -> assertThat(((GatewayException) e).hint()).isEqualTo("ask the gateway operator for a "
                        + "new one"));
        assertThat(c.checkValidity(issued.plus(Duration.ofDays(10)))).isEmpty();
        assertThat(c.checkValidity(issued.plus(Duration.ofDays(88)))).hasValueSatisfying(w -> assertThat(w)
                .startsWith("your agency certificate expires on 2026-04-01T00:00:00Z"));
        assertThat(c.checkValidity(issued.minus(Duration.ofDays(1)))).hasValueSatisfying(w -> assertThat(w)
                .startsWith("your agency certificate is valid only from 2026-01-01T00:00:00Z"));
    }
}
