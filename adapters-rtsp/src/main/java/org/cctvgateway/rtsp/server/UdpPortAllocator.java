package org.cctvgateway.rtsp.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.cctvgateway.rtsp.codec.PortRange;
import org.cctvgateway.rtsp.transport.Transports;

/**
 * Binds a UDP port pair (RTP on an even port, RTCP on the next, RFC 3550 §11) for one UDP
 * viewer, from a configured range or from ephemeral ports. Asynchronous: binding runs on the
 * viewer's event loop and completes a future, so no event loop ever waits.
 */
final class UdpPortAllocator {
    /** Ephemeral binds that may come back odd or with a taken neighbour before giving up. */
    private static final int EPHEMERAL_ATTEMPTS = 32;
    private static final int MAX_RANGE_ATTEMPTS = 512;

    /** A bound pair; closing it closes both sockets. */
    record Pair(Channel rtp, Channel rtcp) {
        int rtpPort() {
            return ((InetSocketAddress) rtp.localAddress()).getPort();
        }

        void close() {
            rtp.close();
            rtcp.close();
        }
    }

    private final Optional<PortRange> range;
    private final AtomicInteger cursor = new AtomicInteger();

    UdpPortAllocator(Optional<PortRange> range) {
        this.range = range;
    }

    /**
     * Binds a pair on {@code address}. Datagrams that arrive on the RTCP socket go to
     * {@code onRtcp} (borrowed for the call); anything on the RTP socket is discarded.
     */
    Future<Pair> allocate(EventLoop loop, InetAddress address, WriteBufferWaterMark waterMark,
                          Consumer<DatagramPacket> onRtcp) {
        Promise<Pair> promise = loop.newPromise();
        int attempts = range.map(r -> Math.min(MAX_RANGE_ATTEMPTS, (r.high() - r.low() + 1) / 2))
                .orElse(EPHEMERAL_ATTEMPTS);
        attempt(loop, address, waterMark, onRtcp, promise, attempts);
        return promise;
    }

    private void attempt(EventLoop loop, InetAddress address, WriteBufferWaterMark waterMark,
                         Consumer<DatagramPacket> onRtcp, Promise<Pair> promise, int left) {
        if (left <= 0) {
            String where = range.map(r -> "in " + r.format()).orElse("among ephemeral ports");
            promise.tryFailure(new IOException("no free UDP port pair " + where + " on " + address.getHostAddress()));
            return;
        }
        int port = range.map(this::nextEven).orElse(0);
        bind(loop, address, port, waterMark, p -> { }).addListener((ChannelFuture rtpBound) -> {
            if (!rtpBound.isSuccess()) {
                attempt(loop, address, waterMark, onRtcp, promise, left - 1);
                return;
            }
            Channel rtp = rtpBound.channel();
            int rtpPort = ((InetSocketAddress) rtp.localAddress()).getPort();
            if (rtpPort % 2 != 0 || rtpPort == 65535) {
                rtp.close();
                attempt(loop, address, waterMark, onRtcp, promise, left - 1);
                return;
            }
            bind(loop, address, rtpPort + 1, waterMark, onRtcp).addListener((ChannelFuture rtcpBound) -> {
                if (!rtcpBound.isSuccess()) {
                    rtp.close();
                    attempt(loop, address, waterMark, onRtcp, promise, left - 1);
                } else if (!promise.trySuccess(new Pair(rtp, rtcpBound.channel()))) {
                    rtp.close();
                    rtcpBound.channel().close();
                }
            });
        });
    }

    private int nextEven(PortRange r) {
        int pairs = (r.high() - r.low() + 1) / 2;
        int index = Math.floorMod(cursor.getAndIncrement(), pairs);
        return r.low() + 2 * index;
    }

    private static ChannelFuture bind(EventLoop loop, InetAddress address, int port, WriteBufferWaterMark waterMark,
                                      Consumer<DatagramPacket> sink) {
        return new Bootstrap().group(loop).channel(Transports.datagramChannel(loop))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark)
                .handler(new DatagramSink(sink))
                .bind(address, port);
    }

    /** Hands each datagram to the sink, then releases it. */
    private static final class DatagramSink extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Consumer<DatagramPacket> sink;

        DatagramSink(Consumer<DatagramPacket> sink) {
            this.sink = sink;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            sink.accept(packet);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable after a viewer quit shows up here; the session timeout and
            // TEARDOWN end the session, so an error on one datagram is no reason to close.
        }
    }
}
