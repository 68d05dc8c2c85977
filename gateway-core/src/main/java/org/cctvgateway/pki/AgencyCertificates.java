package org.cctvgateway.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.cctvgateway.GatewayException;
import org.cctvgateway.StorageException;
import org.cctvgateway.internal.AtomicFiles;
import org.cctvgateway.internal.FileLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues and revokes agency client certificates with the {@link GatewayCa}, keeping the register
 * ({@link IssuedIndex}) and the CRL ({@code pki/crl.pem}) up to date.
 *
 * <p>An agency certificate has subject {@code CN=<agency>, OU=cctv-gateway agency, O=<CA name>},
 * key usage digitalSignature and extended key usage clientAuth only; its files go to
 * {@code pki/agencies/<agency>/<serial>.crt.pem} (certificate then CA), {@code .key.pem} (0600) and
 * {@code .p12} (key, certificate and CA, PKCS#12 with AES-256 and HMAC-SHA-256 protection, 0600).
 * The PKCS#12 password is either supplied by the caller or generated (20 characters, about 119 bits)
 * and returned once in {@link Issued}; it is stored nowhere.
 *
 * <p>Each mutating method returns what it changed, so that the caller can write one audit record.
 * Not safe for two processes issuing at once (the register is rewritten whole); one operator at a
 * time is the expected use. Blocking file I/O.
 */
public final class AgencyCertificates {
    /** The OU every agency certificate carries, marking it as made for this purpose. */
    public static final String AGENCY_OU = "cctv-gateway agency";
    /** How long an agency certificate is valid unless asked otherwise. */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(90);
    /** The longest validity accepted: two years, after which an agency should get a fresh key. */
    public static final Duration MAX_VALIDITY = Duration.ofDays(730);
    /** The reason recorded when none is given. */
    public static final String DEFAULT_REASON = "no reason given";

    private static final Logger LOG = LoggerFactory.getLogger(AgencyCertificates.class);
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final Duration CRL_VALIDITY = Duration.ofDays(30);

    private final Path dataDir;
    private final SecureRandom random = new SecureRandom();

    public AgencyCertificates(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    /** The lock held by each issue and revocation, from reading the register to writing it and the CRL. */
    private java.nio.file.Path directoryLock() {
        return GatewayCa.directory(dataDir).resolve("issued.lock");
    }

    /**
     * A certificate just issued, with its files and the PKCS#12 password; the only place the password
     * exists, so show it once and drop it. {@link #toString()} leaves it out.
     *
     * @param passwordGenerated whether the gateway made the password (else the caller supplied it)
     */
    public record Issued(IssuedCertificate certificate, Path certificateFile, Path keyFile, Path pkcs12File,
                         String pkcs12Password, boolean passwordGenerated) {
        public Issued {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(pkcs12Password, "pkcs12Password");
        }

        @Override
        public String toString() {
            return "Issued[" + certificate + ", " + certificateFile + ", " + keyFile + ", " + pkcs12File + "]";
        }
    }

    /**
     * Issues a client certificate for {@code agency}, valid from a few minutes before now (clock
     * skew) for {@code validity}.
     *
     * @param pkcs12Password the password for the {@code .p12} file; empty to generate one
     * @throws GatewayException for a bad agency name or validity, or when there is no CA
     */
    public Issued issue(String agency, Duration validity, Optional<String> pkcs12Password, Clock clock) {
        return FileLocks.withLock(directoryLock(), () -> {
            AgencyNames.require(agency);
            if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
                throw new GatewayException("validity " + validity.toDays() + " days is outside 1 second to "
                        + MAX_VALIDITY.toDays() + " days", "use e.g. --valid 90d");
            }
            if (pkcs12Password.isPresent() && pkcs12Password.get().length() < 8) {
                throw new GatewayException("the PKCS#12 password given is shorter than 8 characters",
                        "use a longer one, or let the gateway generate one");
            }
            GatewayCa ca = GatewayCa.load(dataDir);
            Instant now = clock.instant();
            CertificateIssuer issuer = new CertificateIssuer(random);
            KeyPair keys = issuer.newEcKeyPair();
            CertificateSpec spec = new CertificateSpec(agency, List.of(), List.of(), now.minus(SKEW), validity,
                    CertificateSpec.Usage.CLIENT);
            X509Certificate cert = issuer.issue(spec, subject(agency, ca), keys.getPublic(), ca.certificate(),
                    ca.privateKey());
            String serial = IssuedCertificate.serialHex(cert.getSerialNumber());
            Path dir = GatewayCa.directory(dataDir).resolve("agencies").resolve(agency);
            Path keyFile = dir.resolve(serial + ".key.pem");
            Path certFile = dir.resolve(serial + ".crt.pem");
            Path p12File = dir.resolve(serial + ".p12");
            String password = pkcs12Password.orElseGet(() -> Secrets.base62(random, 20));
            GatewayCa.writeKey(keyFile, keys.getPrivate());
            GatewayCa.writeText(certFile, Pem.encode(cert) + Pem.encode(ca.certificate()));
            AtomicFiles.write(p12File, pkcs12(agency, keys, cert, ca.certificate(), password),
                    AtomicFiles.Permissions.OWNER_ONLY);
            IssuedCertificate entry = new IssuedCertificate(serial, agency, cert.getNotBefore().toInstant(),
                    cert.getNotAfter().toInstant(), GatewayTlsMaterial.fingerprint(cert), Optional.empty(),
                    Optional.empty());
            List<IssuedCertificate> all = new ArrayList<>(list());
            all.add(entry);
            IssuedIndex.write(IssuedIndex.file(dataDir), all);
            LOG.info("issued certificate {} for agency {} valid until {}", serial, agency, entry.notAfter());
            return new Issued(entry, certFile, keyFile, p12File, password, pkcs12Password.isEmpty());
        });
    }

    /**
     * Revokes one certificate.
     *
     * @return the certificate as now recorded, or empty when it was already revoked
     * @throws GatewayException when no certificate has that serial
     */
    public Optional<IssuedCertificate> revokeSerial(String serialHex, String reason, Clock clock) {
        return FileLocks.withLock(directoryLock(), () -> {
            String serial = IssuedCertificate.normalizeSerial(serialHex);
            List<IssuedCertificate> all = list();
            if (all.stream().noneMatch(c -> c.serialHex().equals(serial))) {
                throw new GatewayException("no certificate with serial " + serial + " was issued by this gateway",
                        "see 'cctv-gateway pki list' for the serials on record");
            }
            List<IssuedCertificate> changed = revoke(all, c -> c.serialHex().equals(serial), reason, clock);
            return changed.stream().findFirst();
        });
    }

    /**
     * Revokes every certificate of {@code agency} that is not revoked yet.
     *
     * @return the certificates revoked now (empty when none was left to revoke)
     */
    public List<IssuedCertificate> revokeAgency(String agency, String reason, Clock clock) {
        return FileLocks.withLock(directoryLock(), () -> {
            AgencyNames.require(agency);
            return revoke(list(), c -> c.agency().equals(agency), reason, clock);
        });
    }

    /** Every certificate on record, in issue order. */
    public List<IssuedCertificate> list() {
        return IssuedIndex.read(IssuedIndex.file(dataDir));
    }

    /** {@code <dataDir>/pki/crl.pem}, rewritten on every revocation. */
    public static Path crlFile(Path dataDir) {
        return GatewayCa.directory(dataDir).resolve("crl.pem");
    }

    /**
     * Writes the CRL for the revocations on record, signed by the CA, valid for 30 days (consumers
     * that check it should fetch it again before then; any revocation rewrites it at once).
     */
    public Path writeCrl(Clock clock) {
        GatewayCa ca = GatewayCa.load(dataDir);
        Instant now = clock.instant();
        try {
            X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
            X509v2CRLBuilder b = new X509v2CRLBuilder(issuer, Date.from(now));
            b.setNextUpdate(Date.from(now.plus(CRL_VALIDITY)));
            for (IssuedCertificate c : list()) {
                if (c.revokedAt().isPresent()) {
                    b.addCRLEntry(c.serial(), Date.from(c.revokedAt().get()), null);
                }
            }
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.getEpochSecond())));
            X509CRLHolder crl = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.privateKey()));
            String pem = "-----BEGIN X509 CRL-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(crl.getEncoded())
                    + "\n-----END X509 CRL-----\n";
            Path file = crlFile(dataDir);
            GatewayCa.writeText(file, pem);
            return file;
        } catch (IOException | GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new StorageException("could not sign the CRL: " + e.getMessage(),
                    "check that " + GatewayCa.directory(dataDir) + " holds an intact CA key", e);
        }
    }

    private List<IssuedCertificate> revoke(List<IssuedCertificate> all,
                                           java.util.function.Predicate<IssuedCertificate> which,
                                           String reason, Clock clock) {
        String why = reason == null || reason.isBlank() ? DEFAULT_REASON : reason.strip().replaceAll("\\s+", " ");
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<IssuedCertificate> out = new ArrayList<>(all.size());
        List<IssuedCertificate> changed = new ArrayList<>();
        for (IssuedCertificate c : all) {
            if (which.test(c) && c.revokedAt().isEmpty()) {
                IssuedCertificate r = c.revoked(now, why);
                changed.add(r);
                out.add(r);
            } else {
                out.add(c);
            }
        }
        if (!changed.isEmpty()) {
            IssuedIndex.write(IssuedIndex.file(dataDir), out);
            writeCrl(clock);
            changed.forEach(c -> LOG.info("revoked certificate {} of agency {}: {}", c.serialHex(), c.agency(), why));
        }
        return List.copyOf(changed);
    }

    private static X500Name subject(String agency, GatewayCa ca) {
        String caName = ca.certificate().getSubjectX500Principal().getName();
        String org = caName.startsWith("CN=") ? caName.substring(3) : "cctv-gateway";
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, org)
                .addRDN(BCStyle.OU, AGENCY_OU)
                .addRDN(BCStyle.CN, agency)
                .build();
    }

    private static byte[] pkcs12(String agency, KeyPair keys, X509Certificate cert, X509Certificate ca,
                                 String password) {
        try {
            // JDK 17's PKCS12 writes PBES2 with AES-256-CBC and an HMAC-SHA-256 MAC, which OpenSSL 3 reads
            // without its legacy provider.
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(agency, keys.getPrivate(), password.toCharArray(), new Certificate[] {cert, ca});
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password.toCharArray());
            return out.toByteArray();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("PKCS#12 encoding in memory failed", e);
        }
    }
}
