package org.cctvgateway.rtsp.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.cctvgateway.rtsp.transport.Transports;

/**
 * The two UDP sockets of an RTP session over UDP: RTP on an even port and RTCP on the next one
 * (RFC 3550 §11), both bound on the local address that reaches the camera and registered on
 * the connection's event loop. Datagrams from any other address than the camera's are dropped:
 * on a shared network anyone can send to an open port.
 */
final class UdpMediaPair {
    /** Tries of a random even port before giving up; each try asks the OS for a free port. */
    static final int BIND_ATTEMPTS = 16;

    /** Receives datagrams from the camera; borrows the content. */
    interface Receiver {
        void onRtp(ByteBuf content, long arrivalNanos);

        void onRtcp(ByteBuf content, long arrivalNanos);
    }

    private final Channel rtp;
    private final Channel rtcp;

    private UdpMediaPair(Channel rtp, Channel rtcp) {
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    int rtpPort() {
        return ((InetSocketAddress) rtp.localAddress()).getPort();
    }

    /** Sends an RTCP packet to the camera from the RTCP socket; takes ownership of {@code packet}. */
    void sendRtcp(ByteBuf packet, InetSocketAddress camera) {
        rtcp.writeAndFlush(new DatagramPacket(packet, camera));
    }

    void close() {
        rtp.close();
        rtcp.close();
    }

    /**
     * Binds a pair on {@code local}, accepting datagrams only from {@code camera}.
     *
     * @param clock monotonic nanoseconds for arrival times
     */
    static Future<UdpMediaPair> bind(EventLoop loop, InetAddress local, InetAddress camera, Receiver receiver,
                                     java.util.function.LongSupplier clock) {
        Promise<UdpMediaPair> promise = loop.newPromise();
        Bootstrap rtpBoot = bootstrap(loop, camera, (buf, t) -> receiver.onRtp(buf, t), clock);
        Bootstrap rtcpBoot = bootstrap(loop, camera, (buf, t) -> receiver.onRtcp(buf, t), clock);
        attempt(rtpBoot, rtcpBoot, local, BIND_ATTEMPTS, promise);
        return promise;
    }

    private static void attempt(Bootstrap rtpBoot, Bootstrap rtcpBoot, InetAddress local, int left,
                                Promise<UdpMediaPair> promise) {
        if (left == 0) {
            promise.tryFailure(new java.io.IOException("found no free even/odd UDP port pair on " + local
                    + " in " + BIND_ATTEMPTS + " attempts"));
            return;
        }
        rtpBoot.bind(local, 0).addListener((ChannelFuture rf) -> {
            if (!rf.isSuccess()) {
                promise.tryFailure(rf.cause());
                return;
            }
            int port = ((InetSocketAddress) rf.channel().localAddress()).getPort();
            if ((port & 1) != 0 || port >= 65535) {
                rf.channel().close();
                attempt(rtpBoot, rtcpBoot, local, left - 1, promise);
                return;
            }
            rtcpBoot.bind(local, port + 1).addListener((ChannelFuture cf) -> {
                if (!cf.isSuccess()) {
                    rf.channel().close();
                    attempt(rtpBoot, rtcpBoot, local, left - 1, promise);
                } else if (!promise.trySuccess(new UdpMediaPair(rf.channel(), cf.channel()))) {
                    rf.channel().close();
                    cf.channel().close();
                }
            });
        });
    }

    private interface Sink {
        void accept(ByteBuf content, long arrivalNanos);
    }

    private static Bootstrap bootstrap(EventLoop loop, InetAddress camera, Sink sink,
                                       java.util.function.LongSupplier clock) {
        return new Bootstrap().group(loop).channel(Transports.datagramChannel(loop))
                // Cameras packetize to the Ethernet MTU; 8 KiB leaves room for jumbo frames without
                // pinning 64 KiB per held fragment. A longer datagram is cut and then dropped as malformed.
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(8192))
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                // A new handler per channel: a retried bind must not reuse a handler instance.
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast(new FromCamera(camera, sink, clock));
                    }
                });
    }

    /** Passes on datagrams from the camera's address; drops the rest. */
    private static final class FromCamera extends SimpleChannelInboundHandler<DatagramPacket> {
        private final InetAddress camera;
        private final Sink sink;
        private final java.util.function.LongSupplier clock;

        FromCamera(InetAddress camera, Sink sink, java.util.function.LongSupplier clock) {
            this.camera = camera;
            this.sink = sink;
            this.clock = clock;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            if (packet.sender() != null && camera.equals(packet.sender().getAddress())) {
                sink.accept(packet.content(), clock.getAsLong());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port-unreachable and the like: UDP keeps going, the watchdog judges the stream.
        }
    }
}
