package org.cctvgateway.rtsp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Splits the byte stream of an RTSP connection into {@code $}-interleaved binary frames and
 * whole RTSP text messages, in front of Netty's {@code RtspDecoder}, which knows nothing of
 * interleaved frames.
 *
 * <p>At each message boundary it peeks at the first bytes, the way gortsplib's connection
 * reader does:
 * <ul>
 *   <li>{@code '$'}: a binary frame (1 byte channel, 2 bytes length, payload), emitted as an
 *       {@link InterleavedFrame};</li>
 *   <li>{@code RTSP/} or an RTSP 1.0 method followed by a space: a response or a request; the
 *       start line and header block up to the empty line, plus the {@code Content-Length} body,
 *       are emitted as one {@link ByteBuf}, so that {@code RtspDecoder} always sees whole
 *       messages and frames pass it by (it forwards anything that is not a {@code ByteBuf}) in
 *       the order they arrived;</li>
 *   <li>anything else: one byte is discarded and the next one tried (counted in
 *       {@link #discardedBytes()}); cameras are known to leave stray bytes, such as a trailing
 *       CRLF after a body or the rest of a frame after a restart.</li>
 * </ul>
 *
 * <p>Parameters that prevent excessive memory consumption:
 * <table border="1">
 *   <caption>Limits</caption>
 *   <tr><th>Name</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code maxHeaderBytes}</td><td>8192</td><td>start line plus header block; exceeding it
 *       raises {@link RtspFramingException}</td></tr>
 *   <tr><td>{@code maxBodyBytes}</td><td>65536</td><td>{@code Content-Length}; exceeding it raises
 *       {@link RtspFramingException}</td></tr>
 *   <tr><td>{@code maxInterleavedBytes}</td><td>65535</td><td>payload of a {@code $}-frame;
 *       exceeding it raises {@link RtspFramingException}</td></tr>
 * </table>
 * A {@code Content-Length} that is not a decimal number raises {@link RtspProtocolException}.
 * After either exception the stream cannot be resynchronised: later input is discarded and the
 * connection should be closed (the session handler's {@code exceptionCaught} does so).
 *
 * <p><b>Ownership.</b> Emitted buffers and frames are retained slices of the cumulation; the
 * next handler owns them. Not sharable: it holds the cumulation of one channel.
 *
 * <p>Netty's {@code HttpObjectDecoder} stays in its bad-message state after a malformed message;
 * a handler that wants to answer 400 and keep the connection calls {@code RtspDecoder.reset()}.
 */
public final class RtspFramingDecoder extends ByteToMessageDecoder {

    /** RTSP 1.0 methods (RFC 2326 §10) a peer may start a request with, each with its space. */
    private static final byte[][] STARTS = {
        ascii("RTSP/"), ascii("OPTIONS "), ascii("DESCRIBE "), ascii("ANNOUNCE "), ascii("SETUP "),
        ascii("PLAY "), ascii("PAUSE "), ascii("TEARDOWN "), ascii("GET_PARAMETER "),
        ascii("SET_PARAMETER "), ascii("REDIRECT "), ascii("RECORD "),
    };
    private static final byte[] CONTENT_LENGTH = ascii("content-length");

    private final FramingLimits limits;
    private long discardedBytes;
    /** Set once a limit or a Content-Length failed: the stream has no boundaries left. */
    private boolean failed;
    /** Bytes of the current header block already searched for its end; 0 between messages. */
    private int scanned;

    public RtspFramingDecoder(FramingLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Bytes skipped so far while looking for the start of a frame or a message. */
    public long discardedBytes() {
        return discardedBytes;
    }

    public FramingLimits limits() {
        return limits;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            decodeAvailable(in, out);
        } catch (RtspFramingException | RtspProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private void decodeAvailable(ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            int start = in.readerIndex();
            byte first = in.getByte(start);
            boolean complete;
            if (first == '$') {
                complete = decodeFrame(in, out);
            } else {
                int kind = classifyText(in);
                if (kind == TEXT) {
                    complete = decodeText(in, out);
                } else if (kind == NEED_MORE) {
                    complete = false;
                } else {
                    in.skipBytes(1);
                    discardedBytes++;
                    complete = true;
                }
            }
            if (!complete) {
                return;
            }
        }
    }

    private boolean decodeFrame(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 4) {
            return false;
        }
        int start = in.readerIndex();
        int length = in.getUnsignedShort(start + 2);
        if (length > limits.maxInterleavedBytes()) {
            throw new RtspFramingException("interleaved frame is " + length + " bytes, limit is "
                    + limits.maxInterleavedBytes() + " (rtsp.maxInterleavedBytes)");
        }
        if (in.readableBytes() < 4 + length) {
            return false;
        }
        int channel = in.getUnsignedByte(start + 1);
        in.skipBytes(4);
        out.add(new InterleavedFrame(channel, in.readRetainedSlice(length)));
        return true;
    }

    private static final int TEXT = 0;
    private static final int NEED_MORE = 1;
    private static final int GARBAGE = 2;

    /** Whether the bytes at the reader index start an RTSP message, may still do, or cannot. */
    private static int classifyText(ByteBuf in) {
        int start = in.readerIndex();
        int readable = in.readableBytes();
        boolean partial = false;
        for (byte[] prefix : STARTS) {
            int n = Math.min(prefix.length, readable);
            boolean match = true;
            for (int i = 0; i < n && match; i++) {
                match = in.getByte(start + i) == prefix[i];
            }
            if (match) {
                if (n == prefix.length) {
                    return TEXT;
                }
                partial = true;
            }
        }
        return partial ? NEED_MORE : GARBAGE;
    }

    private boolean decodeText(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int searchable = Math.min(in.readableBytes(), limits.maxHeaderBytes());
        int headerEnd = -1;
        // Resume where the previous call stopped, backing up 3 bytes in case CRLFCR was split.
        for (int i = Math.max(0, scanned - 3); i < searchable; i++) {
            if (in.getByte(start + i) != '\n') {
                continue;
            }
            // The empty line: LF LF or LF CR LF; bare LF is tolerated as HttpObjectDecoder does.
            if (i + 1 < searchable && in.getByte(start + i + 1) == '\n') {
                headerEnd = i + 2;
                break;
            }
            if (i + 2 < searchable && in.getByte(start + i + 1) == '\r' && in.getByte(start + i + 2) == '\n') {
                headerEnd = i + 3;
                break;
            }
        }
        if (headerEnd < 0) {
            if (in.readableBytes() >= limits.maxHeaderBytes()) {
                throw new RtspFramingException("RTSP header block is more than " + limits.maxHeaderBytes()
                        + " bytes, limit is " + limits.maxHeaderBytes() + " (rtsp.maxHeaderBytes)");
            }
            scanned = searchable;
            return false;
        }
        scanned = 0;
        long bodyLength = contentLength(in, start, headerEnd);
        if (bodyLength > limits.maxBodyBytes()) {
            throw new RtspFramingException("RTSP body is " + bodyLength + " bytes, limit is "
                    + limits.maxBodyBytes() + " (rtsp.maxBodyBytes)");
        }
        int total = headerEnd + (int) bodyLength;
        if (in.readableBytes() < total) {
            // Remember the header was found; the body is bounded by the check above.
            scanned = headerEnd;
            return false;
        }
        out.add(in.readRetainedSlice(total));
        return true;
    }

    /** The Content-Length of the header block {@code [start, start + end)}; 0 when absent. */
    private static long contentLength(ByteBuf in, int start, int end) {
        long result = 0;
        int lineStart = start;
        int limit = start + end;
        while (lineStart < limit) {
            int lineEnd = lineStart;
            while (lineEnd < limit && in.getByte(lineEnd) != '\n') {
                lineEnd++;
            }
            if (isContentLength(in, lineStart, lineEnd)) {
                result = parseLength(in, lineStart + CONTENT_LENGTH.length + 1, lineEnd);
            }
            lineStart = lineEnd + 1;
        }
        return result;
    }

    private static boolean isContentLength(ByteBuf in, int from, int to) {
        if (to - from <= CONTENT_LENGTH.length || in.getByte(from + CONTENT_LENGTH.length) != ':') {
            return false;
        }
        for (int i = 0; i < CONTENT_LENGTH.length; i++) {
            int c = in.getByte(from + i);
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != CONTENT_LENGTH[i]) {
                return false;
            }
        }
        return true;
    }

    private static long parseLength(ByteBuf in, int from, int to) {
        String raw = in.toString(from, to - from, StandardCharsets.ISO_8859_1).trim();
        if (raw.isEmpty() || raw.length() > 9) {
            throw new RtspProtocolException("Content-Length " + RtspProtocolException.excerpt(raw)
                    + " is not a number of at most 9 digits");
        }
        long value = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c < '0' || c > '9') {
                throw new RtspProtocolException("Content-Length " + RtspProtocolException.excerpt(raw)
                        + " is not a decimal number");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        scanned = 0;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
