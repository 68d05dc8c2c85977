package org.cctvgateway.cli.validation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.cctvgateway.rtsp.codec.RtspProtocolException;
import org.cctvgateway.rtsp.codec.auth.ClientAuthenticator;
import org.cctvgateway.rtsp.codec.auth.Credentials;

/**
 * One RTSP DESCRIBE and nothing more, over a plain socket: answers whether the camera gives its
 * stream description without a login, or with a given one (Digest or Basic, through
 * {@link ClientAuthenticator}). Used by the credential checks, where starting a whole stream per
 * attempt would be wasteful. Only {@code rtsp://}; the password never leaves this class except in
 * the {@code Authorization} header sent to the camera.
 */
final class RtspDescribe {
    /** How a DESCRIBE ended. */
    enum Outcome {
        /** 2xx: the description was given. */
        ACCEPTED,
        /** 401 (after our answer, when we had credentials to give). */
        REFUSED,
        /** Any other status, or a reply that is not RTSP. */
        OTHER,
        /** No connection, or no reply in time. */
        UNREACHABLE
    }

    private final Duration timeout;

    RtspDescribe(Duration timeout) {
        this.timeout = timeout;
    }

    /** DESCRIBE {@code uri} (no user-info) with {@code credentials}, or anonymously when empty. */
    Outcome describe(URI uri, Optional<Credentials> credentials) {
        int port = uri.getPort() > 0 ? uri.getPort() : 554;
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), millis);
            socket.setSoTimeout(millis);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String url = uri.toString();
            send(out, url, 1, null);
            RtspReplyHead reply = read(in);
            if (reply.status() == 401 && credentials.isPresent()) {
                ClientAuthenticator auth = new ClientAuthenticator(credentials.get());
                if (!auth.onChallenge(reply.wwwAuthenticate())) {
                    return Outcome.OTHER;
                }
                skip(in, reply.contentLength());
                send(out, url, 2, auth.authorization("DESCRIBE", url).orElseThrow());
                reply = read(in);
            }
            if (reply.status() >= 200 && reply.status() < 300) {
                return Outcome.ACCEPTED;
            }
            return reply.status() == 401 ? Outcome.REFUSED : Outcome.OTHER;
        } catch (RtspProtocolException e) {
            return Outcome.OTHER;
        } catch (IOException e) {
            return Outcome.UNREACHABLE;
        }
    }

    private static void send(OutputStream out, String url, int cseq, String authorization) throws IOException {
        StringBuilder b = new StringBuilder(256).append("DESCRIBE ").append(url).append(" RTSP/1.0\r\n")
                .append("CSeq: ").append(cseq).append("\r\n")
                .append("Accept: application/sdp\r\n")
                .append("User-Agent: cctv-gateway-validate\r\n");
        if (authorization != null) {
            b.append("Authorization: ").append(authorization).append("\r\n");
        }
        out.write(b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads up to the blank line that ends the head, bounded by {@link RtspReplyHead#MAX_HEAD_BYTES}. */
    private static RtspReplyHead read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int last4 = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the end of the reply head");
            }
            head.write(b);
            last4 = (last4 << 8) | b;
            // CRLF CRLF, or LF LF from servers that end lines with LF only
            if (last4 == 0x0D0A0D0A || (last4 & 0xFFFF) == 0x0A0A) {
                break;
            }
            if (head.size() > RtspReplyHead.MAX_HEAD_BYTES) {
                throw new RtspProtocolException("RTSP response head is over " + RtspReplyHead.MAX_HEAD_BYTES
                        + " bytes");
            }
        }
        byte[] bytes = head.toByteArray();
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\r' || bytes[end - 1] == '\n')) {
            end--;
        }
        return RtspReplyHead.parse(java.util.Arrays.copyOf(bytes, end));
    }

    private static void skip(InputStream in, int bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long n = in.skip(left);
            if (n <= 0) {
                if (in.read() < 0) {
                    return;
                }
                n = 1;
            }
            left -= n;
        }
    }
}
