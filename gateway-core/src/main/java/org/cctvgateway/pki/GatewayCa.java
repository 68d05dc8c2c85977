package org.cctvgateway.pki;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.util.IPAddress;
import org.cctvgateway.StorageException;
import org.cctvgateway.internal.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own certificate authority under {@code <dataDir>/pki/}: it signs the RTSPS server
 * certificate and every agency's client certificate, so a client certificate is trusted exactly
 * when this CA signed it (and it is not revoked or expired, see {@link AgencyCertificateVerifier}).
 *
 * <table>
 *   <caption>Files</caption>
 *   <tr><td>{@code ca.crt.pem}</td><td>CA certificate: CN=cctv-gateway CA &lt;id&gt;, CA:true with
 *       path length 0, keyCertSign and cRLSign, 10 years</td></tr>
 *   <tr><td>{@code ca.key.pem}</td><td>CA key, ECDSA P-256, PKCS#8, mode 0600</td></tr>
 *   <tr><td>{@code server.crt.pem}</td><td>server certificate then the CA certificate: CN=cctv-gateway,
 *       serverAuth, SANs localhost, 127.0.0.1 and the given host names and addresses, 2 years</td></tr>
 *   <tr><td>{@code server.key.pem}</td><td>server key, ECDSA P-256, mode 0600</td></tr>
 * </table>
 *
 * <p>Validity starts one hour before creation to absorb clock skew between machines. Keys are written
 * before their certificates, so a crash in between leaves a key without a certificate, which
 * {@link #load} reports instead of pairing material silently. Immutable; blocking file I/O.
 */
public final class GatewayCa {
    /** How long the CA certificate is valid. */
    public static final Duration CA_VALIDITY = Duration.ofDays(3652);
    /** How long the server certificate is valid. */
    public static final Duration SERVER_VALIDITY = Duration.ofDays(730);
    /** Subject CN of the server certificate. */
    public static final String SERVER_COMMON_NAME = GatewayTlsMaterial.COMMON_NAME;

    private static final Logger LOG = LoggerFactory.getLogger(GatewayCa.class);
    private static final Duration SKEW = Duration.ofHours(1);

    private final Path dir;
    private final X509Certificate caCertificate;
    private final PrivateKey caKey;
    private final X509Certificate serverCertificate;
    private final PrivateKey serverKey;

    private GatewayCa(Path dir, X509Certificate caCertificate, PrivateKey caKey, X509Certificate serverCertificate,
                      PrivateKey serverKey) {
        this.dir = dir;
        this.caCertificate = caCertificate;
        this.caKey = caKey;
        this.serverCertificate = serverCertificate;
        this.serverKey = serverKey;
    }

    /** {@code <dataDir>/pki}. */
    public static Path directory(Path dataDir) {
        return dataDir.resolve("pki");
    }

    /** {@code <dataDir>/pki/ca.crt.pem}, the file agencies and {@code openssl verify} take as CA. */
    public static Path caCertificateFile(Path dataDir) {
        return directory(dataDir).resolve("ca.crt.pem");
    }

    /** Whether any CA material exists (even half of it). */
    public static boolean exists(Path dataDir) {
        Path d = directory(dataDir);
        return Files.exists(d.resolve("ca.crt.pem")) || Files.exists(d.resolve("ca.key.pem"));
    }

    /**
     * Makes a new CA and a server certificate signed by it.
     *
     * @param hosts names and addresses clients use for this gateway; localhost and 127.0.0.1 are
     *     always added
     * @param force replace an existing CA; every agency certificate issued by the old one then stops
     *     working and must be issued again
     * @throws StorageException when a CA exists and {@code force} is false, or a file cannot be written
     */
    public static GatewayCa init(Path dataDir, List<String> hosts, boolean force, Clock clock) {
        if (exists(dataDir) && !force) {
            throw new StorageException("the gateway CA already exists in " + directory(dataDir),
                    "keep it; 'pki init --force' would make a new CA, and every agency certificate issued so far "
                            + "would stop working until it is issued again", null);
        }
        Instant now = clock.instant();
        CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());
        byte[] id = new byte[4];
        new SecureRandom().nextBytes(id);
        KeyPair caKeys = issuer.newEcKeyPair();
        X509Certificate ca = issuer.selfSigned(new CertificateSpec("cctv-gateway CA " + HexFormat.of().formatHex(id),
                List.of(), List.of(), now.minus(SKEW), CA_VALIDITY, CertificateSpec.Usage.CA), caKeys);
        KeyPair serverKeys = issuer.newEcKeyPair();
        X509Certificate server = issuer.issue(serverSpec(hosts, now), serverKeys.getPublic(), ca, caKeys.getPrivate());
        Path d = directory(dataDir);
        writeKey(d.resolve("ca.key.pem"), caKeys.getPrivate());
        writeText(d.resolve("ca.crt.pem"), Pem.encode(ca));
        writeKey(d.resolve("server.key.pem"), serverKeys.getPrivate());
        writeText(d.resolve("server.crt.pem"), Pem.encode(server) + Pem.encode(ca));
        GatewayCa made = new GatewayCa(d, ca, caKeys.getPrivate(), server, serverKeys.getPrivate());
        LOG.info("made gateway CA {} (SHA-256 {})", ca.getSubjectX500Principal(), made.caFingerprint());
        return made;
    }

    /**
     * Loads the CA and server material made by {@link #init}.
     *
     * @throws StorageException when there is no CA, or only part of it, naming the missing file
     */
    public static GatewayCa load(Path dataDir) {
        Path d = directory(dataDir);
        if (!exists(dataDir)) {
            throw new StorageException("there is no gateway CA in " + d, "run 'cctv-gateway pki init' first", null);
        }
        for (String name : List.of("ca.key.pem", "ca.crt.pem", "server.key.pem", "server.crt.pem")) {
            if (!Files.exists(d.resolve(name))) {
                throw new StorageException(d.resolve(name) + " is missing but other CA files exist in " + d,
                        "restore it from a backup, or run 'cctv-gateway pki init --force' to make a new CA "
                                + "(every agency certificate must then be issued again)", null);
            }
        }
        GatewayTlsMaterial caPair = GatewayTlsMaterial.load(d.resolve("ca.crt.pem"), d.resolve("ca.key.pem"));
        GatewayTlsMaterial serverPair = GatewayTlsMaterial.load(d.resolve("server.crt.pem"),
                d.resolve("server.key.pem"));
        X509Certificate ca = caPair.certificate();
        try {
            serverPair.certificate().verify(ca.getPublicKey());
        } catch (java.security.GeneralSecurityException e) {
            throw new StorageException(d.resolve("server.crt.pem") + " is not signed by " + d.resolve("ca.crt.pem"),
                    "restore the matching files from a backup, or run 'cctv-gateway pki init --force'", e);
        }
        return new GatewayCa(d, ca, caPair.privateKey(), serverPair.certificate(), serverPair.privateKey());
    }

    /**
     * What the RTSPS server presents: the CA's server certificate when {@code pki init} was run,
     * else the self-signed certificate of {@link GatewayTlsMaterial#loadOrCreate} under {@code tls/}.
     * With a CA the material trusts it for client certificates; the server must still check each
     * presented certificate with an {@link AgencyCertificateVerifier}.
     */
    public static GatewayTlsMaterial serverTlsMaterial(Path dataDir, String hostName, Clock clock) {
        if (exists(dataDir)) {
            return load(dataDir).tlsMaterial();
        }
        return GatewayTlsMaterial.loadOrCreate(dataDir, hostName, clock);
    }

    /** Server key and chain (server certificate, CA), trusting this CA for client certificates. */
    public GatewayTlsMaterial tlsMaterial() {
        return GatewayTlsMaterial.of(serverKey, List.of(serverCertificate, caCertificate))
                .withClientCa(List.of(caCertificate));
    }

    public X509Certificate certificate() {
        return caCertificate;
    }

    public X509Certificate serverCertificate() {
        return serverCertificate;
    }

    /** The CA certificate's SHA-256 fingerprint, colon-separated upper-case hex. */
    public String caFingerprint() {
        return GatewayTlsMaterial.fingerprint(caCertificate);
    }

    /** The files this CA lives in, CA first. */
    public List<Path> files() {
        return List.of(dir.resolve("ca.crt.pem"), dir.resolve("ca.key.pem"), dir.resolve("server.crt.pem"),
                dir.resolve("server.key.pem"));
    }

    /** The {@code pki} directory. */
    public Path directory() {
        return dir;
    }

    PrivateKey privateKey() {
        return caKey;
    }

    static CertificateSpec serverSpec(List<String> hosts, Instant now) {
        Set<String> dns = new LinkedHashSet<>(List.of("localhost"));
        Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1"));
        for (String h : hosts) {
            String host = h.trim().toLowerCase(Locale.ROOT);
            if (host.isEmpty()) {
                continue;
            }
            if (IPAddress.isValid(host)) {
                ips.add(host);
            } else if (host.matches("[a-z0-9*]([a-z0-9.-]{0,251}[a-z0-9])?")) {
                dns.add(host);
            } else {
                throw new org.cctvgateway.GatewayException("'" + h + "' is neither a host name nor an IP address",
                        "give a DNS name such as gateway.example.org or an address such as 10.0.0.5");
            }
        }
        return new CertificateSpec(SERVER_COMMON_NAME, new ArrayList<>(dns), new ArrayList<>(ips), now.minus(SKEW),
                SERVER_VALIDITY, CertificateSpec.Usage.SERVER);
    }

    static void writeKey(Path file, PrivateKey key) {
        AtomicFiles.write(file, Pem.encode(key).getBytes(StandardCharsets.US_ASCII),
                AtomicFiles.Permissions.OWNER_ONLY);
    }

    static void writeText(Path file, String text) {
        AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), AtomicFiles.Permissions.DEFAULT);
    }

    @Override
    public String toString() {
        return "GatewayCa[" + caCertificate.getSubjectX500Principal() + " SHA-256 " + caFingerprint() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GatewayCa other && other.caCertificate.equals(caCertificate);
    }

    @Override
    public int hashCode() {
        return Objects.hash(caCertificate);
    }
}
