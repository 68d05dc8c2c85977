package org.cctvgateway.rtp;

/**
 * Widens 32-bit RTP timestamps to 64 bits so they never wrap: each timestamp is placed at the
 * signed 32-bit distance from the previous one. The first timestamp maps to itself. Not
 * thread-safe.
 */
public final class TimestampUnwrapper {
    private boolean started;
    private long last32;
    private long lastUnwrapped;

    /** @param timestamp32 an RTP timestamp, 0..2^32-1 */
    public long unwrap(long timestamp32) {
        if (!started) {
            started = true;
            last32 = timestamp32;
            lastUnwrapped = timestamp32;
            return timestamp32;
        }
        long delta = (int) (timestamp32 - last32);
        last32 = timestamp32;
        lastUnwrapped += delta;
        return lastUnwrapped;
    }

    /** Forgets the history; the next timestamp maps to itself. */
    public void reset() {
        started = false;
    }
}
