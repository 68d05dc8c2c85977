package org.cctvgateway.rtsp.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.cctvgateway.rtsp.codec.InterleavedFrame;
import org.cctvgateway.rtsp.codec.PortRange;
import org.cctvgateway.rtsp.codec.TransportHeader;

/** RTP and RTCP as {@code $}-frames on the viewer's RTSP connection (RFC 2326 §10.12). */
final class InterleavedTransport implements ViewerTransport {
    private final Channel connection;
    private final PortRange channels;

    InterleavedTransport(Channel connection, PortRange channels) {
        this.connection = connection;
        this.channels = channels;
    }

    @Override
    public void writeRtp(ByteBuf packet) {
        connection.write(new InterleavedFrame(channels.rtp(), packet), connection.voidPromise());
    }

    @Override
    public void writeRtcp(ByteBuf packet) {
        connection.write(new InterleavedFrame(channels.rtcp(), packet), connection.voidPromise());
    }

    @Override
    public void flush() {
        connection.flush();
    }

    @Override
    public boolean isWritable() {
        return connection.isWritable();
    }

    @Override
    public TransportHeader replyHeader(long ssrc) {
        return TransportHeader.tcpInterleaved(channels.rtp())
                .withInterleaved(new PortRange(channels.rtp(), channels.rtcp())).withSsrc(ssrc);
    }

    @Override
    public void close() {
        // The frames share the RTSP connection, which the session's owner closes.
    }
}
