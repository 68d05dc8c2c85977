package org.cctvgateway.rtsp.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.netty.channel.group.ChannelGroup;
import java.security.SecureRandom;
import io.micrometer.core.instrument.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.cctvgateway.metrics.GatewayMeters;
import org.slf4j.Logger;

/**
 * What every connection of one {@link RtspServer} shares: options, mounts, meters, the session
 * count and the open channels. Thread-safe.
 */
final class ServerContext {
    final RtspServerOptions options;
    final MountResolver mounts;
    final MeterRegistry registry;
    final Clock clock;
    final SecureRandom random = new SecureRandom();
    final AtomicInteger sessions = new AtomicInteger();
    final ChannelGroup channels;
    final UdpPortAllocator udpPorts;
    final RateLimitedWarning slowViewerWarning;
    private final Map<String, StreamMeters> meters = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> viewers = new ConcurrentHashMap<>();

    ServerContext(RtspServerOptions options, MountResolver mounts, MeterRegistry registry, Clock clock,
                  ChannelGroup channels, Logger log) {
        this.options = options;
        this.mounts = mounts;
        this.registry = registry;
        this.clock = clock;
        this.channels = channels;
        this.udpPorts = new UdpPortAllocator(options.udpPorts());
        this.slowViewerWarning = new RateLimitedWarning(log, java.time.Duration.ofSeconds(10));
    }

    StreamMeters meters(String path) {
        return meters.computeIfAbsent(path, p -> {
            AtomicInteger count = viewers.computeIfAbsent(p, k -> new AtomicInteger());
            Tags tags = StreamMeters.tags(p);
            GatewayMeters.STREAM_VIEWERS.checkTags(tags);
            Gauge.builder(GatewayMeters.STREAM_VIEWERS.meterName(), count, AtomicInteger::get)
                    .description(GatewayMeters.STREAM_VIEWERS.description()).tags(tags).register(registry);
            return new StreamMeters(registry, p, count);
        });
    }

    void protocolError(String reason) {
        GatewayMeters.PROTOCOL_ERRORS.counter(registry, Tags.of("protocol", "rtsp", "reason", reason)).increment();
    }
}
