package org.cctvgateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;

/**
 * Every meter the gateway publishes, declared once with its description, unit and tag keys.
 * Stream meters carry {@code site} and {@code camera} (and {@code profile}); the Prometheus
 * registry turns {@code gateway.stream.frames.in} into {@code gateway_stream_frames_in_total} and
 * appends the base unit, so counts have none and byte meters are named for what they count
 * ({@code gateway.stream.received} becomes {@code gateway_stream_received_bytes_total}).
 */
public enum GatewayMeters {
    STREAM_STATE("gateway.stream.state", "Source state: 0 idle, 1 connecting, 2 streaming, 3 backing off, 4 closed", null,
            "site", "camera", "profile"),
    STREAM_FRAMES_IN("gateway.stream.frames.in", "Access units received from the camera", null,
            "site", "camera", "profile"),
    STREAM_BYTES_IN("gateway.stream.received", "Video payload bytes received from the camera", "bytes",
            "site", "camera", "profile"),
    STREAM_FRAMES_OUT("gateway.stream.frames.out", "Access units sent to viewers, summed over viewers", null,
            "site", "camera", "profile"),
    STREAM_BYTES_OUT("gateway.stream.sent", "RTP bytes sent to viewers, summed over viewers", "bytes",
            "site", "camera", "profile"),
    STREAM_PACKETS_LOST("gateway.stream.packets.lost", "RTP packets from the camera that never arrived", null,
            "site", "camera", "profile"),
    STREAM_FRAMES_DROPPED("gateway.stream.frames.dropped", "Access units not delivered, by reason", null,
            "site", "camera", "profile", "reason"),
    STREAM_RECONNECTS("gateway.stream.reconnects", "Times the source reconnected to the camera", null,
            "site", "camera", "profile"),
    STREAM_VIEWERS("gateway.stream.viewers", "Viewers currently playing", null, "site", "camera", "profile"),
    STREAM_VIEWER_DROPS("gateway.stream.viewer.disconnects", "Viewers disconnected for being too slow", null,
            "site", "camera", "profile"),
    STREAM_CLOCK_DRIFT("gateway.stream.clock.drift", "Camera capture clock minus gateway arrival clock", "seconds",
            "site", "camera", "profile"),
    PROTOCOL_ERRORS("gateway.protocol.errors", "Protocol errors that closed a connection, by reason", null,
            "protocol", "reason");

    private final String meterName;
    private final String description;
    private final String baseUnit;
    private final List<String> tagKeys;

    GatewayMeters(String meterName, String description, String baseUnit, String... tagKeys) {
        this.meterName = meterName;
        this.description = description;
        this.baseUnit = baseUnit;
        this.tagKeys = List.of(tagKeys);
    }

    public String meterName() {
        return meterName;
    }

    public String description() {
        return description;
    }

    /** The unit, or null for a plain count. */
    public String baseUnit() {
        return baseUnit;
    }

    public List<String> tagKeys() {
        return tagKeys;
    }

    /** A counter for this meter; {@code tags} must name exactly the declared keys. */
    public Counter counter(MeterRegistry registry, Tags tags) {
        checkTags(tags);
        return Counter.builder(meterName).description(description).baseUnit(baseUnit).tags(tags).register(registry);
    }

    /** Fails fast when a caller tags a meter with other keys than declared: a bug, not input. */
    public void checkTags(Tags tags) {
        List<String> keys = tags.stream().map(io.micrometer.core.instrument.Tag::getKey).sorted().toList();
        List<String> want = tagKeys.stream().sorted().toList();
        if (!keys.equals(want)) {
            throw new IllegalArgumentException("meter " + meterName + " takes tags " + want + ", got " + keys);
        }
    }
}
