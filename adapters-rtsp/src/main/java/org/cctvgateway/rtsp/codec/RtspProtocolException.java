package org.cctvgateway.rtsp.codec;

import io.netty.handler.codec.DecoderException;

/**
 * RTSP input that cannot be read: a malformed header value (Transport, WWW-Authenticate,
 * Authorization, Session, Content-Length) or a URL that cannot be resolved. The message names
 * the value (truncated, never a credential) and what was expected.
 */
public class RtspProtocolException extends DecoderException {
    private static final long serialVersionUID = 1L;

    public RtspProtocolException(String message) {
        super(message);
    }

    public RtspProtocolException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code value} cut to 64 characters for an error message, with its original length. */
    public static String excerpt(CharSequence value) {
        if (value == null) {
            return "null";
        }
        String s = value.toString();
        StringBuilder b = new StringBuilder(Math.min(s.length(), 64) + 16).append('\'');
        for (int i = 0; i < s.length() && i < 64; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c > 0x7e ? '?' : c);
        }
        b.append('\'');
        if (s.length() > 64) {
            b.append("... (").append(s.length()).append(" chars)");
        }
        return b.toString();
    }
}
