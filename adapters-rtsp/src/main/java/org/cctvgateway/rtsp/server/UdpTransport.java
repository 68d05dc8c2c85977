package org.cctvgateway.rtsp.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.unix.SegmentedDatagramPacket;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.cctvgateway.rtsp.codec.PortRange;
import org.cctvgateway.rtsp.codec.TransportHeader;
import org.cctvgateway.rtsp.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RTP and RTCP as UDP datagrams from the server's port pair to the client's (RFC 2326 §12.39,
 * {@code client_port}/{@code server_port}). The RTCP socket also receives the client's receiver
 * reports, which keep the session alive.
 *
 * <p>On the epoll transport with UDP segmentation offload, RTP packets wait in a {@link
 * SegmentBatcher} until {@link #flush()}, and runs of equal-size packets go to the kernel as one
 * segmented send; the client receives the same datagrams in the same order. Should the kernel
 * refuse a segmented send (a route without checksum offload, e.g. IPsec), this viewer falls back
 * to one datagram per packet. Event loop only, like every {@link ViewerTransport}.
 */
final class UdpTransport implements ViewerTransport {
    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);

    private final UdpPortAllocator.Pair ports;
    private final InetSocketAddress clientRtp;
    private final InetSocketAddress clientRtcp;
    private final SegmentBatcher batcher;
    private boolean segmenting;

    UdpTransport(UdpPortAllocator.Pair ports, InetSocketAddress clientRtp, InetSocketAddress clientRtcp) {
        this.ports = ports;
        this.clientRtp = clientRtp;
        this.clientRtcp = clientRtcp;
        this.segmenting = ports.rtp() instanceof EpollDatagramChannel
                && EpollDatagramChannel.isSegmentedDatagramPacketSupported();
        this.batcher = new SegmentBatcher(new SegmentBatcher.Output() {
            @Override
            public void single(ByteBuf packet) {
                writeOne(packet);
            }

            @Override
            public void segmented(List<ByteBuf> packets, int segmentSize) {
                writeSegmented(packets, segmentSize);
            }
        });
    }

    /** Takes ownership of {@code packet}; it leaves at the next {@link #flush()} at the latest. */
    @Override
    public void writeRtp(ByteBuf packet) {
        if (segmenting) {
            batcher.add(packet);
        } else {
            writeOne(packet);
        }
    }

    /** Takes ownership of {@code packet}; on NIO a composite is first copied once (see {@link Transports}). */
    private void writeOne(ByteBuf packet) {
        Channel ch = ports.rtp();
        ch.write(new DatagramPacket(Transports.datagramContent(ch, packet), clientRtp), ch.voidPromise());
    }

    /** Takes ownership of every packet in {@code packets} (not of the list). */
    private void writeSegmented(List<ByteBuf> packets, int segmentSize) {
        Channel ch = ports.rtp();
        CompositeByteBuf all = ch.alloc().compositeDirectBuffer(packets.size());
        all.addComponents(true, packets);
        ChannelPromise sent = ch.newPromise();
        sent.addListener(f -> {
            if (!f.isSuccess() && segmenting) {
                segmenting = false;
                LOG.warn("UDP segmentation offload to {} failed ({}); sending one datagram per packet from now on",
                        clientRtp, f.cause().toString());
            }
        });
        ch.write(new SegmentedDatagramPacket(all, segmentSize, clientRtp), sent);
    }

    @Override
    public void writeRtcp(ByteBuf packet) {
        Channel ch = ports.rtcp();
        ch.writeAndFlush(new DatagramPacket(packet, clientRtcp), ch.voidPromise());
    }

    @Override
    public void flush() {
        batcher.flush();
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
        batcher.discard();
        ports.close();
    }
}
