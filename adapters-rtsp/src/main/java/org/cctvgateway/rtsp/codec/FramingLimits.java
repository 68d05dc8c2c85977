package org.cctvgateway.rtsp.codec;

/**
 * Size limits of {@link RtspFramingDecoder}; each one, when exceeded, raises an
 * {@link RtspFramingException} naming the value, the limit and its configuration key.
 *
 * @param maxHeaderBytes longest RTSP start line plus header block, CRLFCRLF included
 *     ({@code rtsp.maxHeaderBytes}, default 8192)
 * @param maxBodyBytes largest {@code Content-Length} body ({@code rtsp.maxBodyBytes}, default 64 KiB:
 *     an SDP is a few hundred bytes, a GET_PARAMETER body a few dozen)
 * @param maxInterleavedBytes largest {@code $}-frame payload ({@code rtsp.maxInterleavedBytes}, default
 *     65535, the largest the 16-bit length field can say)
 */
public record FramingLimits(int maxHeaderBytes, int maxBodyBytes, int maxInterleavedBytes) {

    /** The shortest header limit accepted: a status line and a CSeq fit in it. */
    public static final int MIN_HEADER_BYTES = 64;

    public FramingLimits {
        if (maxHeaderBytes < MIN_HEADER_BYTES || maxHeaderBytes > 1 << 20) {
            throw new IllegalArgumentException("rtsp.maxHeaderBytes is " + maxHeaderBytes
                    + ", must be between " + MIN_HEADER_BYTES + " and 1048576");
        }
        if (maxBodyBytes < 0 || maxBodyBytes > 16 << 20) {
            throw new IllegalArgumentException("rtsp.maxBodyBytes is " + maxBodyBytes
                    + ", must be between 0 and 16777216");
        }
        if (maxInterleavedBytes < 1 || maxInterleavedBytes > 65535) {
            throw new IllegalArgumentException("rtsp.maxInterleavedBytes is " + maxInterleavedBytes
                    + ", must be between 1 and 65535");
        }
    }

    /** 8192 header bytes, 64 KiB body, 65535 interleaved bytes. */
    public static FramingLimits defaults() {
        return new FramingLimits(8192, 64 * 1024, 65535);
    }
}
