package org.cctvgateway.rtsp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;

/**
 * One {@code $}-interleaved binary frame of an RTSP connection (RFC 2326 §10.12): a channel
 * number (0-255, RTP on the even channel of a SETUP's {@code interleaved=} pair, RTCP on the odd
 * one) and its payload, without the 4-byte prefix.
 *
 * <p><b>Ownership.</b> The constructor takes ownership of {@code content}; releasing the frame
 * releases it. A handler that consumes a frame releases it (or passes it on).
 */
public final class InterleavedFrame extends DefaultByteBufHolder {
    /** Largest payload the 16-bit length field can carry. */
    public static final int MAX_PAYLOAD = 65535;

    private final int channel;

    /**
     * Takes ownership of {@code content}.
     *
     * @throws IllegalArgumentException when {@code channel} is not 0-255 or the payload is longer
     *     than 65535 bytes (the content is not released then)
     */
    public InterleavedFrame(int channel, ByteBuf content) {
        super(content);
        if (channel < 0 || channel > 255) {
            throw new IllegalArgumentException("interleaved channel is " + channel + ", must be 0-255");
        }
        if (content.readableBytes() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("interleaved payload is " + content.readableBytes()
                    + " bytes, limit is " + MAX_PAYLOAD);
        }
        this.channel = channel;
    }

    public int channel() {
        return channel;
    }

    @Override
    public InterleavedFrame replace(ByteBuf content) {
        return new InterleavedFrame(channel, content);
    }

    @Override
    public InterleavedFrame copy() {
        return (InterleavedFrame) super.copy();
    }

    @Override
    public InterleavedFrame duplicate() {
        return (InterleavedFrame) super.duplicate();
    }

    @Override
    public InterleavedFrame retainedDuplicate() {
        return (InterleavedFrame) super.retainedDuplicate();
    }

    @Override
    public InterleavedFrame retain() {
        super.retain();
        return this;
    }

    @Override
    public InterleavedFrame retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public InterleavedFrame touch() {
        super.touch();
        return this;
    }

    @Override
    public InterleavedFrame touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InterleavedFrame other && other.channel == channel && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + channel;
    }

    @Override
    public String toString() {
        return "InterleavedFrame[channel=" + channel + ", bytes="
                + (refCnt() > 0 ? content().readableBytes() : -1) + "]";
    }
}
