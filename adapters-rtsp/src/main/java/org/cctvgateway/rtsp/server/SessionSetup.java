package org.cctvgateway.rtsp.server;

import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.cctvgateway.media.StreamHub;
import org.cctvgateway.media.StreamInfo;
import org.cctvgateway.rtp.RtpPacketizer;
import org.cctvgateway.rtp.RtpPacketizers;
import org.cctvgateway.rtsp.codec.PortRange;
import org.cctvgateway.rtsp.codec.TransportHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SETUP (RFC 2326 §10.4): picks the first transport the server supports from the client's list
 * (unicast RTP/AVP over TCP interleaved, or over UDP with {@code client_port}), binds a UDP port
 * pair when needed, creates the session and replies with the chosen Transport. Multicast,
 * SAVP and a UDP {@code destination} other than the client itself are refused with 461. On an
 * RTSPS connection only interleaved TCP is offered: RTP over UDP would carry the video outside
 * the TLS session, in clear, so a TLS client asking for UDP only gets 461 and players fall back
 * to TCP.
 */
final class SessionSetup {
    /** The dynamic payload type of our single video track (RFC 3551 §6). */
    static final int PAYLOAD_TYPE = 96;
    private static final Logger LOG = LoggerFactory.getLogger(SessionSetup.class);

    private SessionSetup() {
    }

    static void setup(RtspConnectionHandler conn, FullHttpRequest req, String cseq) {
        ServerContext server = conn.server();
        RequestTarget target = RequestTarget.parse(req.uri());
        StreamHub hub = server.mounts.resolve(target.path()).orElse(null);
        if (hub == null) {
            conn.reply(RtspResponses.empty(RtspResponseStatuses.NOT_FOUND, cseq));
            return;
        }
        StreamInfo info = hub.streamInfo().orElse(null);
        if (info == null) {
            FullHttpResponse r = RtspResponses.empty(RtspResponseStatuses.SERVICE_UNAVAILABLE, cseq);
            r.headers().setInt(RtspResponses.H_RETRY_AFTER, RtspConnectionHandler.H_RETRY_AFTER_SECONDS);
            conn.reply(r);
            return;
        }
        if (req.headers().contains(RtspResponses.H_SESSION)) {
            // One track per session: a second SETUP would be an aggregate we do not offer.
            ServerSession existing = conn.session(req, cseq);
            if (existing != null) {
                conn.reply(RtspResponses.empty(RtspResponseStatuses.AGGREGATE_OPERATION_NOT_ALLOWED, cseq));
            }
            return;
        }
        String header = req.headers().get(RtspResponses.H_TRANSPORT);
        if (header == null) {
            throw new RequestTarget.BadRequest("SETUP without a Transport header");
        }
        Channel ch = conn.context().channel();
        InetAddress client = RtspConnectionHandler.address(ch.remoteAddress());
        boolean tls = ch.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null;
        Optional<TransportHeader> chosen = choose(TransportHeader.parseList(header), client, tls);
        if (chosen.isEmpty()) {
            conn.reply(RtspResponses.empty(RtspResponseStatuses.UNSUPPORTED_TRANSPORT, cseq));
            return;
        }
        if (server.sessions.incrementAndGet() > server.options.maxSessions()) {
            server.sessions.decrementAndGet();
            LOG.warn("{} refused a session: {} sessions is the limit (server.maxSessions)", conn.prefix(),
                    server.options.maxSessions());
            FullHttpResponse r = RtspResponses.empty(RtspResponseStatuses.SERVICE_UNAVAILABLE, cseq);
            r.headers().setInt(RtspResponses.H_RETRY_AFTER, 10);
            conn.reply(r);
            return;
        }
        Pending p = new Pending(conn, target, hub, info, cseq);
        TransportHeader t = chosen.get();
        if (t.lowerTransport() == TransportHeader.LowerTransport.TCP) {
            PortRange channels = t.interleaved().orElseGet(() -> PortRange.pair(2 * conn.sessions().size()));
            p.complete(new InterleavedTransport(ch, channels), server.clock.monotonicTime());
        } else {
            setupUdp(p, t, client);
        }
    }

    private static void setupUdp(Pending p, TransportHeader t, InetAddress client) {
        Channel ch = p.conn.context().channel();
        PortRange clientPorts = t.clientPort().orElseThrow();
        InetSocketAddress rtp = new InetSocketAddress(client, clientPorts.rtp());
        InetSocketAddress rtcp = new InetSocketAddress(client, clientPorts.rtcp());
        InetAddress local = RtspConnectionHandler.address(ch.localAddress());
        ServerSession[] created = new ServerSession[1];
        p.conn.server().udpPorts.allocate(ch.eventLoop(), local, p.conn.server().options.writeBufferWaterMark(),
                (DatagramPacket d) -> {
                    if (d.sender() != null && d.sender().getAddress().equals(client) && created[0] != null) {
                        created[0].touch(p.conn.server().clock.monotonicTime());
                    }
                }).addListener(f -> {
                    if (!f.isSuccess()) {
                        p.conn.server().sessions.decrementAndGet();
                        LOG.warn("{} UDP SETUP failed: {}", p.conn.prefix(), f.cause().getMessage());
                        p.conn.reply(RtspResponses.empty(RtspResponseStatuses.SERVICE_UNAVAILABLE, p.cseq));
                        return;
                    }
                    UdpPortAllocator.Pair pair = (UdpPortAllocator.Pair) f.getNow();
                    if (p.conn.isClosed()) {
                        pair.close();
                        p.conn.server().sessions.decrementAndGet();
                        return;
                    }
                    created[0] = p.complete(new UdpTransport(pair, rtp, rtcp), p.conn.server().clock.monotonicTime());
                });
    }

    /**
     * The first alternative we serve: unicast RTP/AVP, over TCP, or over UDP with client ports
     * and no destination other than the client.
     */
    /** The first offer served; with {@code tcpOnly} (an RTSPS connection) only interleaved TCP. */
    static Optional<TransportHeader> choose(List<TransportHeader> offers, InetAddress client, boolean tcpOnly) {
        for (TransportHeader t : offers) {
            if (t.multicast() || t.profile() != TransportHeader.Profile.RTP_AVP) {
                continue;
            }
            if (t.lowerTransport() == TransportHeader.LowerTransport.TCP) {
                return Optional.of(t);
            }
            if (tcpOnly) {
                continue;
            }
            boolean ownAddress = t.destination().map(d -> d.equals(client.getHostAddress())).orElse(true);
            if (t.clientPort().isPresent() && ownAddress && t.clientPort().get().rtp() > 0) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** What SETUP knows before its transport exists. */
    private record Pending(RtspConnectionHandler conn, RequestTarget target, StreamHub hub, StreamInfo info,
                           String cseq) {
        ServerSession complete(ViewerTransport transport, long now) {
            ServerContext server = conn.server();
            long ssrc = server.random.nextInt() & 0xFFFF_FFFFL;
            RtpPacketizer packetizer = RtpPacketizers.create(info.codec(), PAYLOAD_TYPE, ssrc,
                    server.random.nextInt(1 << 16), server.options.maxPayloadBytes());
            byte[] idBytes = new byte[8];
            server.random.nextBytes(idBytes);
            String id = HexFormat.of().withUpperCase().formatHex(idBytes);
            ServerSession s = new ServerSession(id, target, hub, transport, packetizer,
                    server.meters(target.path()), conn.context().channel(), server.random.nextInt());
            s.touch(now);
            conn.addSession(s);
            FullHttpResponse r = RtspResponses.empty(RtspResponseStatuses.OK, cseq);
            r.headers().set(RtspResponses.H_TRANSPORT, transport.replyHeader(ssrc).format());
            r.headers().set(RtspResponses.H_SESSION, conn.sessionHeader(s));
            conn.reply(r);
            return s;
        }
    }
}
