package org.cctvgateway.cli.connect;

import java.security.cert.CertificateException;

/**
 * The gateway's certificate failed one of the connector's checks; the message is the one line a
 * user reads ("gateway certificate not trusted by --gateway-ca ca.crt.pem: ..."). It travels inside
 * the TLS stack's handshake exception, where {@link ConnectFailures} finds it.
 */
final class GatewayCertificateException extends CertificateException {
    private static final long serialVersionUID = 1L;

    GatewayCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
