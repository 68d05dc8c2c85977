package org.cctvgateway.rtsp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes an {@link InterleavedFrame} as {@code '$'}, channel, 16-bit length and the payload
 * (RFC 2326 §10.12). The payload is not copied: a 4-byte prefix buffer and the retained payload
 * go out as two buffers. Stateless, so one instance may serve every channel.
 *
 * <p>Place it between the framing decoder and Netty's {@code RtspEncoder}, on the head side of
 * the encoder, so that frames written by the session pass through {@code RtspEncoder} untouched
 * and are encoded here; the order of RTSP messages and frames is kept.
 */
@Sharable
public final class InterleavedFrameEncoder extends MessageToMessageEncoder<InterleavedFrame> {

    public InterleavedFrameEncoder() {
        super(InterleavedFrame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, InterleavedFrame frame, List<Object> out) {
        ByteBuf payload = frame.content();
        ByteBuf prefix = ctx.alloc().buffer(4);
        prefix.writeByte('$').writeByte(frame.channel()).writeShort(payload.readableBytes());
        out.add(prefix);
        // MessageToMessageEncoder releases the frame after encode(); the payload travels on.
        out.add(payload.retain());
    }
}
