package org.cctvgateway.cli.connect;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * Passes what one side of a {@link PlayerConnection} reads to the other side, unchanged, with
 * backpressure: while the other side cannot take more ({@link Channel#isWritable()} false, its
 * outbound buffer past the high water mark) this side stops reading, so a slow player slows the
 * gateway's TCP window instead of filling memory, and the other way round. Runs on the one event
 * loop both channels share; not {@code @Sharable}.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {
    private final PlayerConnection connection;
    private final boolean fromPlayer;

    RelayHandler(PlayerConnection connection, boolean fromPlayer) {
        this.connection = connection;
        this.fromPlayer = fromPlayer;
    }

    /** Takes ownership of {@code msg}: it goes to the other side, or is released when that side is gone. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel peer = connection.peerOf(fromPlayer);
        if (peer == null || !peer.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (fromPlayer && msg instanceof ByteBuf buf && connection.answeredLocally(ctx, buf)) {
            return;
        }
        connection.count(fromPlayer, msg);
        peer.write(msg, peer.voidPromise());
        if (!peer.isWritable()) {
            ctx.channel().config().setAutoRead(false);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Channel peer = connection.peerOf(fromPlayer);
        if (peer != null) {
            peer.flush();
        }
        ctx.fireChannelReadComplete();
    }

    /** This side drained: let the other side read again (once the pipe is up). */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Channel peer = connection.peerOf(fromPlayer);
        if (peer != null && connection.isFlowing()) {
            peer.config().setAutoRead(ctx.channel().isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        connection.sideClosed(fromPlayer);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        connection.sideFailed(fromPlayer, cause);
    }
}
