package org.cctvgateway.rtsp.codec;

import io.netty.handler.codec.TooLongFrameException;

/**
 * An RTSP message or an interleaved frame exceeded a {@link FramingLimits} limit. The message
 * names the value, the limit and its configuration key, for example
 * {@code RTSP header block is 9120 bytes, limit is 8192 (rtsp.maxHeaderBytes)}. The connection
 * cannot be resynchronised after it and is closed.
 */
public final class RtspFramingException extends TooLongFrameException {
    private static final long serialVersionUID = 1L;

    public RtspFramingException(String message) {
        super(message);
    }
}
