package org.cctvgateway.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.StorageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTlsMaterialTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void firstStartGeneratesSelfSignedEcCertificateWithSansAndPrivateKeyFile() throws Exception {
        GatewayTlsMaterial m = GatewayTlsMaterial.loadOrCreate(dir, "gw.example.org", CLOCK);
        X509Certificate cert = m.certificate();
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=cctv-gateway");
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(cert.getSubjectAlternativeNames()).extracting(l -> l.get(1).toString())
                .containsExactlyInAnyOrder("localhost", "gw.example.org", "127.0.0.1");
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)).plus(Duration.ofDays(730)));
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        cert.verify(cert.getPublicKey());
        Path key = dir.resolve("tls/server.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(m.clientCa()).isEmpty();
    }

    @Test
    void ipAddressHostNameBecomesIpSan() throws Exception {
        X509Certificate cert = GatewayTlsMaterial.loadOrCreate(dir, "192.168.1.20", CLOCK).certificate();
        assertThat(cert.getSubjectAlternativeNames()).extracting(l -> l.get(0) + "=" + l.get(1))
                .containsExactlyInAnyOrder("2=localhost", "7=127.0.0.1", "7=192.168.1.20");
    }

    @Test
    void secondStartLoadsTheSameCertificate() {
        GatewayTlsMaterial first = GatewayTlsMaterial.loadOrCreate(dir, "gw", CLOCK);
        GatewayTlsMaterial second = GatewayTlsMaterial.loadOrCreate(dir, "other-name", CLOCK);
        assertThat(second.sha256Fingerprint()).isEqualTo(first.sha256Fingerprint());
        assertThat(second.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
    }

    @Test
    void fingerprintMatchesOpenssl() throws Exception {
        GatewayTlsMaterial m = GatewayTlsMaterial.loadOrCreate(dir, "gw", CLOCK);
        String out = run("openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in",
                dir.resolve("tls/server.crt").toString());
        assertThat(out.trim()).endsWith("=" + m.sha256Fingerprint());
        assertThat(m.sha256Fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ec-traditional", "ec-pkcs8", "rsa-traditional", "rsa-pkcs8"})
    void loadsOpensslMadeKeysInEveryPemForm(String form) throws Exception {
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        if (form.startsWith("ec")) {
            run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
        } else {
            run("openssl", "genrsa", "-traditional", "-out", key.toString(), "2048");
        }
        if (form.endsWith("pkcs8")) {
            Path p8 = dir.resolve("key8.pem");
            run("openssl", "pkcs8", "-topk8", "-nocrypt", "-in", key.toString(), "-out", p8.toString());
            Files.move(p8, key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        run("openssl", "req", "-x509", "-new", "-key", key.toString(), "-subj", "/CN=user", "-days", "2",
                "-out", cert.toString());
        assertThat(Files.readString(key)).contains(form.endsWith("pkcs8") ? "BEGIN PRIVATE KEY"
                : form.startsWith("ec") ? "BEGIN EC PRIVATE KEY" : "BEGIN RSA PRIVATE KEY");
        GatewayTlsMaterial m = GatewayTlsMaterial.load(cert, key);
        assertThat(m.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=user");
        assertThat(m.privateKey().getAlgorithm()).isEqualTo(form.startsWith("ec") ? "EC" : "RSA");
    }

    @Test
    void missingKeyFileIsNamed() {
        GatewayTlsMaterial.loadOrCreate(dir, "gw", CLOCK);
        Path missing = dir.resolve("nope.key");
        assertThatThrownBy(() -> GatewayTlsMaterial.load(dir.resolve("tls/server.crt"), missing))
                .isInstanceOf(StorageException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void garbageCertificateFileIsNamed() throws Exception {
        GatewayTlsMaterial.loadOrCreate(dir, "gw", CLOCK);
        Path bad = dir.resolve("bad.crt");
        Files.writeString(bad, "-----BEGIN CERTIFICATE-----\nnot base64 !!\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> GatewayTlsMaterial.load(bad, dir.resolve("tls/server.key")))
                .isInstanceOf(StorageException.class).hasMessageContaining(bad.toString());
    }

    @Test
    void keyFileGivenAsCertificateSaysThereIsNoCertificate() {
        GatewayTlsMaterial.loadOrCreate(dir, "gw", CLOCK);
        Path key = dir.resolve("tls/server.key");
        assertThatThrownBy(() -> GatewayTlsMaterial.load(key, key))
                .isInstanceOf(StorageException.class).hasMessageContaining("holds no PEM certificate");
    }

    @Test
    void keyOfAnotherCertificateIsRejected() throws Exception {
        GatewayTlsMaterial.loadOrCreate(dir.resolve("a"), "gw", CLOCK);
        GatewayTlsMaterial.loadOrCreate(dir.resolve("b"), "gw", CLOCK);
        assertThatThrownBy(() -> GatewayTlsMaterial.load(dir.resolve("a/tls/server.crt"),
                dir.resolve("b/tls/server.key")))
                .isInstanceOf(StorageException.class).hasMessageContaining("does not belong");
    }

    @Test
    void encryptedKeyIsRefusedWithHint() throws Exception {
        Path key = dir.resolve("enc.pem");
        run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes256",
                "-pass", "pass:secret", "-out", key.toString());
        assertThatThrownBy(() -> Pem.readPrivateKey(key))
                .isInstanceOf(StorageException.class).hasMessageContaining("encrypted")
                .satisfies(e -> assertThat(((StorageException) e).hint()).contains("openssl pkey"));
    }

    @Test
    void onlyOneOfTheTwoFilesPresentIsAnErrorNotARegeneration() throws Exception {
        GatewayTlsMaterial.loadOrCreate(dir, "gw", CLOCK);
        Files.delete(dir.resolve("tls/server.crt"));
        assertThatThrownBy(() -> GatewayTlsMaterial.loadOrCreate(dir, "gw", CLOCK))
                .isInstanceOf(StorageException.class).hasMessageContaining("server.crt is missing");
    }

    @Test
    void clientCaIsCarriedAndIssuedClientCertificateVerifiesAgainstIt() throws Exception {
        CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());
        KeyPair caKeys = issuer.newEcKeyPair();
        X509Certificate ca = issuer.selfSigned(new CertificateSpec("agency CA", List.of(), List.of(), NOW,
                Duration.ofDays(10), CertificateSpec.Usage.CA), caKeys);
        KeyPair clientKeys = issuer.newEcKeyPair();
        X509Certificate client = issuer.issue(new CertificateSpec("agency-viewer", List.of(), List.of(), NOW,
                Duration.ofDays(1), CertificateSpec.Usage.CLIENT), clientKeys.getPublic(), ca, caKeys.getPrivate());
        client.verify(ca.getPublicKey());
        assertThat(client.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(ca.getBasicConstraints()).isZero();
        Path caFile = dir.resolve("ca.pem");
        Files.writeString(caFile, Pem.encode(ca));
        GatewayTlsMaterial m = GatewayTlsMaterial.loadOrCreate(dir, "gw", CLOCK).withClientCa(caFile);
        assertThat(m.clientCa()).hasValueSatisfying(l -> assertThat(l).containsExactly(ca));
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s finished", cmd[0]).isTrue();
            String text = new String(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("%s: %s", String.join(" ", cmd), text).isZero();
            return text;
        } finally {
            p.destroyForcibly();
        }
    }
}
