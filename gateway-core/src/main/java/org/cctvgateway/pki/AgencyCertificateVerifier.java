package org.cctvgateway.pki;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Decides whether a client certificate presented in a TLS handshake ties the session to an agency.
 * The TLS layer asks for a certificate but accepts any, so that every refusal can be answered with
 * an RTSP 403 and audited; this class therefore does the whole check itself, in this order:
 * present, signed by this gateway's CA, made for client use (clientAuth, not a CA), within its
 * validity, on record in {@link IssuedIndex} for the agency in its CN, and not revoked.
 *
 * <p>Cheap on the hot path: one ECDSA signature check and map look-ups; the register is read again
 * only when the file changed (see {@link ReloadingFile}), so a revocation by the {@code pki} command
 * takes effect for new sessions within the check interval. Thread-safe.
 */
public final class AgencyCertificateVerifier {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private final X509Certificate ca;
    private final ReloadingFile<Map<String, IssuedCertificate>> register;

    /** What a presented certificate amounts to. */
    public sealed interface Outcome permits Agency, Refused {
    }

    /**
     * The session belongs to this agency.
     *
     * @param name the agency
     * @param serialHex the certificate's serial, for the audit record
     * @param notAfter when the certificate expires
     */
    public record Agency(String name, String serialHex, Instant notAfter) implements Outcome {
        public Agency {
            AgencyNames.require(name);
            Objects.requireNonNull(serialHex, "serialHex");
            Objects.requireNonNull(notAfter, "notAfter");
        }
    }

    /** The certificate does not tie the session to an agency; {@code reason} says why in plain words. */
    public record Refused(String reason) implements Outcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * @param ca the gateway's CA certificate
     * @param issuedFile the register, {@link IssuedIndex#file}
     * @param checkInterval how often the register is looked at for changes
     */
    public AgencyCertificateVerifier(X509Certificate ca, Path issuedFile, Duration checkInterval) {
        this.ca = Objects.requireNonNull(ca, "ca");
        this.register = new ReloadingFile<>(issuedFile, AgencyCertificateVerifier::bySerial, checkInterval);
    }

    /** A verifier for the CA under {@code dataDir} (only its certificate is read, not its key). */
    public static AgencyCertificateVerifier forDataDir(Path dataDir) {
        if (!GatewayCa.exists(dataDir)) {
            throw new org.cctvgateway.StorageException("there is no gateway CA in " + GatewayCa.directory(dataDir)
                    + ", so no agency certificate can be checked", "run 'cctv-gateway pki init' first", null);
        }
        X509Certificate ca = Pem.readCertificates(GatewayCa.caCertificateFile(dataDir)).get(0);
        return new AgencyCertificateVerifier(ca, IssuedIndex.file(dataDir), ReloadingFile.DEFAULT_CHECK_INTERVAL);
    }

    /**
     * Checks the chain a client presented (leaf first; may be empty) at {@code now}. Never throws for a
     * bad certificate: every problem is a {@link Refused}.
     */
    public Outcome verify(List<X509Certificate> chain, Instant now) {
        if (chain == null || chain.isEmpty()) {
            return new Refused("no client certificate");
        }
        X509Certificate leaf = chain.get(0);
        if (!leaf.getIssuerX500Principal().equals(ca.getSubjectX500Principal()) || !signedByCa(leaf)) {
            return new Refused("certificate is not issued by this gateway's CA (issuer "
                    + leaf.getIssuerX500Principal().getName() + ")");
        }
        if (!forClientUse(leaf)) {
            return new Refused("certificate is not for client use");
        }
        String serial = IssuedCertificate.serialHex(leaf.getSerialNumber());
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            return new Refused("certificate serial " + serial + " expired on " + notAfter);
        }
        Instant notBefore = leaf.getNotBefore().toInstant();
        if (now.isBefore(notBefore)) {
            return new Refused("certificate serial " + serial + " is not yet valid (valid from " + notBefore + ")");
        }
        IssuedCertificate recorded = register.get().get(serial);
        String cn = commonName(leaf);
        if (recorded == null || !recorded.agency().equals(cn)) {
            return new Refused("certificate serial " + serial + " is not in this gateway's register of issued "
                    + "certificates (was the CA re-made, or issued.yaml restored from an old backup?)");
        }
        if (recorded.revokedAt().isPresent()) {
            return new Refused("certificate serial " + serial + " for agency '" + recorded.agency()
                    + "' was revoked on " + recorded.revokedAt().get() + ": "
                    + recorded.revocationReason().orElse("no reason given"));
        }
        return new Agency(recorded.agency(), serial, notAfter);
    }

    private boolean signedByCa(X509Certificate leaf) {
        try {
            leaf.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean forClientUse(X509Certificate leaf) {
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            return leaf.getBasicConstraints() < 0 && eku != null && eku.contains(CLIENT_AUTH);
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static String commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            return "";
        }
        return "";
    }

    private static Map<String, IssuedCertificate> bySerial(Path file) {
        Map<String, IssuedCertificate> map = new HashMap<>();
        for (IssuedCertificate c : IssuedIndex.read(file)) {
            map.put(c.serialHex(), c);
        }
        return Map.copyOf(map);
    }
}
