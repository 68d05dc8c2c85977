package org.cctvgateway.pki;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.cctvgateway.StorageException;

/**
 * Reads and writes PEM: certificates ({@code CERTIFICATE}) and private keys in PKCS#8
 * ({@code PRIVATE KEY}) or the traditional OpenSSL forms ({@code EC PRIVATE KEY},
 * {@code RSA PRIVATE KEY}). Encrypted keys are refused with a hint, since the gateway has no
 * passphrase to give. Files larger than {@link #MAX_FILE_BYTES} are refused before parsing.
 */
public final class Pem {
    /** A PEM file with a long chain is a few KB; anything past this is not a certificate file. */
    public static final int MAX_FILE_BYTES = 1 << 20;

    private Pem() {
    }

    /** Every certificate in {@code file}, in file order (leaf first for a chain). */
    public static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> out = new ArrayList<>();
        try (PEMParser parser = new PEMParser(reader(file))) {
            JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    out.add(conv.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw unreadable(file, "certificate", e);
        }
        if (out.isEmpty()) {
            throw new StorageException(file + " holds no PEM certificate (no '-----BEGIN CERTIFICATE-----' block)",
                    "point the setting at a PEM certificate file, not a key or a DER file", null);
        }
        return List.copyOf(out);
    }

    /** The first private key in {@code file}. */
    public static PrivateKey readPrivateKey(Path file) {
        try (PEMParser parser = new PEMParser(reader(file))) {
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PrivateKeyInfo info) {
                    return conv.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    // An EC key written without its public point has no public key info; the private part is enough.
                    return conv.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
                    throw new StorageException(file + " holds an encrypted private key",
                            "decrypt it first, e.g. 'openssl pkey -in " + file.getFileName()
                                    + " -out key.pem', and keep that file readable by this user only", null);
                }
            }
        } catch (StorageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw unreadable(file, "private key", e);
        }
        throw new StorageException(file + " holds no PEM private key (no '-----BEGIN ... PRIVATE KEY-----' block)",
                "point the setting at the PEM key file that belongs to the certificate", null);
    }

    /** PEM text for a certificate or a private key (keys are written as PKCS#8). */
    public static String encode(Object certificateOrKey) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            if (certificateOrKey instanceof PrivateKey key) {
                // PKCS#8 "PRIVATE KEY", the form every TLS stack reads whatever the algorithm.
                w.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
            } else {
                w.writeObject(certificateOrKey);
            }
        } catch (IOException e) {
            throw new IllegalStateException("PEM encoding to memory failed", e);
        }
        return sw.toString();
    }

    private static Reader reader(Path file) throws IOException {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IOException("file is " + size + " bytes, limit is " + MAX_FILE_BYTES);
            }
        } catch (NoSuchFileException e) {
            throw new StorageException(file + " does not exist", "check the path in the TLS settings", e);
        }
        return new java.io.StringReader(Files.readString(file, StandardCharsets.US_ASCII));
    }

    private static StorageException unreadable(Path file, String what, Exception e) {
        if (e instanceof StorageException se) {
            return se;
        }
        return new StorageException("could not read the " + what + " in " + file + ": " + e.getMessage(),
                "check that the file is PEM, readable by this user, and not truncated", e);
    }
}
