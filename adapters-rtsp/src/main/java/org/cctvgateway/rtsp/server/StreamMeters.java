package org.cctvgateway.rtsp.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.AtomicInteger;
import org.cctvgateway.metrics.GatewayMeters;

/**
 * The meters of one published path, tagged {@code site}, {@code camera} and {@code profile}
 * from the path's three segments ({@code /site/camera/profile}); a path of another shape puts
 * its segments in order and leaves the rest empty. Micrometer returns the same meter for the
 * same tags, so every viewer of a path shares these counters.
 */
final class StreamMeters {
    final Counter framesOut;
    final Counter bytesOut;
    final Counter droppedSlowViewer;
    final Counter disconnects;
    final AtomicInteger viewers;

    StreamMeters(MeterRegistry registry, String path, AtomicInteger viewers) {
        Tags tags = tags(path);
        this.framesOut = GatewayMeters.STREAM_FRAMES_OUT.counter(registry, tags);
        this.bytesOut = GatewayMeters.STREAM_BYTES_OUT.counter(registry, tags);
        this.droppedSlowViewer = GatewayMeters.STREAM_FRAMES_DROPPED.counter(registry,
                tags.and("reason", "slow-viewer"));
        this.disconnects = GatewayMeters.STREAM_VIEWER_DROPS.counter(registry, tags);
        this.viewers = viewers;
    }

    static Tags tags(String path) {
        String[] parts = path.startsWith("/") ? path.substring(1).split("/", 3) : path.split("/", 3);
        String site = parts.length > 0 ? parts[0] : "";
        String camera = parts.length > 1 ? parts[1] : "";
        String profile = parts.length > 2 ? parts[2] : "";
        return Tags.of("site", site, "camera", camera, "profile", profile);
    }
}
