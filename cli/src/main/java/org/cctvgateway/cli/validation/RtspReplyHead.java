package org.cctvgateway.cli.validation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cctvgateway.rtsp.codec.RtspProtocolException;

/**
 * The head of an RTSP response, as far as a DESCRIBE-only check needs it: the status code, the
 * {@code WWW-Authenticate} values and the body length.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>what</th><th>limit</th><th>exceeding it</th></tr>
 *   <tr><td>head bytes</td><td>{@link #MAX_HEAD_BYTES}</td><td>{@link RtspProtocolException}</td></tr>
 *   <tr><td>header lines</td><td>{@link #MAX_HEADERS}</td><td>{@link RtspProtocolException}</td></tr>
 *   <tr><td>Content-Length</td><td>{@link #MAX_BODY_BYTES}</td><td>{@link RtspProtocolException}</td></tr>
 * </table>
 *
 * @param status the status code, 100..599
 * @param wwwAuthenticate every {@code WWW-Authenticate} value, in order
 * @param contentLength the body length, 0 when absent
 */
record RtspReplyHead(int status, List<String> wwwAuthenticate, int contentLength) {
    static final int MAX_HEAD_BYTES = 8192;
    static final int MAX_HEADERS = 64;
    static final int MAX_BODY_BYTES = 64 * 1024;

    RtspReplyHead {
        wwwAuthenticate = List.copyOf(wwwAuthenticate);
    }

    /**
     * Parses a head (status line and headers, without the blank line that ends it).
     *
     * @throws RtspProtocolException when it is not an RTSP/1.0 response or breaks a limit
     */
    static RtspReplyHead parse(byte[] head) {
        if (head.length > MAX_HEAD_BYTES) {
            throw new RtspProtocolException("RTSP response head is " + head.length + " bytes, limit is "
                    + MAX_HEAD_BYTES);
        }
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r?\n", -1);
        if (lines.length - 1 > MAX_HEADERS) {
            throw new RtspProtocolException("RTSP response has " + (lines.length - 1) + " header lines, limit is "
                    + MAX_HEADERS);
        }
        String statusLine = lines[0];
        if (!statusLine.startsWith("RTSP/1.0 ") || statusLine.length() < 12) {
            throw new RtspProtocolException("not an RTSP/1.0 status line: "
                    + RtspProtocolException.excerpt(statusLine));
        }
        int status = 0;
        for (int i = 9; i < 12; i++) {
            char c = statusLine.charAt(i);
            if (c < '0' || c > '9') {
                throw new RtspProtocolException("RTSP status code is not three digits: "
                        + RtspProtocolException.excerpt(statusLine));
            }
            status = status * 10 + (c - '0');
        }
        if (status < 100 || status > 599) {
            throw new RtspProtocolException("RTSP status " + status + " is outside 100..599");
        }
        List<String> challenges = new ArrayList<>();
        int contentLength = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (line.isEmpty() || colon <= 0) {
                continue; // tolerated: some cameras end lines with stray blanks
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("www-authenticate")) {
                challenges.add(value);
            } else if (name.equals("content-length")) {
                contentLength = contentLength(value);
            }
        }
        return new RtspReplyHead(status, challenges, contentLength);
    }

    private static int contentLength(String value) {
        if (value.isEmpty() || value.length() > 9) {
            throw new RtspProtocolException("RTSP Content-Length " + RtspProtocolException.excerpt(value)
                    + " is not a number up to " + MAX_BODY_BYTES);
        }
        int n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new RtspProtocolException("RTSP Content-Length " + RtspProtocolException.excerpt(value)
                        + " is not a number");
            }
            n = n * 10 + (c - '0');
        }
        if (n > MAX_BODY_BYTES) {
            throw new RtspProtocolException("RTSP Content-Length " + n + " is over the limit of " + MAX_BODY_BYTES);
        }
        return n;
    }
}
