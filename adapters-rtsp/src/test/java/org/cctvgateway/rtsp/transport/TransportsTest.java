package org.cctvgateway.rtsp.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransportsTest {
    private static final byte[] HEADER = {(byte) 0x80, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0x7C, (byte) 0x85};
    private static final byte[] PAYLOAD = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    @Test
    void nioGroupGetsNioChannelsWhateverTheMachineHas() {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            assertThat(Transports.isEpoll(group)).isFalse();
            assertThat(Transports.isEpoll(group.next())).isFalse();
            assertThat(Transports.serverSocketChannel(group)).isEqualTo(NioServerSocketChannel.class);
            assertThat(Transports.socketChannel(group.next())).isEqualTo(NioSocketChannel.class);
            assertThat(Transports.datagramChannel(group.next())).isEqualTo(NioDatagramChannel.class);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void epollGroupGetsEpollChannels() {
        assumeTrue(Transports.epollAvailable(), "the native epoll transport is not available here");
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            assertThat(Transports.isEpoll(group.next())).isTrue();
            assertThat(Transports.serverSocketChannel(group)).isEqualTo(EpollServerSocketChannel.class);
            assertThat(Transports.socketChannel(group.next())).isEqualTo(EpollSocketChannel.class);
            assertThat(Transports.datagramChannel(group.next())).isEqualTo(EpollDatagramChannel.class);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void preferredGroupIsEpollExactlyWhenEpollIsAvailable() {
        MultiThreadIoEventLoopGroup group = Transports.newEventLoopGroup(1);
        try {
            assertThat(Transports.isEpoll(group)).isEqualTo(Transports.epollAvailable());
            assertThat(Transports.preferredName()).isEqualTo(Transports.epollAvailable() ? "epoll" : "nio");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void compositeForANonEpollChannelIsCopiedOnceIntoOneDirectBufferAndReleased() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ByteBuf header = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(HEADER);
        ByteBuf payload = Unpooled.buffer().writeBytes(PAYLOAD);
        ByteBuf packet = Unpooled.wrappedBuffer(header, payload);
        ByteBuf out = Transports.datagramContent(ch, packet);
        try {
            assertThat(out).isNotSameAs(packet);
            assertThat(packet.refCnt()).isZero();
            assertThat(out.isDirect()).isTrue();
            assertThat(out.nioBufferCount()).isEqualTo(1);
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(concat(HEADER, PAYLOAD));
        } finally {
            out.release();
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void singleDirectBufferGoesAsItIs() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ByteBuf packet = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(HEADER);
        ByteBuf out = Transports.datagramContent(ch, packet);
        try {
            assertThat(out).isSameAs(packet);
            assertThat(out.refCnt()).isEqualTo(1);
        } finally {
            out.release();
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void compositeForAnEpollChannelGoesAsItIs() {
        assumeTrue(Transports.epollAvailable(), "the native epoll transport is not available here");
        EpollDatagramChannel ch = new EpollDatagramChannel();
        ByteBuf packet = Unpooled.wrappedBuffer(Unpooled.directBuffer().writeBytes(HEADER),
                Unpooled.directBuffer().writeBytes(PAYLOAD));
        try {
            ByteBuf out = Transports.datagramContent(ch, packet);
            assertThat(out).isSameAs(packet);
            assertThat(out.refCnt()).isEqualTo(1);
        } finally {
            packet.release();
            ch.unsafe().closeForcibly();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
