package org.cctvgateway.onvif.client;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cctvgateway.internal.Urls;
import org.cctvgateway.onvif.soap.SoapProtocolException;

/**
 * Repairs the addresses firmware hands out: service XAddrs and stream URIs that name a host we
 * cannot use (0.0.0.0, loopback, or a private address behind NAT different from the one we
 * reached), carry credentials, or hold several addresses in one string.
 */
public final class Addresses {
    private Addresses() {
    }

    /**
     * Picks one address from an XAddr value that may hold several, separated by spaces or line
     * breaks (Axis, Bosch: {@code http://169.254.x.x/... http://192.168.1.125/...}): the one whose
     * host is {@code reachedHost} if any, else the first http(s) one; then fixes its host.
     */
    public static URI pickXAddr(String xaddrs, String reachedHost) {
        List<URI> candidates = new ArrayList<>();
        for (String s : xaddrs.strip().split("\\s+")) {
            try {
                URI u = new URI(s);
                String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                    candidates.add(u);
                }
            } catch (URISyntaxException e) {
                // skip the unusable one; another in the list may do
            }
            if (candidates.size() == 8) {
                break;
            }
        }
        if (candidates.isEmpty()) {
            throw new SoapProtocolException("XAddr '" + clip(xaddrs) + "' holds no http(s) address");
        }
        Optional<URI> same = candidates.stream().filter(u -> sameHost(u.getHost(), reachedHost)).findFirst();
        return fix(same.orElse(candidates.get(0)), reachedHost);
    }

    /** Parses a stream or snapshot URI from a reply and fixes it; see {@link #fix}. */
    public static URI fixStreamUri(String raw, String reachedHost) {
        String s = raw.strip().replace(" ", "%20");
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw new SoapProtocolException("stream URI '" + clip(Urls.redact(s)) + "' is not a URI: " + e.getReason());
        }
        if (u.getScheme() == null || u.getRawAuthority() == null) {
            throw new SoapProtocolException("stream URI '" + clip(Urls.redact(s)) + "' has no scheme or host");
        }
        return fix(u, reachedHost);
    }

    /**
     * Drops credentials, and replaces the host with {@code reachedHost} when the URI names an
     * unspecified, loopback, link-local or private address other than the one we reached. Port,
     * path and query stay. A public address or a host name is kept: it may be a deliberate proxy.
     */
    public static URI fix(URI u, String reachedHost) {
        String host = u.getHost();
        if (host == null) {
            // new URI() leaves host null for authorities it cannot parse as server-based (user info with
            // odd characters); re-parse without the user info.
            String auth = u.getRawAuthority();
            host = auth.substring(auth.lastIndexOf('@') + 1);
            int colon = host.lastIndexOf(':');
            if (colon > 0 && !host.endsWith("]")) {
                host = host.substring(0, colon);
            }
        }
        String newHost = replaceable(host) && !sameHost(host, reachedHost) ? reachedHost : host;
        if (newHost.indexOf(':') >= 0 && !newHost.startsWith("[")) {
            newHost = "[" + newHost + "]";
        }
        int port = u.getPort();
        StringBuilder b = new StringBuilder(u.getScheme()).append("://").append(newHost);
        if (port >= 0) {
            b.append(':').append(port);
        }
        b.append(u.getRawPath() == null ? "" : u.getRawPath());
        if (u.getRawQuery() != null) {
            b.append('?').append(u.getRawQuery());
        }
        try {
            return new URI(b.toString());
        } catch (URISyntaxException e) {
            throw new SoapProtocolException("address '" + clip(Urls.redact(u.toString())) + "' cannot be rebuilt: "
                    + e.getReason());
        }
    }

    /** True for IP literals that cannot be the address to use from outside the camera. */
    static boolean replaceable(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!isIpLiteral(h)) {
            return false;
        }
        try {
            InetAddress a = InetAddress.getByName(h); // an IP literal: no lookup happens
            byte[] b = a.getAddress();
            boolean cgnat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
            return a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                    || cgnat;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static boolean isIpLiteral(String h) {
        return NetUtil.isValidIpV4Address(h) || NetUtil.isValidIpV6Address(h);
    }

    private static boolean sameHost(String a, String b) {
        return strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String h) {
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /** Removes user info from a URI string for messages. */
    private static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
