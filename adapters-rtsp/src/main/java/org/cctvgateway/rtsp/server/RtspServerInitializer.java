package org.cctvgateway.rtsp.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.rtsp.codec.FramingLimits;
import org.cctvgateway.rtsp.codec.InterleavedFrameEncoder;
import org.cctvgateway.rtsp.codec.RtspFramingDecoder;

/**
 * The pipeline of one viewer connection, named handlers in wire order:
 * <pre>
 *   tls?  SslHandler (RTSPS)
 *   idle  IdleStateHandler: wakes the session every quarter of the session timeout
 *   framing           RtspFramingDecoder: splits $-frames from RTSP text, enforces limits
 *   rtsp-decoder      RtspDecoder(maxHeaderBytes, maxHeaderBytes, maxBodyBytes)
 *   rtsp-aggregator   HttpObjectAggregator(maxBodyBytes)
 *   rtsp-encoder      RtspEncoder
 *   interleaved-encoder  InterleavedFrameEncoder: RTP/RTCP as $-frames
 *   session           RtspConnectionHandler
 * </pre>
 * The interleaved encoder sits on the session side of the RTSP encoder: it turns frames into
 * plain buffers, which {@code RtspEncoder} passes through untouched.
 */
final class RtspServerInitializer extends ChannelInitializer<Channel> {
    private static final InterleavedFrameEncoder INTERLEAVED_ENCODER = new InterleavedFrameEncoder();

    private final ServerContext server;

    RtspServerInitializer(ServerContext server) {
        this.server = server;
    }

    @Override
    protected void initChannel(Channel ch) {
        RtspServerOptions o = server.options;
        FramingLimits limits = o.framingLimits();
        ChannelPipeline p = ch.pipeline();
        o.tls().ifPresent(tls -> p.addLast("tls", tls.newHandler(ch.alloc())));
        long tick = Math.max(250, o.sessionTimeout().toMillis() / 4);
        p.addLast("idle", new IdleStateHandler(tick, 0, 0, TimeUnit.MILLISECONDS));
        p.addLast("framing", new RtspFramingDecoder(limits));
        p.addLast("rtsp-decoder", new RtspDecoder(limits.maxHeaderBytes(), limits.maxHeaderBytes(),
                limits.maxBodyBytes()));
        p.addLast("rtsp-aggregator", new HttpObjectAggregator(limits.maxBodyBytes()));
        p.addLast("rtsp-encoder", new RtspEncoder());
        p.addLast("interleaved-encoder", INTERLEAVED_ENCODER);
        p.addLast("session", new RtspConnectionHandler(server));
        server.channels.add(ch);
    }
}
