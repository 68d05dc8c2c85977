package org.cctvgateway.cli.runtime;

import org.cctvgateway.GatewayException;
import org.cctvgateway.spi.ProbeTarget;

/** A camera address as typed on the command line. */
public final class ProbeTargets {
    private ProbeTargets() {
    }

    /**
     * Reads {@code host}, {@code host:port} or {@code [v6]:port}.
     *
     * @throws GatewayException naming what is wrong
     */
    public static ProbeTarget parse(String text) {
        String host = text.strip();
        int port = 0;
        int colon = host.lastIndexOf(':');
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw new GatewayException("address '" + text + "' has an unclosed '['", "e.g. [fe80::1]:80");
            }
            if (close + 1 < host.length() && host.charAt(close + 1) == ':') {
                port = port(host.substring(close + 2), text);
            }
            host = host.substring(1, close);
        } else if (colon > 0 && host.indexOf(':') == colon) {
            port = port(host.substring(colon + 1), text);
            host = host.substring(0, colon);
        }
        if (host.isEmpty()) {
            throw new GatewayException("address '" + text + "' has no host", "e.g. 192.168.1.64 or 192.168.1.64:8080");
        }
        return ProbeTarget.of(host, port);
    }

    private static int port(String s, String text) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new GatewayException("address '" + text + "': port '" + s + "' is not a number in 1..65535",
                "e.g. 192.168.1.64:8080");
    }
}
