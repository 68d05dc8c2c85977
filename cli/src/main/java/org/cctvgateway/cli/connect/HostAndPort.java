package org.cctvgateway.cli.connect;

import java.util.Objects;
import org.cctvgateway.GatewayException;

/**
 * A host (DNS name or IP literal) and a TCP port, as given on the command line:
 * {@code gateway.example:8322}, {@code 127.0.0.1:8554}, {@code [::1]:8554}, or a bare host that
 * takes a default port.
 *
 * @param host the name or address, without IPv6 brackets
 * @param port 0 (a free port, for listening) to 65535
 */
public record HostAndPort(String host, int port) {
    public HostAndPort {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
    }

    /**
     * Parses {@code HOST[:PORT]}; IPv6 literals go in brackets when a port follows.
     *
     * @param option the option the text came from, for the error message
     * @throws GatewayException naming the option and the text when it cannot be read
     */
    public static HostAndPort parse(String text, int defaultPort, String option) {
        String t = text == null ? "" : text.trim();
        String host;
        String port = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw bad(option, text, "an IPv6 address in brackets lacks its ']'");
            }
            host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw bad(option, text, "expected ':PORT' after ']'");
                }
                port = rest.substring(1);
            }
        } else if (t.indexOf(':') != t.lastIndexOf(':')) {
            host = t;
        } else {
            int colon = t.indexOf(':');
            host = colon < 0 ? t : t.substring(0, colon);
            port = colon < 0 ? null : t.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw bad(option, text, "no host");
        }
        int p = defaultPort;
        if (port != null) {
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                throw bad(option, text, "port '" + port + "' is not a number");
            }
            if (p < 0 || p > 65535) {
                throw bad(option, text, "port " + p + " is outside 0..65535");
            }
        }
        return new HostAndPort(host, p);
    }

    private static GatewayException bad(String option, String text, String why) {
        return new GatewayException(option + " '" + text + "': " + why, "give HOST:PORT, e.g. 127.0.0.1:8554 or "
                + "[::1]:8554");
    }

    /** {@code host:port}, with brackets around an IPv6 literal. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
