package org.cctvgateway.rtsp.client;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.cctvgateway.rtsp.codec.FramingLimits;
import org.cctvgateway.rtsp.codec.InterleavedFrameEncoder;
import org.cctvgateway.rtsp.codec.RtspFramingDecoder;

/**
 * The pipeline of an ingest connection, named handlers in wire order:
 * {@code tls?} → {@code idle} → {@code framing} → {@code rtsp-decoder} → {@code rtsp-aggregator}
 * → {@code interleaved-encoder} → {@code rtsp-encoder} → {@code session}.
 *
 * <p>{@code idle} fires a reader-idle event when nothing at all arrived for
 * {@code readerIdleMillis} (0 disables it, as for UDP transport where the TCP connection is
 * quiet between keep-alives). The RTSP decoder's limits derive from the framing limits, which
 * have already bounded each message: initial line and headers by {@code maxHeaderBytes}, the
 * body by {@code maxBodyBytes}.
 */
public final class RtspIngestInitializer extends ChannelInitializer<SocketChannel> {
    private static final InterleavedFrameEncoder INTERLEAVED_ENCODER = new InterleavedFrameEncoder();

    private final SslContext ssl;
    private final String host;
    private final int port;
    private final long readerIdleMillis;
    private final FramingLimits limits;
    private final ChannelHandler session;

    /**
     * @param ssl the TLS context for rtsps://, or null for plain rtsp://
     * @param host the host name for SNI and certificate verification
     * @param session the per-connection session handler (not sharable)
     */
    public RtspIngestInitializer(SslContext ssl, String host, int port, long readerIdleMillis, FramingLimits limits,
                                 ChannelHandler session) {
        this.ssl = ssl;
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.readerIdleMillis = readerIdleMillis;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.session = Objects.requireNonNull(session, "session");
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        if (ssl != null) {
            SslHandler tls = ssl.newHandler(ch.alloc(), host, port);
            SSLEngine engine = tls.engine();
            SSLParameters params = engine.getSSLParameters();
            // Verifies the certificate's names against the host; a trust-all context skips it anyway.
            params.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(params);
            p.addLast("tls", tls);
        }
        p.addLast("idle", new IdleStateHandler(readerIdleMillis, 0, 0, TimeUnit.MILLISECONDS));
        p.addLast("framing", new RtspFramingDecoder(limits));
        p.addLast("rtsp-decoder", new RtspDecoder(limits.maxHeaderBytes(), limits.maxHeaderBytes(),
                Math.max(1, limits.maxBodyBytes())));
        p.addLast("rtsp-aggregator", new HttpObjectAggregator(limits.maxBodyBytes()));
        p.addLast("interleaved-encoder", INTERLEAVED_ENCODER);
        p.addLast("rtsp-encoder", new RtspEncoder());
        p.addLast("session", session);
    }
}
