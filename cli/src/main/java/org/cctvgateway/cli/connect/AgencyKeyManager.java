package org.cctvgateway.cli.connect;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Presents the agency's certificate whenever the gateway asks for one. The JDK's own key
 * manager presents a certificate only when its issuer is among the CAs the server lists in its
 * request, and otherwise sends none; the gateway then sees "no certificate" instead of the
 * agency's, cannot name what is wrong with it (a CA it no longer trusts, say), and cannot audit
 * who tried. A key type the handshake cannot use is still declined. Immutable.
 */
final class AgencyKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "agency";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    AgencyKeyManager(AgencyCertificate agency) {
        this.key = agency.privateKey();
        this.chain = agency.chain().toArray(new X509Certificate[0]);
    }

    private String aliasFor(String[] keyTypes) {
        return keyTypes != null && Arrays.asList(keyTypes).contains(key.getAlgorithm()) ? ALIAS : null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return key.getAlgorithm().equals(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    /** A client only: no server aliases. */
    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
