package org.cctvgateway.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;
import org.cctvgateway.GatewayException;

/**
 * Issues X.509 certificates with ECDSA P-256 keys: self-signed (the gateway's own server
 * certificate, a site CA) or signed by a CA (client certificates for agencies). Uses the JDK
 * providers, so nothing is registered globally. Thread-safe.
 */
public final class CertificateIssuer {
    private static final String SIGNATURE_EC = "SHA256withECDSA";
    private static final String SIGNATURE_RSA = "SHA256withRSA";

    private final SecureRandom random;

    public CertificateIssuer(SecureRandom random) {
        this.random = random;
    }

    /** A new ECDSA key pair on the NIST P-256 curve (secp256r1). */
    public KeyPair newEcKeyPair() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"), random);
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new GatewayException("this Java runtime cannot generate EC P-256 keys: " + e,
                    "use a standard JDK 17 or newer", e);
        }
    }

    /** A certificate for {@code keys} signed by its own private key. */
    public X509Certificate selfSigned(CertificateSpec spec, KeyPair keys) {
        X500Name subject = name(spec.commonName());
        return build(spec, keys.getPublic(), subject, keys.getPrivate(), subject);
    }

    /** A certificate for {@code subjectKey} signed by {@code issuer} with {@code issuerKey}. */
    public X509Certificate issue(CertificateSpec spec, PublicKey subjectKey, X509Certificate issuer,
                                 PrivateKey issuerKey) {
        X500Name issuerName = X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        return build(spec, subjectKey, issuerName, issuerKey, name(spec.commonName()));
    }

    /**
     * A certificate for {@code subjectKey} with the full subject name {@code subject} (not just
     * the spec's CN), signed by {@code issuer} with {@code issuerKey}; agency certificates use it
     * to carry the agency in CN and the gateway's mark in OU.
     */
    public X509Certificate issue(CertificateSpec spec, X500Name subject, PublicKey subjectKey,
                                 X509Certificate issuer, PrivateKey issuerKey) {
        X500Name issuerName = X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        return build(spec, subjectKey, issuerName, issuerKey, subject);
    }

    private X509Certificate build(CertificateSpec spec, PublicKey subjectKey, X500Name issuer,
                                  PrivateKey signingKey, X500Name subject) {
        // 127 random bits: positive, at most 20 octets, unpredictable (RFC 5280 §4.1.2.2, CA/B BR 7.1).
        BigInteger serial = new BigInteger(127, random).setBit(126);
        Date from = Date.from(spec.notBefore());
        Date to = Date.from(spec.notBefore().plus(spec.validity()));
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serial, from, to, subject, subjectKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            addUsage(b, spec.usage());
            List<GeneralName> sans = new ArrayList<>();
            for (String dns : spec.dnsNames()) {
                sans.add(new GeneralName(GeneralName.dNSName, dns));
            }
            for (String ip : spec.ipAddresses()) {
                if (!IPAddress.isValid(ip)) {
                    throw new IllegalArgumentException("'" + ip + "' is not an IP address literal");
                }
                sans.add(new GeneralName(GeneralName.iPAddress, ip));
            }
            if (!sans.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(new GeneralName[0])));
            }
            String alg = "EC".equals(signingKey.getAlgorithm()) ? SIGNATURE_EC : SIGNATURE_RSA;
            ContentSigner signer = new JcaContentSignerBuilder(alg).build(signingKey);
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new GatewayException("could not issue a certificate for CN=" + spec.commonName() + ": " + e,
                    "use an EC or RSA signing key", e);
        }
    }

    private static void addUsage(X509v3CertificateBuilder b, CertificateSpec.Usage usage) throws CertIOException {
        if (usage == CertificateSpec.Usage.CA) {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return;
        }
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        KeyPurposeId purpose = usage == CertificateSpec.Usage.SERVER
                ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth;
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }
}
