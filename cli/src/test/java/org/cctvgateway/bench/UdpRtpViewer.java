package org.cctvgateway.bench;

import io.micrometer.core.instrument.Clock;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.Codec;
import org.cctvgateway.media.ParameterSets;
import org.cctvgateway.media.TrackInfo;
import org.cctvgateway.rtp.DepacketizerLimits;
import org.cctvgateway.rtp.RtpClockMapping;
import org.cctvgateway.rtp.RtpDepacketizer;
import org.cctvgateway.rtp.RtpDepacketizers;
import org.cctvgateway.rtp.RtpPacket;
import org.cctvgateway.rtp.RtpProtocolException;

/**
 * A viewer of a plain RTP/UDP stream (what {@code ffmpeg -f rtp} sends): an even port for RTP
 * and the next one for RTCP (read and dropped, so the sender's RTCP finds an open port), with
 * the project's H.264 depacketizer turning packets into frames for a {@link FrameLog}.
 */
final class UdpRtpViewer implements AutoCloseable {
    /** ffmpeg's RTP muxer uses the first dynamic payload type. */
    static final int PAYLOAD_TYPE = 96;
    private static final int RECEIVE_BUFFER = 4 << 20;
    private static final int BIND_ATTEMPTS = 50;

    private final Channel rtp;
    private final Channel rtcp;
    private final AtomicLong malformed;

    private UdpRtpViewer(Channel rtp, Channel rtcp, AtomicLong malformed) {
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.malformed = malformed;
    }

    /** Binds a free even/odd port pair on 127.0.0.1 and starts logging frames into {@code log}. */
    static UdpRtpViewer bind(EventLoopGroup group, FrameLog log) throws InterruptedException {
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            Channel first = open(group, 0, new Discard());
            int port = ((InetSocketAddress) first.localAddress()).getPort();
            first.close().await(2, TimeUnit.SECONDS);
            int even = port % 2 == 0 ? port : port - 1;
            if (even < 1024) {
                continue;
            }
            AtomicLong malformed = new AtomicLong();
            Receiver receiver = new Receiver(log, malformed);
            Channel rtp = tryOpen(group, even, receiver);
            if (rtp == null) {
                continue;
            }
            Channel rtcp = tryOpen(group, even + 1, new Discard());
            if (rtcp == null) {
                rtp.close().await(2, TimeUnit.SECONDS);
                continue;
            }
            return new UdpRtpViewer(rtp, rtcp, malformed);
        }
        throw new IllegalStateException("no free UDP port pair on 127.0.0.1 after " + BIND_ATTEMPTS + " attempts");
    }

    private static Channel tryOpen(EventLoopGroup group, int port, SimpleChannelInboundHandler<DatagramPacket> h)
            throws InterruptedException {
        try {
            return open(group, port, h);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static Channel open(EventLoopGroup group, int port, SimpleChannelInboundHandler<DatagramPacket> handler)
            throws InterruptedException {
        ChannelFuture f = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                .option(ChannelOption.SO_RCVBUF, RECEIVE_BUFFER)
                .handler(handler)
                .bind(new InetSocketAddress("127.0.0.1", port));
        if (!f.await(5, TimeUnit.SECONDS) || !f.isSuccess()) {
            f.channel().close();
            throw new IllegalStateException("could not bind UDP 127.0.0.1:" + port + ": " + f.cause());
        }
        return f.channel();
    }

    /** The RTP port (even); RTCP is on the next one. */
    int port() {
        return ((InetSocketAddress) rtp.localAddress()).getPort();
    }

    long malformed() {
        return malformed.get();
    }

    @Override
    public void close() throws InterruptedException {
        rtp.close().await(5, TimeUnit.SECONDS);
        rtcp.close().await(5, TimeUnit.SECONDS);
    }

    /** Depacketizes on the channel's event loop; owns the depacketizer and releases it when the channel closes. */
    private static final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        private final FrameLog log;
        private final RtpDepacketizer depacketizer = RtpDepacketizers.create(
                new TrackInfo(Codec.H264, PAYLOAD_TYPE, 90_000, ParameterSets.empty(Codec.H264)),
                new RtpClockMapping(90_000), Clock.SYSTEM, DepacketizerLimits.defaults());
        private final List<AccessUnit> out = new ArrayList<>();
        private final AtomicLong malformed;

        Receiver(FrameLog log, AtomicLong malformed) {
            this.log = log;
            this.malformed = malformed;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket datagram) {
            long now = System.nanoTime();
            RtpPacket packet;
            try {
                packet = RtpPacket.decode(datagram.content());
            } catch (RtpProtocolException e) {
                malformed.incrementAndGet();
                return;
            }
            try {
                depacketizer.push(packet, now, out);
            } finally {
                packet.release();
            }
            for (AccessUnit unit : out) {
                try {
                    log.add(unit, unit.arrivalNanos());
                } finally {
                    unit.release();
                }
            }
            out.clear();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            depacketizer.close();
            super.channelInactive(ctx);
        }
    }

    /** Reads and drops datagrams (RTCP, and the probe socket). */
    private static final class Discard extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            // Dropped; SimpleChannelInboundHandler releases it.
        }
    }
}
