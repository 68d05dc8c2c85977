package org.cctvgateway.rtsp.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.cctvgateway.rtsp.codec.PortRange;
import org.cctvgateway.rtsp.codec.TransportHeader;

/**
 * RTP and RTCP as UDP datagrams from the server's port pair to the client's (RFC 2326 §12.39,
 * {@code client_port}/{@code server_port}). The RTCP socket also receives the client's receiver
 * reports, which keep the session alive.
 */
final class UdpTransport implements ViewerTransport {
    private final UdpPortAllocator.Pair ports;
    private final InetSocketAddress clientRtp;
    private final InetSocketAddress clientRtcp;

    UdpTransport(UdpPortAllocator.Pair ports, InetSocketAddress clientRtp, InetSocketAddress clientRtcp) {
        this.ports = ports;
        this.clientRtp = clientRtp;
        this.clientRtcp = clientRtcp;
    }

    @Override
    public void writeRtp(ByteBuf packet) {
        Channel ch = ports.rtp();
        ch.write(new DatagramPacket(packet, clientRtp), ch.voidPromise());
    }

    @Override
    public void writeRtcp(ByteBuf packet) {
        Channel ch = ports.rtcp();
        ch.writeAndFlush(new DatagramPacket(packet, clientRtcp), ch.voidPromise());
    }

    @Override
    public void flush() {
        ports.rtp().flush();
    }

    @Override
    public boolean isWritable() {
        return ports.rtp().isWritable();
    }

    @Override
    public TransportHeader replyHeader(long ssrc) {
        return new TransportHeader(TransportHeader.Profile.RTP_AVP, TransportHeader.LowerTransport.UDP, false,
                Optional.empty(), Optional.of(new PortRange(clientRtp.getPort(), clientRtcp.getPort())),
                Optional.of(new PortRange(ports.rtpPort(), ports.rtpPort() + 1)), Optional.empty(),
                java.util.OptionalLong.of(ssrc), Optional.empty(), java.util.OptionalInt.empty(), Optional.empty(),
                Optional.empty());
    }

    @Override
    public void close() {
        ports.close();
    }
}
