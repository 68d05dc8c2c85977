package org.cctvgateway.rtsp.codec;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.cctvgateway.internal.Urls;

/**
 * RTSP URL helpers: redaction for logs, credentials from the user-info, and the resolution of
 * SDP {@code a=control} attributes against the presentation base, with the quirks cameras have.
 */
public final class RtspUrls {
    /** Longest URL accepted from the network (Content-Base, Location, a=control). */
    public static final int MAX_URL_CHARS = 2048;

    private RtspUrls() {
    }

    /** User name and password taken from a URL's user-info, percent-decoded. */
    public record UserInfo(String username, String password) {
        public UserInfo {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "UserInfo[username=" + username + ", password=***]";
        }
    }

    /**
     * {@code url} without its user-info ({@code rtsp://user:pass@host/x} becomes
     * {@code rtsp://host/x}), for logs and status lines. Works on text that is not a valid URI too;
     * never returns anything that was between {@code //} and the last {@code @} of the authority.
     */
    public static String redact(String url) {
        return Urls.redact(url);
    }

    /** {@code url} with its user-info removed. */
    public static URI withoutUserInfo(URI url) {
        if (url.getRawUserInfo() == null) {
            return url;
        }
        return URI.create(redact(url.toString()));
    }

    /**
     * The user name and password in {@code url}'s user-info, percent-decoded as UTF-8 (so that a
     * password may hold {@code @}, {@code :} or {@code /} written as {@code %40}, {@code %3A},
     * {@code %2F}); empty when there is none. A user-info without a colon has an empty password.
     */
    public static Optional<UserInfo> credentials(URI url) {
        String raw = url.getRawUserInfo();
        if (raw == null) {
            return Optional.empty();
        }
        int colon = raw.indexOf(':');
        String user = colon < 0 ? raw : raw.substring(0, colon);
        String pass = colon < 0 ? "" : raw.substring(colon + 1);
        return Optional.of(new UserInfo(percentDecode(user), percentDecode(pass)));
    }

    /**
     * The URL of a media or of the aggregate control of a presentation.
     *
     * <ul>
     *   <li>{@code control} null, empty or {@code *}: the base itself (RFC 2326 C.1.1);</li>
     *   <li>an absolute {@code rtsp:}/{@code rtsps:} URL: used as is;</li>
     *   <li>a path starting with {@code /}: on the base's host (RFC 3986 reference);</li>
     *   <li>anything else is appended to the base with one {@code /} between them. RFC 3986 would
     *       drop the base's last segment when it has no trailing slash, but cameras send
     *       {@code Content-Base: rtsp://cam/h264} with {@code a=control:trackID=1} and expect
     *       {@code rtsp://cam/h264/trackID=1}; and a base with a query
     *       ({@code rtsp://cam/realmonitor?channel=1&subtype=0/}) is also appended to as text,
     *       which is what those cameras answer to.</li>
     * </ul>
     *
     * @throws RtspProtocolException when the result is not a valid URI or is too long
     */
    public static URI resolveControl(URI base, String control) {
        Objects.requireNonNull(base, "base");
        if (control == null || control.isBlank() || control.trim().equals("*")) {
            return base;
        }
        String c = control.trim();
        if (c.length() > MAX_URL_CHARS) {
            throw new RtspProtocolException("control URL is " + c.length() + " characters, limit is "
                    + MAX_URL_CHARS);
        }
        String lower = c.toLowerCase(Locale.ROOT);
        if (lower.startsWith("rtsp://") || lower.startsWith("rtsps://")) {
            return parse(c, "control URL");
        }
        if (c.startsWith("/")) {
            String b = base.toString();
            int scheme = b.indexOf("://");
            int pathStart = b.indexOf('/', scheme + 3);
            String root = pathStart < 0 ? b : b.substring(0, pathStart);
            return parse(root + c, "control URL");
        }
        String b = base.toString();
        return parse(b.endsWith("/") ? b + c : b + "/" + c, "control URL");
    }

    /**
     * Parses a URL received from the camera (Content-Base, Content-Location, Location).
     *
     * @throws RtspProtocolException when it is not an absolute rtsp/rtsps URL or is too long
     */
    public static URI parseServerUrl(String value, String what) {
        String v = value.trim();
        if (v.length() > MAX_URL_CHARS) {
            throw new RtspProtocolException(what + " is " + v.length() + " characters, limit is " + MAX_URL_CHARS);
        }
        URI uri = parse(v, what);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("rtsp") && !scheme.equals("rtsps") || uri.getHost() == null) {
            throw new RtspProtocolException(what + " " + RtspProtocolException.excerpt(redact(v))
                    + " is not an absolute rtsp:// or rtsps:// URL");
        }
        return uri;
    }

    private static URI parse(String s, String what) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            throw new RtspProtocolException(what + " " + RtspProtocolException.excerpt(redact(s))
                    + " is not a valid URI: " + e.getReason());
        }
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
