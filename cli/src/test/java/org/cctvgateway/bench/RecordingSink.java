package org.cctvgateway.bench;

import java.util.concurrent.atomic.AtomicInteger;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.AccessUnitSink;
import org.cctvgateway.media.TrackInfo;

/** An RTSP viewer's (or the direct subscription's) sink: logs each frame, then releases it. */
final class RecordingSink implements AccessUnitSink {
    private final FrameLog log;
    private final AtomicInteger discontinuities = new AtomicInteger();

    RecordingSink(FrameLog log) {
        this.log = log;
    }

    @Override
    public void onTrack(TrackInfo track) {
        // The fingerprint needs only the NAL units.
    }

    /** Takes ownership of {@code unit} and releases it after logging. */
    @Override
    public void onAccessUnit(AccessUnit unit) {
        try {
            log.add(unit, unit.arrivalNanos());
        } finally {
            unit.release();
        }
    }

    @Override
    public void onDiscontinuity(String reason) {
        discontinuities.incrementAndGet();
    }

    int discontinuities() {
        return discontinuities.get();
    }
}
