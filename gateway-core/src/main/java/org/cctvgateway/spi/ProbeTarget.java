package org.cctvgateway.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A device to probe: where it is and, when discovery found it, what discovery learned.
 *
 * @param host an IP literal or host name, never empty
 * @param port the TCP port, or {@code 0} for the adapter's default (80 for ONVIF)
 * @param discovered what discovery reported about the device, if it came from discovery
 */
public record ProbeTarget(String host, int port, Optional<DiscoveredDevice> discovered) {
    public ProbeTarget {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(discovered, "discovered");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }

    /** A target typed by hand, without discovery information. */
    public static ProbeTarget of(String host, int port) {
        return new ProbeTarget(host, port, Optional.empty());
    }

    /** The target as {@code host:port} ({@code host} alone when the port is the default). */
    public String display() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return port == 0 ? h : h + ":" + port;
    }
}
