package org.cctvgateway.rtsp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.rtsp.transport.Transports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real sockets: what the client receives is exactly the packets written, in order, on NIO and on epoll. */
class UdpTransportTest {
    /** Sizes of an access unit's packets: a small NAL, two fragmented NALs, a large single one. */
    private static final int[] SIZES = {30, 1400, 1400, 1400, 700, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400,
        1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400,
        1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400, 1400,
        1400, 1400, 1400, 1400, 1400, 1400, 12, 1200};

    @ParameterizedTest
    @ValueSource(strings = {"nio", "epoll"})
    void clientReceivesEveryPacketUnchangedAndInOrder(String transport) throws Exception {
        IoHandlerFactory io;
        if (transport.equals("epoll")) {
            assumeTrue(Transports.epollAvailable(), "the native epoll transport is not available here");
            io = EpollIoHandler.newFactory();
        } else {
            io = NioIoHandler.newFactory();
        }
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, io);
        InetAddress localhost = InetAddress.getByName("127.0.0.1");
        try (DatagramSocket rtp = new DatagramSocket(0, localhost);
             DatagramSocket rtcp = new DatagramSocket(0, localhost)) {
            rtp.setReceiveBufferSize(1 << 20);
            rtp.setSoTimeout(5000);
            EventLoop loop = group.next();
            UdpPortAllocator.Pair pair = new UdpPortAllocator(Optional.empty())
                    .allocate(loop, localhost, new WriteBufferWaterMark(1 << 20, 2 << 20), p -> { })
                    .get(5, TimeUnit.SECONDS);
            UdpTransport t = new UdpTransport(pair, (InetSocketAddress) rtp.getLocalSocketAddress(),
                    (InetSocketAddress) rtcp.getLocalSocketAddress());
            ByteBuf nal = PooledByteBufAllocator.DEFAULT.directBuffer(SIZES.length * 1400);
            for (int i = 0; nal.isWritable(); i++) {
                nal.writeByte(i * 31);
            }
            List<byte[]> sent = new ArrayList<>();
            try {
                loop.submit(() -> {
                    int offset = 0;
                    for (int i = 0; i < SIZES.length; i++) {
                        int payload = SIZES[i] - 12;
                        ByteBuf header = PooledByteBufAllocator.DEFAULT.directBuffer(12).writeInt(0x80600000 | i)
                                .writeInt(i * 3000).writeInt(0x1234);
                        ByteBuf packet = Unpooled.wrappedBuffer(header, nal.retainedSlice(offset, payload));
                        byte[] bytes = new byte[SIZES[i]];
                        packet.getBytes(packet.readerIndex(), bytes);
                        sent.add(bytes);
                        t.writeRtp(packet);
                        offset += payload;
                    }
                    t.flush();
                }).get(5, TimeUnit.SECONDS);
                for (byte[] expected : sent) {
                    DatagramPacket d = new DatagramPacket(new byte[2048], 2048);
                    rtp.receive(d);
                    assertThat(Arrays.copyOf(d.getData(), d.getLength())).isEqualTo(expected);
                }
                loop.submit(t::close).get(5, TimeUnit.SECONDS);
                assertThat(nal.refCnt()).isEqualTo(1);
            } finally {
                nal.release();
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
