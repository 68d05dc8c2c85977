package org.cctvgateway.pki;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.util.IPAddress;
import org.cctvgateway.StorageException;
import org.cctvgateway.internal.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key and certificate chain a TLS server presents, and optionally the certificate
 * authorities it trusts for client certificates (mutual TLS). Immutable.
 *
 * <p>{@link #loadOrCreate} keeps the gateway's own certificate under {@code <dataDir>/tls/}:
 * the first start generates an ECDSA P-256 self-signed certificate, later starts load it, so
 * the fingerprint an operator pinned stays the same. {@link #load} reads files an operator
 * supplies. Both block on file I/O.
 *
 * <table>
 *   <caption>Generated certificate</caption>
 *   <tr><td>key</td><td>ECDSA P-256, PKCS#8 PEM, file mode 0600</td></tr>
 *   <tr><td>subject</td><td>CN=cctv-gateway</td></tr>
 *   <tr><td>SAN</td><td>DNS:localhost, the host name (DNS or IP), IP:127.0.0.1</td></tr>
 *   <tr><td>validity</td><td>2 years from one hour before creation (clock skew)</td></tr>
 *   <tr><td>serial</td><td>127 random bits</td></tr>
 * </table>
 */
public final class GatewayTlsMaterial {
    /** Subject CN of the generated certificate. */
    public static final String COMMON_NAME = "cctv-gateway";
    /** Validity of the generated certificate. */
    public static final Duration GENERATED_VALIDITY = Duration.ofDays(730);

    private static final Logger LOG = LoggerFactory.getLogger(GatewayTlsMaterial.class);

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final Optional<List<X509Certificate>> clientCa;

    private GatewayTlsMaterial(PrivateKey privateKey, List<X509Certificate> chain,
                               Optional<List<X509Certificate>> clientCa) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.chain = List.copyOf(chain);
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least the server certificate");
        }
        this.clientCa = clientCa.map(List::copyOf);
    }

    /** Material from values already in memory; {@code chain} starts with the server certificate. */
    public static GatewayTlsMaterial of(PrivateKey privateKey, List<X509Certificate> chain) {
        return new GatewayTlsMaterial(privateKey, chain, Optional.empty());
    }

    /**
     * Loads {@code <dataDir>/tls/server.crt} and {@code server.key}, or generates and writes them
     * when neither exists.
     *
     * @param hostName the name clients use for this gateway (a DNS name or an IP literal); it
     *     goes into the generated certificate's subject alternative names
     * @throws StorageException when only one of the two files exists, or they cannot be read or
     *     written
     */
    public static GatewayTlsMaterial loadOrCreate(Path dataDir, String hostName, Clock clock) {
        Path dir = dataDir.resolve("tls");
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        boolean haveCert = Files.exists(cert);
        boolean haveKey = Files.exists(key);
        if (haveCert && haveKey) {
            return load(cert, key);
        }
        if (haveCert || haveKey) {
            Path missing = haveCert ? key : cert;
            throw new StorageException(missing + " is missing but " + (haveCert ? cert : key) + " exists",
                    "restore the missing file from a backup, or delete both to generate a new certificate "
                            + "(clients that pinned the old fingerprint must then be updated)", null);
        }
        CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());
        KeyPair keys = issuer.newEcKeyPair();
        X509Certificate certificate = issuer.selfSigned(generatedSpec(hostName, clock.instant()), keys);
        // Key first: a crash between the two writes leaves a key without a certificate, which
        // the check above reports instead of silently pairing a new certificate with nothing.
        AtomicFiles.write(key, Pem.encode(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII),
                AtomicFiles.Permissions.OWNER_ONLY);
        AtomicFiles.write(cert, Pem.encode(certificate).getBytes(StandardCharsets.US_ASCII),
                AtomicFiles.Permissions.DEFAULT);
        GatewayTlsMaterial material = of(keys.getPrivate(), List.of(certificate));
        LOG.info("generated TLS certificate {} (SHA-256 {})", cert, material.sha256Fingerprint());
        return material;
    }

    /**
     * Reads a PEM certificate chain (server certificate first) and its PEM private key.
     *
     * @throws StorageException naming the file that is missing, unreadable or does not match
     */
    public static GatewayTlsMaterial load(Path certPem, Path keyPem) {
        List<X509Certificate> chain = Pem.readCertificates(certPem);
        PrivateKey key = Pem.readPrivateKey(keyPem);
        if (!matches(key, chain.get(0))) {
            throw new StorageException("the private key in " + keyPem + " does not belong to the certificate in "
                    + certPem, "use the key file that was created with this certificate", null);
        }
        return of(key, chain);
    }

    /** A copy that trusts {@code authorities} for client certificates (mutual TLS). */
    public GatewayTlsMaterial withClientCa(List<X509Certificate> authorities) {
        if (authorities.isEmpty()) {
            throw new IllegalArgumentException("client CA list must not be empty");
        }
        return new GatewayTlsMaterial(privateKey, chain, Optional.of(authorities));
    }

    /** A copy that trusts the certificates in the PEM file {@code caPem} for client certificates. */
    public GatewayTlsMaterial withClientCa(Path caPem) {
        return withClientCa(Pem.readCertificates(caPem));
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The server certificate followed by any intermediates. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The server certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** Authorities trusted for client certificates; empty when client certificates are not checked. */
    public Optional<List<X509Certificate>> clientCa() {
        return clientCa;
    }

    /** The server certificate's SHA-256 fingerprint as {@code openssl x509 -fingerprint -sha256} prints it. */
    public String sha256Fingerprint() {
        return fingerprint(certificate());
    }

    /** Upper-case hex pairs joined by colons, e.g. {@code 3F:A0:...}, of the DER encoding's SHA-256. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    static CertificateSpec generatedSpec(String hostName, Instant now) {
        List<String> dns = new ArrayList<>(List.of("localhost"));
        List<String> ips = new ArrayList<>(List.of("127.0.0.1"));
        String host = hostName.trim().toLowerCase(Locale.ROOT);
        if (IPAddress.isValid(host)) {
            if (!ips.contains(host)) {
                ips.add(host);
            }
        } else if (!host.isEmpty() && !dns.contains(host)) {
            dns.add(host);
        }
        return new CertificateSpec(COMMON_NAME, dns, ips, now.minus(Duration.ofHours(1)), GENERATED_VALIDITY,
                CertificateSpec.Usage.SERVER);
    }

    private static boolean matches(PrivateKey key, X509Certificate cert) {
        // Sign and verify a probe: works for EC and RSA alike without comparing key internals.
        String alg = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            byte[] probe = "cctv-gateway key check".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature s = java.security.Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            java.security.Signature v = java.security.Signature.getInstance(alg);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "GatewayTlsMaterial[" + certificate().getSubjectX500Principal() + " SHA-256 " + sha256Fingerprint()
                + (clientCa.isPresent() ? " clientCa=" + clientCa.get().size() : "") + "]";
    }
}
