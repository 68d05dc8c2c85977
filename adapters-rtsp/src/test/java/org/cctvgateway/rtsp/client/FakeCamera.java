package org.cctvgateway.rtsp.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.Codec;
import org.cctvgateway.rtp.RtpClockMapping;
import org.cctvgateway.rtp.RtpPacketizer;
import org.cctvgateway.rtp.RtpPacketizers;
import org.cctvgateway.rtp.rtcp.SenderReport;
import org.cctvgateway.rtsp.codec.FramingLimits;
import org.cctvgateway.rtsp.codec.InterleavedFrame;
import org.cctvgateway.rtsp.codec.InterleavedFrameEncoder;
import org.cctvgateway.rtsp.codec.PortRange;
import org.cctvgateway.rtsp.codec.RtspFramingDecoder;
import org.cctvgateway.rtsp.codec.TransportHeader;
import org.cctvgateway.rtsp.codec.auth.AuthResult;
import org.cctvgateway.rtsp.codec.auth.DigestAuthenticator;

/**
 * A scripted camera on 127.0.0.1: answers OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER and
 * TEARDOWN the way IP cameras do (headers and SDP shaped like a Hikvision-style answer), and
 * streams the fixture clip as RTP, interleaved or over UDP, with RTCP sender reports whose NTP
 * time starts at {@link #SR_EPOCH}. It counts connections and their overlap.
 */
final class FakeCamera implements AutoCloseable {
    static final Instant SR_EPOCH = Instant.parse("2020-01-01T00:00:00Z");
    static final String VIDEO_PATH = "/Streaming/Channels/101";

    /** What the camera does; set before the client connects. */
    static final class Script {
        volatile DigestAuthenticator auth;
        volatile String redirectFromPath;
        volatile String contentBase = "SELF";
        volatile String sessionControl = "*";
        volatile String trackControl = "trackID=1";
        volatile boolean sendVideo = true;
        volatile int dropFirstConnectionAfterFrames = -1;
        volatile int sessionTimeoutSeconds = 60;
        volatile boolean getParameter = true;
    }

    final Script script = new Script();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger maxOpen = new AtomicInteger();
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger keepAlives = new AtomicInteger();
    final AtomicInteger teardowns = new AtomicInteger();
    final AtomicInteger rtcpReceived = new AtomicInteger();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    private final EventLoopGroup group;
    private final List<Clip.Unit> clip = Clip.load();
    private final Channel server;

    FakeCamera(EventLoopGroup group) throws InterruptedException {
        this.group = group;
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new RtspFramingDecoder(FramingLimits.defaults()),
                                new RtspDecoder(), new HttpObjectAggregator(65536), new InterleavedFrameEncoder(),
                                new RtspEncoder(), new Connection());
                    }
                }).bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    URI url(String path) {
        return URI.create("rtsp://127.0.0.1:" + port() + path);
    }

    long requestCount(String method) {
        return requests.stream().filter(r -> r.startsWith(method + " ")).count();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }

    /** Counts datagrams from the client (receiver reports). */
    @io.netty.channel.ChannelHandler.Sharable
    private final class RtcpCounter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext c, Object m) {
            rtcpReceived.incrementAndGet();
            ReferenceCountUtil.release(m);
        }
    }

    /** One client connection. */
    private final class Connection extends ChannelInboundHandlerAdapter {
        private final int number = connections.incrementAndGet();
        private ChannelHandlerContext ctx;
        private boolean playing;
        private int rtpChannel = -1;
        private Channel udpRtp;
        private Channel udpRtcp;
        private InetSocketAddress clientRtp;
        private ScheduledFuture<?> streaming;
        private int frame;
        private RtpPacketizer packetizer;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            int now = open.incrementAndGet();
            maxOpen.accumulateAndGet(now, Math::max);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            open.decrementAndGet();
            stop();
            if (udpRtp != null) {
                udpRtp.close();
                udpRtcp.close();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof FullHttpRequest req) {
                    handle(req);
                } else if (msg instanceof InterleavedFrame f && f.channel() == rtpChannel + 1) {
                    rtcpReceived.incrementAndGet();
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void handle(FullHttpRequest req) {
            String method = req.method().name();
            requests.add(method + " " + req.uri());
            String auth = req.headers().get(RtspHeaderNames.AUTHORIZATION);
            if (auth != null) {
                authorizations.add(auth);
            }
            FullHttpResponse resp = response(HttpResponseStatus.OK, req);
            DigestAuthenticator authenticator = script.auth;
            if (authenticator != null && !method.equals("TEARDOWN")) {
                AuthResult result = authenticator.verify(method, auth);
                if (result instanceof AuthResult.Rejected rejected) {
                    resp.setStatus(HttpResponseStatus.UNAUTHORIZED);
                    for (String c : authenticator.challenges(rejected.stale())) {
                        resp.headers().add(RtspHeaderNames.WWW_AUTHENTICATE, c);
                    }
                    send(resp);
                    return;
                }
            }
            switch (method) {
                case "OPTIONS" -> {
                    if (playing) {
                        keepAlives.incrementAndGet();
                    }
                    resp.headers().set(RtspHeaderNames.PUBLIC, "OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN"
                            + (script.getParameter ? ", GET_PARAMETER, SET_PARAMETER" : ""));
                }
                case "DESCRIBE" -> describe(req, resp);
                case "SETUP" -> {
                    setup(req, resp);
                    return;
                }
                case "PLAY" -> {
                    resp.headers().set(RtspHeaderNames.SESSION, "12345678");
                    resp.headers().set(RtspHeaderNames.RTP_INFO, "url=" + req.uri() + ";seq=0;rtptime=0");
                    send(resp);
                    playing = true;
                    if (script.sendVideo) {
                        streaming = ctx.executor().scheduleAtFixedRate(this::sendFrame, 0, 20, TimeUnit.MILLISECONDS);
                    }
                    return;
                }
                case "GET_PARAMETER" -> keepAlives.incrementAndGet();
                case "TEARDOWN" -> {
                    teardowns.incrementAndGet();
                    stop();
                }
                default -> resp.setStatus(HttpResponseStatus.NOT_IMPLEMENTED);
            }
            send(resp);
        }

        private void describe(FullHttpRequest req, FullHttpResponse resp) {
            URI uri = URI.create(req.uri());
            if (uri.getPath().equals(script.redirectFromPath)) {
                resp.setStatus(HttpResponseStatus.FOUND);
                resp.headers().set("Location", url(VIDEO_PATH).toString());
                return;
            }
            String sdp = "v=0\r\no=- 1700000000 1 IN IP4 127.0.0.1\r\ns=Media Presentation\r\n"
                    + "e=NONE\r\nb=AS:5050\r\nt=0 0\r\n"
                    + (script.sessionControl == null ? "" : "a=control:" + script.sessionControl.replace(
                            "BASE", req.uri()) + "\r\n")
                    + "m=video 0 RTP/AVP 96\r\nc=IN IP4 0.0.0.0\r\nb=AS:5000\r\na=recvonly\r\n"
                    + "a=x-dimensions:160,96\r\n"
                    + "a=control:" + script.trackControl.replace("BASE", req.uri()) + "\r\n"
                    + "a=rtpmap:96 H264/90000\r\na=fmtp:96 profile-level-id=42C00B;packetization-mode=1\r\n"
                    + "m=audio 0 RTP/AVP 8\r\nc=IN IP4 0.0.0.0\r\na=recvonly\r\na=control:trackID=2\r\n"
                    + "a=rtpmap:8 PCMA/8000\r\n";
            byte[] body = sdp.getBytes(StandardCharsets.US_ASCII);
            resp.headers().set(RtspHeaderNames.CONTENT_TYPE, "application/sdp");
            String base = script.contentBase;
            if (base != null) {
                resp.headers().set(RtspHeaderNames.CONTENT_BASE, base.equals("SELF") ? req.uri() + "/" : base);
            }
            resp.headers().set(RtspHeaderNames.CONTENT_LENGTH, body.length);
            resp.content().writeBytes(body);
        }

        private void setup(FullHttpRequest req, FullHttpResponse resp) {
            TransportHeader asked = TransportHeader.parseList(req.headers().get(RtspHeaderNames.TRANSPORT)).get(0);
            resp.headers().set(RtspHeaderNames.SESSION, "12345678;timeout=" + script.sessionTimeoutSeconds);
            if (asked.lowerTransport() == TransportHeader.LowerTransport.TCP) {
                rtpChannel = asked.interleaved().orElse(PortRange.pair(0)).rtp();
                resp.headers().set(RtspHeaderNames.TRANSPORT, asked.withSsrc(0x11223344L).format());
                send(resp);
                return;
            }
            String host = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress();
            clientRtp = new InetSocketAddress(host, asked.clientPort().orElseThrow().rtp());
            Bootstrap b = new Bootstrap().group(ctx.channel().eventLoop()).channel(NioDatagramChannel.class)
                    .handler(new RtcpCounter());
            b.bind("127.0.0.1", 0).addListener((ChannelFuture rtpBound) -> b.bind("127.0.0.1", 0)
                    .addListener((ChannelFuture rtcpBound) -> {
                        udpRtp = rtpBound.channel();
                        udpRtcp = rtcpBound.channel();
                        int rtp = ((InetSocketAddress) udpRtp.localAddress()).getPort();
                        int rtcp = ((InetSocketAddress) udpRtcp.localAddress()).getPort();
                        // The reply names a pair; RTCP goes out from the second socket, whichever port it has.
                        resp.headers().set(RtspHeaderNames.TRANSPORT, asked.withServerPort(new PortRange(rtp,
                                Math.max(rtp, rtcp))).withSsrc(0x11223344L).format());
                        send(resp);
                    }));
        }

        private void sendFrame() {
            if (number == 1 && frame == script.dropFirstConnectionAfterFrames) {
                ctx.close();
                return;
            }
            if (packetizer == null) {
                packetizer = RtpPacketizers.create(Codec.H264, 96, 0x11223344L, 1000, 1400);
            }
            long ts = (frame * 3600L) & 0xFFFF_FFFFL;
            if (frame % 25 == 0) {
                long ntp = RtpClockMapping.epochNanosToNtp(SR_EPOCH.toEpochMilli() * 1_000_000L
                        + frame * 40_000_000L);
                ByteBuf sr = new SenderReport(0x11223344L, ntp, ts, packetizer.packetCount(),
                        packetizer.octetCount()).encode(ctx.alloc(), "camera");
                emit(sr, true);
            }
            AccessUnit unit = clip.get(frame % clip.size()).toAccessUnit(ts);
            List<ByteBuf> packets = new ArrayList<>();
            try {
                packetizer.packetize(unit, ts, packets);
            } finally {
                unit.release();
            }
            for (ByteBuf p : packets) {
                emit(p, false);
            }
            frame++;
        }

        private void emit(ByteBuf packet, boolean rtcp) {
            if (udpRtp != null) {
                InetSocketAddress to = rtcp ? new InetSocketAddress(clientRtp.getAddress(), clientRtp.getPort() + 1)
                        : clientRtp;
                (rtcp ? udpRtcp : udpRtp).writeAndFlush(new DatagramPacket(packet, to));
            } else {
                ctx.writeAndFlush(new InterleavedFrame(rtcp ? rtpChannel + 1 : rtpChannel, packet));
            }
        }

        private void stop() {
            playing = false;
            if (streaming != null) {
                streaming.cancel(false);
            }
        }

        private FullHttpResponse response(HttpResponseStatus status, FullHttpRequest req) {
            FullHttpResponse resp = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, status, Unpooled.buffer());
            resp.headers().set(RtspHeaderNames.CSEQ, req.headers().get(RtspHeaderNames.CSEQ));
            resp.headers().set(RtspHeaderNames.SERVER, "Rtsp Server/3.0");
            return resp;
        }

        private void send(FullHttpResponse resp) {
            if (!resp.headers().contains(RtspHeaderNames.CONTENT_LENGTH)) {
                resp.headers().set(RtspHeaderNames.CONTENT_LENGTH, resp.content().readableBytes());
            }
            ctx.writeAndFlush(resp);
        }
    }
}
