package org.cctvgateway.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Matches frames a viewer received through a relay with the same frames received directly from
 * the camera, by slice fingerprint. The clip loops, so a fingerprint recurs every loop: a relayed
 * frame is matched with the latest direct arrival of its fingerprint at or before it (within
 * {@link #MAX_BEHIND_NANOS}); when there is none (the harness read the relayed copy before the
 * direct one), with the earliest direct arrival after it within {@link #MAX_AHEAD_NANOS}, which
 * gives a negative latency that is counted, not hidden.
 */
final class LatencyMatcher {
    static final long UNMATCHED = Long.MIN_VALUE;
    static final long MAX_BEHIND_NANOS = 5_000_000_000L;
    static final long MAX_AHEAD_NANOS = 1_000_000_000L;

    private final Map<Long, long[]> direct = new HashMap<>();

    /** @param directFrames the direct subscription's frames of one camera */
    LatencyMatcher(FrameLog.Snapshot directFrames) {
        Map<Long, Integer> counts = new HashMap<>();
        for (long fp : directFrames.fingerprints()) {
            counts.merge(fp, 1, Integer::sum);
        }
        Map<Long, Integer> filled = new HashMap<>();
        for (int i = 0; i < directFrames.frames(); i++) {
            long fp = directFrames.fingerprints()[i];
            long[] times = direct.computeIfAbsent(fp, k -> new long[counts.get(k)]);
            int at = filled.merge(fp, 1, Integer::sum) - 1;
            times[at] = directFrames.arrivals()[i];
        }
        direct.values().forEach(Arrays::sort);
    }

    /** Relay arrival minus direct arrival of the same frame, in nanoseconds, or {@link #UNMATCHED}. */
    long latency(long fingerprint, long relayArrival) {
        if (fingerprint == 0) {
            return UNMATCHED;
        }
        long[] times = direct.get(fingerprint);
        if (times == null) {
            return UNMATCHED;
        }
        int i = Arrays.binarySearch(times, relayArrival);
        int before = i >= 0 ? i : -i - 2;
        if (before >= 0 && relayArrival - times[before] <= MAX_BEHIND_NANOS) {
            return relayArrival - times[before];
        }
        int after = before + 1;
        if (after < times.length && times[after] - relayArrival <= MAX_AHEAD_NANOS) {
            return relayArrival - times[after];
        }
        return UNMATCHED;
    }
}
