package org.cctvgateway.media;

import java.util.Arrays;

/**
 * Maps a camera's 90 kHz timestamps onto the gateway's output timeline: {@code out = in + offset},
 * strictly increasing. The offset is re-anchored after a discontinuity, or when the input jumps
 * backwards or forwards by more than {@link #JUMP_THRESHOLD_TICKS} beyond the typical frame
 * interval (a camera clock step or restart), so that the next output is the last output plus the
 * typical interval. Smaller gaps (lost frames) are kept as they are. Not thread-safe: one source
 * thread.
 */
final class OutputTimeline {
    /** 2 s at 90 kHz: beyond this a step in the input is a jump, not lost frames. */
    static final long JUMP_THRESHOLD_TICKS = 2L * Codec.CLOCK_RATE;
    /** 25 fps, the usual CCTV rate, until the stream shows its own. */
    static final long DEFAULT_INTERVAL_TICKS = Codec.CLOCK_RATE / 25;
    private static final int HISTORY = 15;

    private final long[] deltas = new long[HISTORY];
    /** Scratch for the median, so that mapping a unit allocates nothing. */
    private final long[] sorted = new long[HISTORY];
    private int deltaCount;
    private int deltaNext;
    private boolean started;
    private boolean reanchor;
    private long offset;
    private long lastIn;
    private long lastOut;
    private long jumps;

    /** The next unit does not continue the previous one. */
    void discontinuity() {
        reanchor = true;
    }

    /** How many times the input jumped by more than the threshold without a discontinuity announced. */
    long jumps() {
        return jumps;
    }

    /** The output timestamp for an input timestamp; always greater than the previous output. */
    long map(long in) {
        if (!started) {
            started = true;
            reanchor = false;
            offset = -in;
            lastIn = in;
            lastOut = 0;
            return 0;
        }
        long delta = in - lastIn;
        long interval = typicalInterval();
        boolean jumped = delta <= -JUMP_THRESHOLD_TICKS || delta - interval > JUMP_THRESHOLD_TICKS;
        if (jumped && !reanchor) {
            jumps++;
        }
        if (reanchor || jumped) {
            offset = lastOut + interval - in;
        } else if (delta > 0) {
            remember(delta);
        }
        reanchor = false;
        long out = in + offset;
        if (out <= lastOut) {
            // A small step backwards or a repeated timestamp: keep the output strictly increasing.
            out = lastOut + 1;
        }
        lastIn = in;
        lastOut = out;
        return out;
    }

    /** The median of recent frame intervals, {@link #DEFAULT_INTERVAL_TICKS} before any. */
    long typicalInterval() {
        if (deltaCount == 0) {
            return DEFAULT_INTERVAL_TICKS;
        }
        System.arraycopy(deltas, 0, sorted, 0, deltaCount);
        Arrays.sort(sorted, 0, deltaCount);
        return sorted[deltaCount / 2];
    }

    private void remember(long delta) {
        deltas[deltaNext] = delta;
        deltaNext = (deltaNext + 1) % HISTORY;
        deltaCount = Math.min(deltaCount + 1, HISTORY);
    }
}
