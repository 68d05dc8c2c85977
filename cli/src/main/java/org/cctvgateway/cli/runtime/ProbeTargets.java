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

    /** True for an {@code rtsp://} or {@code rtsps://} URL rather than a camera address. */
    public static boolean isStreamUrl(String target) {
        String t = target.toLowerCase(java.util.Locale.ROOT);
        return t.startsWith("rtsp://") || t.startsWith("rtsps://");
    }

    /**
     * Reads a camera's stream URL; credentials in it stay in the URI but never reach a message.
     *
     * @throws GatewayException naming the URL with its password hidden
     */
    public static java.net.URI streamUrl(String text) {
        try {
            java.net.URI u = new java.net.URI(text);
            if (u.getHost() == null) {
                throw new GatewayException("stream URL " + org.cctvgateway.rtsp.codec.RtspUrls.redact(text)
                        + " has no host", "e.g. rtsp://192.168.1.64:554/stream1");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new GatewayException("stream URL " + org.cctvgateway.rtsp.codec.RtspUrls.redact(text)
                    + " is not a valid URL", "e.g. rtsp://192.168.1.64:554/stream1", e);
        }
    }
}
