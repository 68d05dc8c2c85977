package org.cctvgateway.rtsp.server;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import org.cctvgateway.ConfigException;
import org.cctvgateway.GatewayException;
import org.cctvgateway.pki.GatewayTlsMaterial;

/**
 * Builds the Netty {@link SslContext} of the RTSPS server from {@link GatewayTlsMaterial}.
 *
 * <p>Policy: TLS 1.3 with its three AEAD suites, and TLS 1.2 only with ECDHE key exchange and
 * AEAD ciphers (AES-GCM, ChaCha20-Poly1305), so every session has forward secrecy and no CBC
 * suite is ever offered; TLS 1.1 and older are refused. TLS 1.2 stays because GStreamer and
 * older ffmpeg builds on embedded viewers still negotiate it. The JDK provider is used, so no
 * native library is needed.
 */
public final class RtspTlsContexts {
    /** Protocols offered, newest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Cipher suites offered: TLS 1.3 AEAD, then TLS 1.2 ECDHE + AEAD for EC and RSA keys. */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private RtspTlsContexts() {
    }

    /**
     * A server context presenting {@code material}'s key and chain.
     *
     * @param requireClientCertificate true to refuse any client without a certificate issued by
     *     one of {@code material.clientCa()} (mutual TLS); false to ask for none
     * @throws ConfigException when a client certificate is required but no client CA is set
     */
    public static SslContext server(GatewayTlsMaterial material, boolean requireClientCertificate) {
        return build(material, requireClientCertificate ? ClientAuth.REQUIRE : ClientAuth.NONE);
    }

    /**
     * A server context that asks every client for a certificate issued by one of
     * {@code material.clientCa()} but lets the handshake complete with any certificate or none:
     * the chain is judged per request by a {@link ViewerAccess}, which can then refuse with a 403
     * naming the reason (expired, revoked, foreign CA) and audit it, where a failed handshake
     * would tell the client and the audit log nothing. The handshake still proves that the client
     * holds the private key of the certificate it presents.
     *
     * @throws ConfigException when no client CA is set
     */
    public static SslContext serverForViewerAccess(GatewayTlsMaterial material) {
        return build(material, ClientAuth.OPTIONAL);
    }

    private static SslContext build(GatewayTlsMaterial material, ClientAuth clientAuth) {
        boolean requireClientCertificate = clientAuth != ClientAuth.NONE;
        if (requireClientCertificate && material.clientCa().isEmpty()) {
            throw new ConfigException("server.tls.clientCa",
                    "is empty but server.tls.requireClientCertificate is true",
                    "set server.tls.clientCa to the PEM file of the CA that issues viewer certificates");
        }
        try {
            SslContextBuilder b = SslContextBuilder
                    .forServer(material.privateKey(), material.chain().toArray(new X509Certificate[0]))
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    .ciphers(CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE);
            if (clientAuth == ClientAuth.REQUIRE) {
                b.trustManager(material.clientCa().get().toArray(new X509Certificate[0]))
                        .clientAuth(ClientAuth.REQUIRE);
            } else if (clientAuth == ClientAuth.OPTIONAL) {
                b.trustManager(new DeferredClientTrust(material.clientCa().get())).clientAuth(ClientAuth.OPTIONAL);
            } else {
                b.clientAuth(ClientAuth.NONE);
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new GatewayException("could not set up TLS with " + material + ": " + e.getMessage(),
                    "check that the certificate and key are an EC or RSA pair and not expired", e);
        }
    }
}
