package org.cctvgateway.rtsp.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The one place that chooses between the native epoll transport and NIO.
 *
 * <p>{@link #newEventLoopGroup} builds the gateway's shared group on epoll when {@link
 * Epoll#isAvailable()} (Linux x86_64 or aarch64 with the bundled library; Netty's own {@code
 * -Dio.netty.transport.noNative=true} turns it off), on NIO otherwise. The {@code *Channel}
 * methods answer for the group a bootstrap is about to use, not for the machine, so code that is
 * handed an NIO group (tests, embedders) keeps working unchanged.
 */
public final class Transports {
    private Transports() {
    }

    /** True when the native epoll transport loaded on this machine. */
    public static boolean epollAvailable() {
        return Epoll.isAvailable();
    }

    /** "epoll" or "nio": what {@link #newEventLoopGroup} builds here, for logs and reports. */
    public static String preferredName() {
        return epollAvailable() ? "epoll" : "nio";
    }

    /** The I/O handler factory of the preferred transport. */
    public static IoHandlerFactory ioHandlerFactory() {
        return epollAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    /**
     * A new event loop group on the preferred transport; the caller shuts it down.
     *
     * @param threads the number of loops, or 0 for Netty's default (twice the cores)
     */
    public static MultiThreadIoEventLoopGroup newEventLoopGroup(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads is " + threads + ", must be >= 0");
        }
        return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory());
    }

    /** True when {@code group} (a group or a single loop) runs the epoll transport. */
    public static boolean isEpoll(EventLoopGroup group) {
        return group instanceof IoEventLoopGroup io && epollAvailable() && io.isIoType(EpollIoHandler.class);
    }

    /** The listening TCP channel class that registers on {@code group}. */
    public static Class<? extends ServerSocketChannel> serverSocketChannel(EventLoopGroup group) {
        return isEpoll(group) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** The connecting TCP channel class that registers on {@code group}. */
    public static Class<? extends SocketChannel> socketChannel(EventLoopGroup group) {
        return isEpoll(group) ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The UDP channel class that registers on {@code group}. */
    public static Class<? extends DatagramChannel> datagramChannel(EventLoopGroup group) {
        return isEpoll(group) ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /**
     * {@code content} as a datagram on {@code ch} sends it cheapest. An epoll channel sends a composite (an RTP
     * header joined to payload slices) as iovecs with no copy, so it gets {@code content} unchanged. NIO can send
     * only one contiguous direct buffer and would flatten a composite itself through a temporary heap buffer
     * (Netty 4.2's pooled buffers copy a composite source via {@code nioBuffer()}: two copies and a garbage array
     * per packet); here such content is copied once, straight into a pooled direct buffer.
     *
     * <p>Takes ownership of {@code content}; the caller owns the result (which may be {@code content} itself).
     */
    public static ByteBuf datagramContent(Channel ch, ByteBuf content) {
        if (ch instanceof EpollDatagramChannel || content.isDirect() && content.nioBufferCount() == 1) {
            return content;
        }
        int length = content.readableBytes();
        ByteBuf direct = ch.alloc().directBuffer(length, length);
        try {
            content.getBytes(content.readerIndex(), direct, length);
        } catch (RuntimeException e) {
            direct.release();
            throw e;
        } finally {
            content.release();
        }
        return direct;
    }
}
