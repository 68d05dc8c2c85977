package org.cctvgateway.audit;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.cctvgateway.StorageException;
import org.cctvgateway.internal.AtomicFiles;
import org.cctvgateway.pki.CertificateIssuer;
import org.cctvgateway.pki.Pem;

/**
 * The gateway's audit signing key: an ECDSA P-256 key in {@code <auditDir>/signing-key.pem} (PKCS#8,
 * mode 0600, made on first use) whose public half is {@code signing-key.pub.pem}, for auditors to keep a
 * copy elsewhere and pass to {@code audit verify --public-key}. Signatures are SHA256withECDSA (DER).
 * The key id is the hex SHA-256 of the public key's X.509 SubjectPublicKeyInfo DER. Thread-safe.
 */
public final class AuditSigner {
    public static final String PRIVATE_KEY_FILE = "signing-key.pem";
    public static final String PUBLIC_KEY_FILE = "signing-key.pub.pem";
    static final String ALGORITHM = "SHA256withECDSA";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private AuditSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = keyId(publicKey);
    }

    /**
     * The key in {@code auditDir}, made there (both files) when there is none. The public key file
     * is rewritten from the private key when it is missing.
     *
     * @throws StorageException when the key file cannot be read, is not P-256, or others may read it
     */
    public static AuditSigner loadOrCreate(Path auditDir, SecureRandom random) {
        try {
            Files.createDirectories(auditDir);
        } catch (IOException e) {
            throw new StorageException("could not create " + auditDir + ": " + e.getMessage(),
                    "check that the data directory is writable by this user", e);
        }
        // Two gateway processes starting at once must not each make a key: take the log's lock.
        try (FileMutex mutex = new FileMutex(auditDir.resolve(AuditLog.LOCK_FILE_NAME))) {
            java.nio.channels.FileLock lock = mutex.acquire();
            try {
                return loadOrCreateLocked(auditDir, random);
            } finally {
                FileMutex.release(lock);
            }
        }
    }

    private static AuditSigner loadOrCreateLocked(Path auditDir, SecureRandom random) {
        Path keyFile = auditDir.resolve(PRIVATE_KEY_FILE);
        Path pubFile = auditDir.resolve(PUBLIC_KEY_FILE);
        AuditSigner signer;
        if (Files.exists(keyFile, LinkOption.NOFOLLOW_LINKS)) {
            refuseOpenPermissions(keyFile);
            PrivateKey key = Pem.readPrivateKey(keyFile);
            if (!(key instanceof ECPrivateKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new StorageException(keyFile + " is not an EC P-256 private key",
                        "move it aside; the gateway then makes a new audit key (verify old logs with the old"
                                + " public key)", null);
            }
            signer = new AuditSigner(key, publicOf(ec));
        } else {
            var pair = new CertificateIssuer(Objects.requireNonNull(random, "random")).newEcKeyPair();
            AtomicFiles.write(keyFile, Pem.encode(pair.getPrivate()).getBytes(StandardCharsets.US_ASCII),
                    AtomicFiles.Permissions.OWNER_ONLY);
            signer = new AuditSigner(pair.getPrivate(), pair.getPublic());
            AtomicFiles.write(pubFile, Pem.encode(pair.getPublic()).getBytes(StandardCharsets.US_ASCII),
                    AtomicFiles.Permissions.DEFAULT);
        }
        if (!Files.exists(pubFile)) {
            AtomicFiles.write(pubFile, Pem.encode(signer.publicKey).getBytes(StandardCharsets.US_ASCII),
                    AtomicFiles.Permissions.DEFAULT);
        }
        return signer;
    }

    /** A signer over a key pair held elsewhere (tests, or a key kept outside the data directory). */
    public static AuditSigner of(java.security.KeyPair keys) {
        return new AuditSigner(keys.getPrivate(), keys.getPublic());
    }

    /** The public key to check checkpoints with. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** Hex SHA-256 of the public key (see the class comment). */
    public String keyId() {
        return keyId;
    }

    /** Hex SHA-256 of {@code key}'s X.509 SubjectPublicKeyInfo DER encoding. */
    public static String keyId(PublicKey key) {
        return AuditJson.sha256Hex(key.getEncoded());
    }

    /** The public key in a PEM file ({@code -----BEGIN PUBLIC KEY-----}). */
    public static PublicKey readPublicKey(Path file) {
        try {
            long size = Files.size(file);
            if (size > Pem.MAX_FILE_BYTES) {
                throw new StorageException(file + " is " + size + " bytes, limit is " + Pem.MAX_FILE_BYTES,
                        "point at the audit public key file (signing-key.pub.pem)", null);
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            try (PEMParser parser = new PEMParser(new StringReader(text))) {
                for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                    if (o instanceof SubjectPublicKeyInfo info) {
                        return new JcaPEMKeyConverter().getPublicKey(info);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof StorageException se) {
                throw se;
            }
            throw new StorageException("could not read the public key in " + file + ": " + e.getMessage(),
                    "point at the audit public key file (signing-key.pub.pem), readable by this user", e);
        }
        throw new StorageException(file + " holds no PEM public key (no '-----BEGIN PUBLIC KEY-----' block)",
                "point at the audit public key file (signing-key.pub.pem)", null);
    }

    byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ECDSA signing with a P-256 key failed", e);
        }
    }

    static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Q = d·G on P-256: the public key need not be trusted from a file that may have been swapped. */
    private static PublicKey publicOf(ECPrivateKey key) {
        var spec = ECNamedCurveTable.getParameterSpec("secp256r1");
        var q = spec.getG().multiply(key.getS()).normalize();
        BigInteger x = q.getAffineXCoord().toBigInteger();
        BigInteger y = q.getAffineYCoord().toBigInteger();
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), key.getParams()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot rebuild the P-256 public key", e);
        }
    }

    private static void refuseOpenPermissions(Path keyFile) {
        PosixFileAttributeView view = Files.getFileAttributeView(keyFile, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> perms;
        try {
            perms = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new StorageException("could not read the permissions of " + keyFile + ": " + e.getMessage(),
                    "check that the data directory belongs to this user", e);
        }
        for (PosixFilePermission p : perms) {
            if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                throw new StorageException("audit signing key " + keyFile + " may be read by others ("
                        + java.nio.file.attribute.PosixFilePermissions.toString(perms) + ")",
                        "run 'chmod 600 " + keyFile + "'", null);
            }
        }
    }
}
