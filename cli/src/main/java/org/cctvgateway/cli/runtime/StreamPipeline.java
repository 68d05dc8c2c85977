package org.cctvgateway.cli.runtime;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cctvgateway.media.Normalizer;
import org.cctvgateway.media.StreamHub;
import org.cctvgateway.metrics.GatewayMeters;
import org.cctvgateway.spi.SourceStatus;
import org.cctvgateway.spi.StreamSource;

/**
 * One camera stream inside the gateway: its source (one session with the camera), the
 * normalizer and the hub that viewers subscribe to, plus the meters that describe them.
 * The source feeds the normalizer, the normalizer feeds the hub; nothing reaches back.
 */
public final class StreamPipeline implements AutoCloseable {
    private final String path;
    private final StreamSource source;
    private final Normalizer normalizer;
    private final StreamHub hub;
    private final List<Meter> meters = new ArrayList<>();
    private final MeterRegistry registry;

    /** Wires and starts: source → normalizer → hub. */
    public StreamPipeline(String path, StreamSource source, Normalizer normalizer, StreamHub hub,
                          MeterRegistry registry, SourceCounters counters) {
        this.path = path;
        this.source = source;
        this.normalizer = normalizer;
        this.hub = hub;
        this.registry = registry;
        String[] parts = path.split("/", 3);
        Tags tags = Tags.of("site", parts[0], "camera", parts.length > 1 ? parts[1] : "",
                "profile", parts.length > 2 ? parts[2] : "");
        GatewayMeters.STREAM_STATE.checkTags(tags);
        meters.add(Gauge.builder(GatewayMeters.STREAM_STATE.meterName(), source,
                        s -> s.status().state().ordinal())
                .description(GatewayMeters.STREAM_STATE.description()).tags(tags).register(registry));
        meters.add(functionCounter(GatewayMeters.STREAM_FRAMES_IN, tags, normalizer, n -> n.framesIn()));
        meters.add(functionCounter(GatewayMeters.STREAM_RECONNECTS, tags, source, s -> s.status().reconnects()));
        meters.add(functionCounter(GatewayMeters.STREAM_BYTES_IN, tags, counters, SourceCounters::bytesIn));
        meters.add(functionCounter(GatewayMeters.STREAM_PACKETS_LOST, tags, counters, SourceCounters::packetsLost));
        Tags keyframeWait = tags.and("reason", "waiting-for-keyframe");
        meters.add(functionCounter(GatewayMeters.STREAM_FRAMES_DROPPED, keyframeWait, normalizer,
                n -> n.framesDroppedWaitingForKeyframe()));
        meters.add(Gauge.builder(GatewayMeters.STREAM_CLOCK_DRIFT.meterName(), normalizer, Normalizer::clockDriftSeconds)
                .description(GatewayMeters.STREAM_CLOCK_DRIFT.description()).baseUnit("seconds").tags(tags)
                .register(registry));
        source.start(normalizer);
    }

    private <T> Meter functionCounter(GatewayMeters m, Tags tags, T obj, java.util.function.ToDoubleFunction<T> f) {
        m.checkTags(tags);
        return FunctionCounter.builder(m.meterName(), obj, f).description(m.description()).baseUnit(m.baseUnit())
                .tags(tags).register(registry);
    }

    /** What bytes and loss the source has seen. */
    public interface SourceCounters {
        long bytesIn();

        long packetsLost();
    }

    public String path() {
        return path;
    }

    public StreamHub hub() {
        return hub;
    }

    public SourceStatus status() {
        return source.status();
    }

    /** The health entry for this stream. */
    public Map<String, Object> health() {
        SourceStatus st = source.status();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("state", st.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        m.put("since", st.since().toString());
        m.put("reconnects", st.reconnects());
        m.put("viewers", hub.subscriberCount());
        hub.streamInfo().ifPresent(i -> {
            m.put("codec", i.codec().name());
            m.put("width", i.width());
            m.put("height", i.height());
        });
        if (!st.lastError().isEmpty()) {
            m.put("lastError", st.lastError());
        }
        return m;
    }

    @Override
    public void close() {
        source.close();
        hub.close();
        for (Meter m : meters) {
            registry.remove(m);
        }
    }
}
