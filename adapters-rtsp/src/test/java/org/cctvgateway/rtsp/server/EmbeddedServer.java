package org.cctvgateway.rtsp.server;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/** The server pipeline on an {@link EmbeddedChannel}, with a mock clock and a meter registry. */
final class EmbeddedServer {
    final MountRegistry mounts = new MountRegistry();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MockClock clock = new MockClock();
    final ServerContext context;
    final EmbeddedChannel channel;

    EmbeddedServer(RtspServerOptions options) {
        context = new ServerContext(options, mounts, registry, clock,
                new DefaultChannelGroup(ImmediateEventExecutor.INSTANCE),
                LoggerFactory.getLogger(EmbeddedServer.class));
        channel = new EmbeddedChannel(new RtspServerInitializer(context));
    }

    /** Writes {@code text} as one inbound buffer. */
    void send(String text) {
        channel.writeInbound(channel.alloc().buffer().writeBytes(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** All outbound bytes so far as ISO-8859-1 text; every buffer read is released. */
    String drain() {
        StringBuilder b = new StringBuilder();
        for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
            ByteBuf buf = (ByteBuf) o;
            try {
                b.append(buf.toString(StandardCharsets.ISO_8859_1));
            } finally {
                buf.release();
            }
        }
        return b.toString();
    }

    /** Drains the outbound bytes into one buffer the caller releases. */
    ByteBuf drainBytes() {
        ByteBuf all = channel.alloc().buffer();
        for (Object o = channel.readOutbound(); o != null; o = channel.readOutbound()) {
            ByteBuf buf = (ByteBuf) o;
            try {
                all.writeBytes(buf);
            } finally {
                buf.release();
            }
        }
        return all;
    }

    double counter(String name, String... tags) {
        var c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }
}
