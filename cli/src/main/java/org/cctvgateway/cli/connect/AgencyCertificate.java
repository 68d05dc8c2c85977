package org.cctvgateway.cli.connect;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.cctvgateway.GatewayException;
import org.cctvgateway.pki.Pem;

/**
 * An agency's client certificate and its private key, as the gateway operator issued them:
 * a PKCS#12 file (password from an environment variable) or PEM files. Immutable; the key never
 * appears in {@link #toString()}. Loading blocks on file I/O.
 */
public final class AgencyCertificate {
    /** Environment variable holding the PKCS#12 password unless another is named. */
    public static final String DEFAULT_PASSWORD_ENV = "CCTV_AGENCY_P12_PASSWORD";

    private static final String ISSUE_HINT = "give the .p12 or .pem file the gateway operator issued for your agency "
            + "(cctv-gateway pki issue --agency NAME)";
    private static final List<String> CERT_SUFFIXES = List.of(".pem", ".crt", ".cer", ".cert");

    private final Path source;
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    private AgencyCertificate(Path source, PrivateKey privateKey, List<X509Certificate> chain) {
        this.source = Objects.requireNonNull(source, "source");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.chain = List.copyOf(chain);
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("chain must hold at least the agency certificate");
        }
    }

    /** A certificate already in memory (tests, embedders); {@code chain} starts with the agency's certificate. */
    public static AgencyCertificate of(PrivateKey privateKey, List<X509Certificate> chain) {
        return new AgencyCertificate(Path.of("(memory)"), privateKey, chain);
    }

    /**
     * Loads {@code certFile}: PKCS#12 when it is not PEM text, else a PEM certificate (chain) whose key is
     * {@code keyFile}, or a key block in the same file, or the file with the same base name ending
     * {@code .key.pem} ({@code police.crt.pem} and {@code police.pem} both look for {@code police.key.pem}).
     *
     * @param passwordEnv the environment variable holding the PKCS#12 password
     * @param env looks up environment variables; {@code System::getenv} in production
     * @throws GatewayException for a missing file, a wrong password, a key that does not match
     */
    public static AgencyCertificate load(Path certFile, Optional<Path> keyFile, String passwordEnv,
                                         Function<String, String> env) {
        byte[] bytes = read(certFile, "agency certificate", "--agency-cert");
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (!text.contains("-----BEGIN ")) {
            if (keyFile.isPresent()) {
                throw new GatewayException("--agency-key is given but " + certFile + " is a PKCS#12 file, which "
                        + "holds its own key", "drop --agency-key, or give the PEM certificate as --agency-cert");
            }
            return loadPkcs12(certFile, bytes, passwordEnv, env);
        }
        List<X509Certificate> chain = Pem.readCertificates(certFile);
        Path keyPath = keyFile.orElseGet(() -> text.contains("PRIVATE KEY-----") ? certFile : defaultKeyFile(certFile));
        read(keyPath, "agency private key", keyFile.isPresent() ? "--agency-key" : "--agency-key (default)");
        PrivateKey key = Pem.readPrivateKey(keyPath);
        if (!matches(key, chain.get(0))) {
            throw new GatewayException("the private key in " + keyPath + " does not belong to the certificate in "
                    + certFile, "give the key file issued together with this certificate as --agency-key");
        }
        return new AgencyCertificate(certFile, key, chain);
    }

    /** {@code police.crt.pem} and {@code police.pem} -> {@code police.key.pem}, in the same folder. */
    static Path defaultKeyFile(Path certFile) {
        String name = certFile.getFileName().toString();
        boolean stripped = true;
        while (stripped) {
            stripped = false;
            for (String suffix : CERT_SUFFIXES) {
                if (name.toLowerCase(Locale.ROOT).endsWith(suffix) && name.length() > suffix.length()) {
                    name = name.substring(0, name.length() - suffix.length());
                    stripped = true;
                }
            }
        }
        return certFile.resolveSibling(name + ".key.pem");
    }

    private static byte[] read(Path file, String what, String option) {
        if (!Files.isRegularFile(file)) {
            throw new GatewayException(what + " file " + file + " does not exist (" + option + ")", ISSUE_HINT);
        }
        try {
            long size = Files.size(file);
            if (size > Pem.MAX_FILE_BYTES) {
                throw new GatewayException(what + " file " + file + " is " + size + " bytes, limit is "
                        + Pem.MAX_FILE_BYTES + "; it is not a certificate file", ISSUE_HINT);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new GatewayException("cannot read " + what + " file " + file + ": " + e.getMessage(),
                    "check that it is readable by this user", e);
        }
    }

    private static AgencyCertificate loadPkcs12(Path file, byte[] bytes, String passwordEnv,
                                                Function<String, String> env) {
        String password = env.apply(passwordEnv);
        if (password == null) {
            throw new GatewayException(file + " is a PKCS#12 file and environment variable " + passwordEnv
                    + " (its password) is not set", "export " + passwordEnv + "=... before running, or name "
                    + "another variable with --agency-cert-password-env");
        }
        char[] pw = password.toCharArray();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), pw);
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, pw);
                Certificate[] certs = store.getCertificateChain(alias);
                if (key instanceof PrivateKey pk && certs != null && certs.length > 0) {
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate c : certs) {
                        chain.add((X509Certificate) c);
                    }
                    return new AgencyCertificate(file, pk, chain);
                }
            }
            throw new GatewayException(file + " holds no private key with a certificate",
                    "give the PKCS#12 file issued for your agency, which holds both");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new GatewayException("wrong password for " + file + " (from environment variable "
                        + passwordEnv + ")", "set " + passwordEnv + " to the password given with the file", null);
            }
            throw new GatewayException(file + " is neither PEM nor a readable PKCS#12 file: " + e.getMessage(),
                    ISSUE_HINT, e);
        } catch (UnrecoverableKeyException e) {
            throw new GatewayException("wrong password for the key in " + file + " (from environment variable "
                    + passwordEnv + ")", "set " + passwordEnv + " to the password given with the file", null);
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new GatewayException("cannot read the PKCS#12 file " + file + ": " + e.getMessage(), ISSUE_HINT, e);
        } finally {
            java.util.Arrays.fill(pw, '\0');
        }
    }

    /** True when {@code key} signs what {@code cert}'s public key verifies: a pair, whatever the algorithm. */
    static boolean matches(PrivateKey key, X509Certificate cert) {
        String alg;
        switch (key.getAlgorithm()) {
            case "EC":
                alg = "SHA256withECDSA";
                break;
            case "RSA":
                alg = "SHA256withRSA";
                break;
            default:
                alg = key.getAlgorithm();
        }
        try {
            byte[] probe = "cctv-gateway agency key check".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(probe);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(cert.getPublicKey());
            v.update(probe);
            return v.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Refuses a certificate past its end: the gateway would refuse it at every connection.
     *
     * @return a warning to show, when the certificate is not valid yet (a clock off) or ends within a week
     * @throws GatewayException when it has expired
     */
    public Optional<String> checkValidity(Instant now) {
        if (now.isAfter(notAfter())) {
            throw new GatewayException("your agency certificate expired on " + notAfter() + " (" + source + ")",
                    "ask the gateway operator for a new one");
        }
        if (now.isBefore(notBefore())) {
            return Optional.of("your agency certificate is valid only from " + notBefore() + "; this computer's clock"
                    + " says " + now + ", so the gateway may refuse it until then (check the clock)");
        }
        if (now.plus(java.time.Duration.ofDays(7)).isAfter(notAfter())) {
            return Optional.of("your agency certificate expires on " + notAfter()
                    + "; ask the gateway operator for a new one");
        }
        return Optional.empty();
    }

    /** The agency named by the certificate: its subject CN (the whole subject when it has none). */
    public String agency() {
        X500Name name = X500Name.getInstance(certificate().getSubjectX500Principal().getEncoded());
        RDN[] cn = name.getRDNs(BCStyle.CN);
        return cn.length == 0 ? name.toString() : IETFUtils.valueToString(cn[0].getFirst().getValue());
    }

    /** The certificate serial number in upper-case hex, as {@code openssl x509 -serial} prints it. */
    public String serialHex() {
        BigInteger serial = certificate().getSerialNumber();
        return serial.toString(16).toUpperCase(Locale.ROOT);
    }

    public Instant notBefore() {
        return certificate().getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return certificate().getNotAfter().toInstant();
    }

    /** The agency's certificate followed by any intermediates. */
    public List<X509Certificate> chain() {
        return chain;
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The file it was loaded from. */
    public Path source() {
        return source;
    }

    @Override
    public String toString() {
        return "AgencyCertificate[" + agency() + " serial " + serialHex() + " until " + notAfter() + " from " + source
                + "]";
    }
}
