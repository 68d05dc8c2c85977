package org.cctvgateway.onvif.discovery;

/**
 * A datagram that is not a usable WS-Discovery message: not XML, too large, or missing a
 * required part. The message names the value and the limit. Receivers count and drop these.
 */
public final class WsDiscoveryProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WsDiscoveryProtocolException(String message) {
        super(message);
    }

    public WsDiscoveryProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
