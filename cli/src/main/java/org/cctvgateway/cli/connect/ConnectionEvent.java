package org.cctvgateway.cli.connect;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** What happened to one player connection; the connector reports each to its listener. */
public sealed interface ConnectionEvent {
    /**
     * The TLS session with the gateway is up and bytes flow. Under TLS 1.3 the gateway judges the
     * client certificate after this point: a refusal comes as a {@link Closed} with its reason.
     *
     * @param id the connector's number for the connection, from 1
     * @param player the player's address
     */
    record Opened(long id, InetSocketAddress player) implements ConnectionEvent {
        public Opened {
            Objects.requireNonNull(player, "player");
        }
    }

    /**
     * The connection ended: either side closed, or it failed on the way to the gateway.
     *
     * @param bytesToGateway bytes read from the player and passed on
     * @param bytesFromGateway bytes read from the gateway (after TLS) and passed on
     * @param failure the one-line reason when it failed ("gateway refused our certificate: ..."), or
     *     the refusal it passed on to the player ("gateway answered 403 Forbidden: certificate
     *     revoked"); empty when a side simply closed
     */
    record Closed(long id, InetSocketAddress player, long bytesToGateway, long bytesFromGateway, Duration duration,
                  Optional<String> failure) implements ConnectionEvent {
        public Closed {
            Objects.requireNonNull(player, "player");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** A connection over the limit, closed at once without contacting the gateway. */
    record Refused(InetSocketAddress player, int limit) implements ConnectionEvent {
        public Refused {
            Objects.requireNonNull(player, "player");
        }
    }
}
