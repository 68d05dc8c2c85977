package org.cctvgateway.rtsp.server;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.DefaultChannelGroup;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.GatewayException;
import org.cctvgateway.rtsp.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTSP(S) server viewers play from: {@code rtsp[s]://host:port/<site>/<camera>/<profile>}.
 *
 * <pre>{@code
 * MountRegistry mounts = new MountRegistry();
 * mounts.register("/site-1/cam-1/main", hub);
 * try (RtspServer server = new RtspServer(options, mounts, group, Optional.of(registry), Clock.SYSTEM)) {
 *     server.start();
 *     // rtsp://127.0.0.1:server.localPort()/site-1/cam-1/main
 * }
 * }</pre>
 *
 * <p>The event loop group is the gateway's one shared group, epoll or NIO ({@link
 * Transports#newEventLoopGroup}); the channels match whichever it is. The server never shuts it
 * down. {@link #start()} and {@link #close()} wait (bounded) and must not be called on an event loop.
 */
public final class RtspServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtspServer.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final RtspServerOptions options;
    private final EventLoopGroup group;
    private final ServerContext context;
    private Channel serverChannel;
    private io.netty.util.concurrent.ScheduledFuture<?> recheck;

    /** The user event that makes each connection ask its {@link ViewerAccess} again about its sessions. */
    static final Object RECHECK_ACCESS = new Object() {
        @Override
        public String toString() {
            return "RECHECK_ACCESS";
        }
    };

    /**
     * @param registry where meters go; empty for none
     * @param clock the monotonic clock viewer gates measure lag with ({@code Clock.SYSTEM})
     */
    public RtspServer(RtspServerOptions options, MountResolver mounts, EventLoopGroup group,
                      Optional<MeterRegistry> registry, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.group = Objects.requireNonNull(group, "group");
        this.context = new ServerContext(options, Objects.requireNonNull(mounts, "mounts"),
                registry.orElseGet(CompositeMeterRegistry::new), Objects.requireNonNull(clock, "clock"),
                new DefaultChannelGroup("rtsp-server", group.next()), LOG);
    }

    /**
     * Binds the listening socket.
     *
     * @throws GatewayException when the port is in use or the address cannot be bound
     */
    public synchronized void start() {
        if (serverChannel != null) {
            throw new IllegalStateException("RTSP server already started on " + serverChannel.localAddress());
        }
        ServerBootstrap b = new ServerBootstrap().group(group).channel(Transports.serverSocketChannel(group))
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, options.writeBufferWaterMark())
                .childHandler(new RtspServerInitializer(context));
        if (options.sendBufferBytes() > 0) {
            b.childOption(ChannelOption.SO_SNDBUF, options.sendBufferBytes());
        }
        String where = "port " + options.port() + " on " + options.bindAddress();
        ChannelFuture f = b.bind(options.bindAddress(), options.port());
        if (!f.awaitUninterruptibly(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            f.channel().close();
            throw new GatewayException("binding " + where + " took longer than " + CLOSE_WAIT,
                    "check the bind address in server.bind");
        }
        if (!f.isSuccess()) {
            Throwable cause = f.cause();
            if (cause instanceof BindException && String.valueOf(cause.getMessage()).contains("in use")) {
                throw new GatewayException(where + " is already in use",
                        "stop the other process using it, or set server.port to a free port", cause);
            }
            throw new GatewayException("could not listen on " + where + ": " + cause.getMessage(),
                    "check that server.bind is an address of this machine", cause);
        }
        serverChannel = f.channel();
        options.access().ifPresent(a -> {
            long every = options.accessRecheck().toMillis();
            recheck = group.next().scheduleAtFixedRate(() -> context.channels.forEach(ch -> ch.eventLoop().execute(
                    () -> ch.pipeline().fireUserEventTriggered(RECHECK_ACCESS))), every, every, TimeUnit.MILLISECONDS);
        });
        LOG.info("RTSP{} server listening on {}", options.tls().isPresent() ? "S" : "", serverChannel.localAddress());
    }

    /** The bound port; after {@link #start()}. */
    public int localPort() {
        return localAddress().getPort();
    }

    /** The bound address; after {@link #start()}. */
    public synchronized InetSocketAddress localAddress() {
        if (serverChannel == null) {
            throw new IllegalStateException("RTSP server not started");
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Sessions open now, over all connections. */
    public int sessionCount() {
        return context.sessions.get();
    }

    /** Stops listening and closes every connection, waiting at most five seconds. Idempotent. */
    @Override
    public synchronized void close() {
        if (serverChannel == null) {
            return;
        }
        if (recheck != null) {
            recheck.cancel(false);
            recheck = null;
        }
        serverChannel.close().awaitUninterruptibly(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        if (!context.channels.close().awaitUninterruptibly(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("RTSP server: connections still closing after {}", CLOSE_WAIT);
        }
        // A channel's close future completes before its channelInactive runs, which is where its
        // sessions are released; wait (bounded) for that, so that after close() none is left.
        while (context.sessions.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        LOG.info("RTSP server on {} closed", serverChannel.localAddress());
        serverChannel = null;
    }
}
