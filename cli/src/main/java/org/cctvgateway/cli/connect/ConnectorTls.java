package org.cctvgateway.cli.connect;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import javax.net.ssl.SSLException;
import org.cctvgateway.GatewayException;
import org.cctvgateway.rtsp.server.RtspTlsContexts;

/**
 * The connector's TLS client context. It offers exactly what the gateway's RTSPS server accepts
 * ({@link RtspTlsContexts#PROTOCOLS}, {@link RtspTlsContexts#CIPHER_SUITES}: TLS 1.3, and TLS 1.2
 * with ECDHE and AEAD only), presents the agency's certificate, and checks the gateway's with a
 * {@link GatewayTrustManager}. The JDK provider, like the server, so no native library is needed.
 */
final class ConnectorTls {
    private ConnectorTls() {
    }

    /**
     * @param host the host the connector dials, checked against the certificate's names when
     *     {@code trust} asks for it
     */
    static SslContext clientContext(AgencyCertificate agency, GatewayTrust trust, String host) {
        try {
            return SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .protocols(RtspTlsContexts.PROTOCOLS)
                    .ciphers(RtspTlsContexts.CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
                    .keyManager(new AgencyKeyManager(agency))
                    .trustManager(new GatewayTrustManager(trust, host))
                    // GatewayTrustManager checks the host itself, so that a mismatch names the certificate's
                    // names; the JDK's own check (Netty 4.2 turns it on for clients) would only repeat it.
                    .endpointIdentificationAlgorithm(null)
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new GatewayException("cannot set up TLS with the agency certificate from " + agency.source() + ": "
                    + e.getMessage(), "check that the certificate and key are an EC or RSA pair", e);
        }
    }
}
