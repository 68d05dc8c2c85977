package org.cctvgateway.rtsp.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.AccessUnitSink;
import org.cctvgateway.media.TrackInfo;

/** Records sink calls in order and releases every unit. */
final class RecordingSink implements AccessUnitSink {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<TrackInfo> tracks = new CopyOnWriteArrayList<>();
    final AtomicInteger units = new AtomicInteger();
    final AtomicInteger keyframes = new AtomicInteger();
    final AtomicInteger cameraClockUnits = new AtomicInteger();
    volatile long lastCaptureTimeNanos;

    @Override
    public void onTrack(TrackInfo track) {
        tracks.add(track);
        events.add("track");
    }

    @Override
    public void onAccessUnit(AccessUnit unit) {
        try {
            if (events.isEmpty() || !events.get(events.size() - 1).equals("unit")) {
                events.add("unit");
            }
            units.incrementAndGet();
            if (unit.isKeyframe()) {
                keyframes.incrementAndGet();
            }
            if (unit.cameraClock()) {
                cameraClockUnits.incrementAndGet();
                lastCaptureTimeNanos = unit.captureTimeNanos();
            }
        } finally {
            unit.release();
        }
    }

    @Override
    public void onDiscontinuity(String reason) {
        events.add("discontinuity");
    }
}
