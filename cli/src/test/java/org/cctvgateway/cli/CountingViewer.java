package org.cctvgateway.cli;

import io.micrometer.core.instrument.Clock;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.AccessUnitSink;
import org.cctvgateway.media.TrackInfo;
import org.cctvgateway.rtsp.client.RtspSourceOptions;
import org.cctvgateway.rtsp.client.RtspStreamSource;
import org.cctvgateway.rtsp.codec.FramingLimits;

/**
 * A viewer of the gateway, built on the gateway's own RTSP client (over RTSPS, trusting the
 * test's self-signed certificate), that counts the frames it receives and every break in their
 * 90 kHz timeline: with 25 fps, consecutive frames are 3600 ticks apart, so a missing frame
 * shows as a larger step and a timestamp going back as a negative one.
 */
final class CountingViewer implements AccessUnitSink, AutoCloseable {
    static final long FRAME_TICKS = 3600;

    private final RtspStreamSource source;
    final AtomicLong frames = new AtomicLong();
    final AtomicLong gaps = new AtomicLong();
    final AtomicLong backwards = new AtomicLong();
    final AtomicLong sessions = new AtomicLong();
    final java.util.Queue<Long> gapSteps = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private long lastTimestamp = Long.MIN_VALUE;

    CountingViewer(String url, EventLoopGroup group) {
        RtspSourceOptions options = new RtspSourceOptions(URI.create(url), "", "", RtspSourceOptions.Transport.TCP,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofMillis(200), Duration.ofSeconds(1), true, FramingLimits.defaults());
        source = new RtspStreamSource(options, "test-viewer", group, Clock.SYSTEM);
        source.start(this);
    }

    @Override
    public void onTrack(TrackInfo track) {
        sessions.incrementAndGet();
        lastTimestamp = Long.MIN_VALUE;
    }

    @Override
    public void onAccessUnit(AccessUnit unit) {
        try {
            long ts = unit.timestamp();
            if (lastTimestamp != Long.MIN_VALUE) {
                long step = ts - lastTimestamp;
                if (step < 0) {
                    backwards.incrementAndGet();
                } else if (step != FRAME_TICKS) {
                    gaps.incrementAndGet();
                    gapSteps.add(step);
                }
            }
            lastTimestamp = ts;
            frames.incrementAndGet();
        } finally {
            unit.release();
        }
    }

    @Override
    public void onDiscontinuity(String reason) {
        lastTimestamp = Long.MIN_VALUE;
    }

    @Override
    public void close() {
        source.close();
    }
}
