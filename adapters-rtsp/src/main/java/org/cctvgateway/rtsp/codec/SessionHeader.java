package org.cctvgateway.rtsp.codec;

import java.time.Duration;
import java.util.Objects;

/**
 * The RTSP {@code Session} header (RFC 2326 §12.37): {@code id[;timeout=seconds]}. The id is
 * echoed on every request of the session; the timeout says how often the client must show
 * it is alive, 60 seconds when absent.
 *
 * @param id 1-{@value #MAX_ID_CHARS} visible characters other than {@code ;}
 */
public record SessionHeader(String id, Duration timeout) {
    public static final int MAX_ID_CHARS = 256;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public SessionHeader {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timeout, "timeout");
        if (id.isEmpty() || id.length() > MAX_ID_CHARS) {
            throw new IllegalArgumentException("session id must have 1-" + MAX_ID_CHARS + " characters, has "
                    + id.length());
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("session timeout must be positive, was " + timeout);
        }
    }

    /**
     * Parses a Session header value. A timeout that is not a positive number of at most 6 digits
     * is rejected; unknown parameters are ignored.
     *
     * @throws RtspProtocolException when the value is malformed
     */
    public static SessionHeader parse(String value) {
        Objects.requireNonNull(value, "value");
        String[] parts = value.split(";", 8);
        String id = parts[0].trim();
        if (id.isEmpty() || id.length() > MAX_ID_CHARS) {
            throw new RtspProtocolException("Session " + RtspProtocolException.excerpt(value) + ": id must have 1-"
                    + MAX_ID_CHARS + " characters, has " + id.length());
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw new RtspProtocolException("Session " + RtspProtocolException.excerpt(value)
                        + ": id has a character that is not allowed");
            }
        }
        Duration timeout = DEFAULT_TIMEOUT;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("timeout")) {
                String v = p.substring(eq + 1).trim();
                if (v.isEmpty() || v.length() > 6 || !v.chars().allMatch(c -> c >= '0' && c <= '9')
                        || Integer.parseInt(v) == 0) {
                    throw new RtspProtocolException("Session " + RtspProtocolException.excerpt(value)
                            + ": timeout " + RtspProtocolException.excerpt(v) + " is not a number of seconds 1-999999");
                }
                timeout = Duration.ofSeconds(Integer.parseInt(v));
            }
        }
        return new SessionHeader(id, timeout);
    }

    /** {@code id;timeout=N}, or only the id when the timeout is the default. */
    public String format() {
        return timeout.equals(DEFAULT_TIMEOUT) ? id : id + ";timeout=" + timeout.toSeconds();
    }
}
