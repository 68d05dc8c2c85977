package org.cctvgateway.cli.connect;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.cctvgateway.pki.CertificateIssuer;
import org.cctvgateway.pki.CertificateSpec;
import org.cctvgateway.pki.GatewayTlsMaterial;
import org.cctvgateway.pki.Pem;

/**
 * A gateway CA with a server and an agency certificate, and a foreign CA, made with the
 * project's own issuer.
 */
final class TestPki {
    static final String AGENCY = "police";

    final CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());
    final KeyPair caKeys = issuer.newEcKeyPair();
    final X509Certificate ca = issuer.selfSigned(spec("Test Gateway CA", List.of(), List.of(),
            CertificateSpec.Usage.CA), caKeys);
    final KeyPair serverKeys = issuer.newEcKeyPair();
    final X509Certificate server = issue(spec("cctv-gateway", List.of("localhost"), List.of("127.0.0.1"),
            CertificateSpec.Usage.SERVER), serverKeys);
    final KeyPair agencyKeys = issuer.newEcKeyPair();
    final X509Certificate agency = issue(spec(AGENCY, List.of(), List.of(), CertificateSpec.Usage.CLIENT), agencyKeys);
    final KeyPair foreignCaKeys = issuer.newEcKeyPair();
    final X509Certificate foreignCa = issuer.selfSigned(spec("Foreign CA", List.of(), List.of(),
            CertificateSpec.Usage.CA), foreignCaKeys);

    static CertificateSpec spec(String cn, List<String> dns, List<String> ips, CertificateSpec.Usage usage) {
        return new CertificateSpec(cn, dns, ips, Instant.now().minus(Duration.ofHours(1)), Duration.ofDays(30), usage);
    }

    X509Certificate issue(CertificateSpec spec, KeyPair keys) {
        return issuer.issue(spec, keys.getPublic(), ca, caKeys.getPrivate());
    }

    /** The gateway's TLS material with client certificates required from {@code clientCa}. */
    GatewayTlsMaterial serverMaterial(X509Certificate clientCa) {
        return GatewayTlsMaterial.of(serverKeys.getPrivate(), List.of(server)).withClientCa(List.of(clientCa));
    }

    AgencyCertificate agencyCertificate() {
        return AgencyCertificate.of(agencyKeys.getPrivate(), List.of(agency));
    }

    GatewayTrust caTrust(Path dir, X509Certificate trusted) throws Exception {
        Path file = writePem(dir.resolve("gateway-ca.pem"), trusted);
        return GatewayTrust.of(java.util.Optional.of(file), java.util.Optional.empty(), true);
    }

    static Path writePem(Path file, Object... certificatesOrKeys) throws Exception {
        StringBuilder b = new StringBuilder();
        for (Object o : certificatesOrKeys) {
            b.append(Pem.encode(o));
        }
        Files.writeString(file, b.toString(), StandardCharsets.US_ASCII);
        return file;
    }

    static Path writePkcs12(Path file, KeyPair keys, X509Certificate cert, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("agency", keys.getPrivate(), password.toCharArray(), new X509Certificate[] {cert});
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
