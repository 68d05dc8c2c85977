package org.cctvgateway.rtsp.server;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.media.HubLimits;
import org.cctvgateway.media.StreamHub;

/** A started server on 127.0.0.1:0 with hubs fed from clips; closes everything it made. */
final class ServerFixture implements AutoCloseable {
    final EventLoopGroup group;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MountRegistry mounts = new MountRegistry();
    private final List<Runnable> closeables = new ArrayList<>();
    RtspServer server;

    /** On NIO. */
    ServerFixture() {
        this(NioIoHandler.newFactory());
    }

    /** On the transport of {@code io} (NIO or epoll); the server's channels follow the group. */
    ServerFixture(IoHandlerFactory io) {
        group = new MultiThreadIoEventLoopGroup(2, io);
    }

    RtspServer start(RtspServerOptions options) {
        server = new RtspServer(options, mounts, group, Optional.of(registry), Clock.SYSTEM);
        server.start();
        return server;
    }

    /** Mounts a hub at {@code path} fed with {@code clip}, one frame per {@code interval}. */
    StreamHub mount(String path, ClipFeeder.Clip clip, Duration interval) {
        StreamHub hub = new StreamHub(path, HubLimits.DEFAULT);
        mounts.register(path, hub);
        closeables.add(hub::close);
        closeables.add(ClipFeeder.start(hub, clip, interval)::close);
        return hub;
    }

    String url(String scheme, String path) {
        return scheme + "://127.0.0.1:" + server.localPort() + path;
    }

    double counter(String name, String... tags) {
        var search = registry.find(name).tags(tags);
        return search.counter() == null ? 0 : search.counter().count();
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).run();
        }
        if (server != null) {
            server.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
