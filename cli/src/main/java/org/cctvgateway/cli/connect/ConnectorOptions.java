package org.cctvgateway.cli.connect;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the connector listens and where it forwards to.
 *
 * @param listen the local address players connect to; loopback unless {@code allowRemote}
 * @param gateway the gateway's RTSPS address
 * @param allowRemote true to accept a listen address other than loopback; the plain side has no
 *     TLS and no login, so anyone who reaches it watches under the agency's certificate
 * @param maxConnections connections carried at once; one more is closed at once (players open
 *     one TCP connection per stream watched with RTSP over TCP)
 * @param connectTimeout how long the gateway may take to accept the TCP connection
 * @param handshakeTimeout how long the TLS handshake with the gateway may take
 */
public record ConnectorOptions(HostAndPort listen, HostAndPort gateway, boolean allowRemote, int maxConnections,
                               Duration connectTimeout, Duration handshakeTimeout) {
    /** The RTSP port players assume, on loopback. */
    public static final HostAndPort DEFAULT_LISTEN = new HostAndPort("127.0.0.1", 8554);
    /** The gateway's RTSPS port. */
    public static final int GATEWAY_PORT = 8322;
    /** Enough for a video wall of streams from one gateway; bounds sockets and memory. */
    public static final int DEFAULT_MAX_CONNECTIONS = 32;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public ConnectorOptions {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(gateway, "gateway");
        if (gateway.port() == 0) {
            throw new IllegalArgumentException("gateway port must not be 0");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections is " + maxConnections + ", must be >= 1");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(handshakeTimeout, "handshakeTimeout");
    }

    /** Defaults for everything but the two addresses. */
    public static ConnectorOptions of(HostAndPort listen, HostAndPort gateway) {
        return new ConnectorOptions(listen, gateway, false, DEFAULT_MAX_CONNECTIONS, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_HANDSHAKE_TIMEOUT);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }
}
