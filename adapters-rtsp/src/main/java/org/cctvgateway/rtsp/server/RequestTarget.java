package org.cctvgateway.rtsp.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The stream a request URL names: {@code rtsp://host:port/site/cam/main} or, for SETUP, its
 * track URL {@code .../main/trackID=0} (the SDP control the server hands out). Query strings
 * and user info are dropped. Parsing is bounded and only ever throws {@link BadRequest}.
 *
 * @param baseUrl the URL without user info, query or track suffix, no trailing slash
 * @param path the mount path, e.g. {@code /site/cam/main}, or {@code /} for the root
 * @param track true when the URL named the track rather than the whole stream
 */
record RequestTarget(String baseUrl, String path, boolean track) {
    /** The control attribute of the single video track in our SDP. */
    static final String TRACK_CONTROL = "trackID=0";
    static final int MAX_URL_CHARS = 2048;
    private static final int MAX_SEGMENTS = 16;

    /** A request the server cannot read; answered with 400 and the connection stays open. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message, null, false, false);
        }
    }

    /** The track URL SETUP and RTP-Info use. */
    String trackUrl() {
        return baseUrl + "/" + TRACK_CONTROL;
    }

    static RequestTarget parse(String uri) {
        if (uri == null || uri.isEmpty()) {
            throw new BadRequest("request URL is empty");
        }
        if (uri.length() > MAX_URL_CHARS) {
            throw new BadRequest("request URL is " + uri.length() + " characters, limit is " + MAX_URL_CHARS);
        }
        URI u;
        try {
            u = new URI(uri);
        } catch (URISyntaxException e) {
            throw new BadRequest("request URL is not a URL: " + e.getReason());
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("rtsp") && !scheme.equals("rtsps") || u.getRawAuthority() == null || u.getHost() == null) {
            throw new BadRequest("request URL must be absolute rtsp:// or rtsps:// with a host");
        }
        String raw = u.getRawPath() == null ? "" : u.getRawPath();
        String[] segments = raw.split("/", -1);
        if (segments.length > MAX_SEGMENTS + 2) {
            throw new BadRequest("request URL path has more than " + MAX_SEGMENTS + " segments");
        }
        StringBuilder path = new StringBuilder();
        boolean track = false;
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            if (s.isEmpty()) {
                continue;
            }
            if (s.equals(".") || s.equals("..") || s.indexOf('%') >= 0 || !printableAscii(s)) {
                throw new BadRequest("request URL has a path segment that is '.', '..', percent-escaped or"
                        + " not printable ASCII");
            }
            if (s.equals(TRACK_CONTROL) && lastNonEmpty(segments, i)) {
                track = true;
                break;
            }
            path.append('/').append(s);
        }
        String p = path.length() == 0 ? "/" : path.toString();
        String host = u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
        String base = scheme + "://" + host + (p.equals("/") ? "" : p);
        return new RequestTarget(base, p, track);
    }

    /** Mount paths are ASCII ids; anything else cannot name a stream and must not reach headers. */
    private static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    private static boolean lastNonEmpty(String[] segments, int index) {
        for (int j = index + 1; j < segments.length; j++) {
            if (!segments[j].isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
