package org.cctvgateway.cli.connect;

import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.util.IPAddress;
import org.cctvgateway.pki.GatewayTlsMaterial;

/**
 * Checks the gateway's certificate as {@link GatewayTrust} says: the PKIX chain to the given CA
 * (by the JDK's validator, which also checks dates and the serverAuth usage), the pinned
 * fingerprint, and the dialled host among the subject alternative names. Each failure is a
 * {@link GatewayCertificateException} whose message says which check failed and with what
 * values. An {@link X509ExtendedTrustManager}, so the JDK adds no host check of its own.
 * Thread-safe (immutable).
 */
final class GatewayTrustManager extends X509ExtendedTrustManager {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final GatewayTrust trust;
    private final String host;
    private final X509TrustManager pkix;

    GatewayTrustManager(GatewayTrust trust, String host) {
        this.trust = trust;
        this.host = host;
        this.pkix = trust.authorities().isEmpty() ? null : pkixFor(trust.authorities());
    }

    private static X509TrustManager pkixFor(List<X509Certificate> authorities) {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                anchors.setCertificateEntry("ca-" + i, authorities.get(i));
            }
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(anchors);
            for (TrustManager tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JDK's trust manager factory made no X509TrustManager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot set up a trust store in memory: " + e, e);
        }
    }

    void check(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new GatewayCertificateException("gateway presented no certificate", null);
        }
        X509Certificate leaf = chain[0];
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException e) {
            throw new GatewayCertificateException("gateway certificate expired on "
                    + leaf.getNotAfter().toInstant(), e);
        } catch (CertificateNotYetValidException e) {
            throw new GatewayCertificateException("gateway certificate is valid only from "
                    + leaf.getNotBefore().toInstant() + " (is this computer's clock right?)", e);
        }
        if (pkix != null) {
            try {
                pkix.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                throw new GatewayCertificateException("gateway certificate not trusted by --gateway-ca "
                        + trust.caFile().orElseThrow() + ": " + pkixReason(e, leaf), e);
            }
        }
        if (trust.fingerprint().isPresent()) {
            String actual = GatewayTlsMaterial.fingerprint(leaf);
            if (!actual.equals(trust.fingerprint().get())) {
                throw new GatewayCertificateException("gateway certificate SHA-256 fingerprint is " + actual
                        + ", not the pinned --gateway-fingerprint " + trust.fingerprint().get(), null);
            }
        }
        if (pkix != null && trust.checkHostname()) {
            List<String> names = names(leaf);
            if (!matchesHost(host, names)) {
                throw new GatewayCertificateException("gateway certificate is for " + (names.isEmpty()
                        ? "no host name" : String.join(", ", names)) + ", not for '" + host + "' (connect by one of "
                        + "those names, or add --no-hostname-check to rely on the CA alone)", null);
            }
        }
    }

    private static String pkixReason(CertificateException e, X509Certificate leaf) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("unable to find valid certification path")) {
            return "it was issued by " + leaf.getIssuerX500Principal().getName() + ", which that file does not hold";
        }
        return m;
    }

    /** The certificate's DNS and IP subject alternative names, in its order. */
    static List<String> names(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == SAN_DNS || type == SAN_IP) {
                        out.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        return out;
    }

    /**
     * RFC 6125 matching, reduced to what gateways use: an IP literal equals an IP name (compared as
     * addresses, so {@code ::1} matches {@code 0:0:0:0:0:0:0:1}); a DNS name equals a DNS name
     * ignoring case, or matches {@code *.rest} in exactly its first label.
     */
    static boolean matchesHost(String host, List<String> names) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        boolean ip = IPAddress.isValid(h);
        for (String n : names) {
            String name = n.toLowerCase(Locale.ROOT);
            if (ip) {
                if (IPAddress.isValid(name) && sameAddress(h, name)) {
                    return true;
                }
            } else if (name.equals(h)) {
                return true;
            } else if (name.startsWith("*.") && h.indexOf('.') > 0
                    && h.substring(h.indexOf('.')).equals(name.substring(1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            // Both are literals (checked above), so no name lookup happens here.
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the connector is a TLS client and accepts no TLS clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return trust.authorities().toArray(new X509Certificate[0]);
    }
}
