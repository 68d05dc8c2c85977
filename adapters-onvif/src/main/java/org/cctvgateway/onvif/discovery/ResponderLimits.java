package org.cctvgateway.onvif.discovery;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of a {@link WsDiscoveryResponder}, which keep it from being used to amplify traffic
 * towards a spoofed source address.
 *
 * @param perSourcePerSecond replies a second to one source address
 * @param perSourceBurst replies one source may get at once
 * @param totalPerSecond replies a second to all sources together
 * @param totalBurst replies all sources may get at once
 * @param maxReplyDelay the random delay before answering a multicast probe is uniform in 0..this
 *     (WS-Discovery §5.3, APP_MAX_DELAY = 500 ms)
 * @param maxPendingReplies delayed replies waiting at once; more probes are dropped
 */
public record ResponderLimits(double perSourcePerSecond, int perSourceBurst, double totalPerSecond, int totalBurst,
        Duration maxReplyDelay, int maxPendingReplies) {
    public ResponderLimits {
        Objects.requireNonNull(maxReplyDelay, "maxReplyDelay");
        if (!(perSourcePerSecond > 0) || !(totalPerSecond > 0) || perSourceBurst < 1 || totalBurst < 1) {
            throw new IllegalArgumentException("rates must be positive and bursts at least 1");
        }
        if (maxReplyDelay.isNegative() || maxPendingReplies < 1) {
            throw new IllegalArgumentException("maxReplyDelay must be >= 0 and maxPendingReplies >= 1");
        }
    }

    /** 2 replies/s per source (burst 4), 20 replies/s overall (burst 40), up to 500 ms delay, 64 pending. */
    public static ResponderLimits defaults() {
        return new ResponderLimits(2, 4, 20, 40, Duration.ofMillis(500), 64);
    }
}
