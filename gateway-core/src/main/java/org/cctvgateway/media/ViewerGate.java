package org.cctvgateway.media;

import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The slow-consumer policy for one viewer, kept free of I/O so it can be tested alone. The RTSP
 * server asks it, for every access unit, whether to write the unit to the viewer's channel:
 * <ul>
 *   <li>channel not writable: {@link Decision#DROP}, and the gate starts dropping;</li>
 *   <li>while dropping, units that are not keyframes are dropped even when writable again,
 *       because the decoder cannot use them without the pictures already lost;</li>
 *   <li>a keyframe on a writable channel ends the dropping and is delivered;</li>
 *   <li>dropping continuously for longer than {@code maxLag}: {@link Decision#DISCONNECT}, and
 *       every later offer answers the same.</li>
 * </ul>
 * Not thread-safe: one viewer's channel event loop calls it.
 */
public final class ViewerGate {

    /** What to do with one access unit. */
    public enum Decision {
        DELIVER,
        DROP,
        DISCONNECT
    }

    private final long maxLagNanos;
    private final Clock clock;
    private boolean dropping;
    private boolean disconnected;
    private long droppingSince;
    private long dropped;

    /**
     * @param maxLag how long a viewer may go on dropping before it is disconnected; positive
     * @param clock its monotonic time is used
     */
    public ViewerGate(Duration maxLag, Clock clock) {
        Objects.requireNonNull(maxLag, "maxLag");
        if (maxLag.isNegative() || maxLag.isZero()) {
            throw new IllegalArgumentException("maxLag must be positive, was " + maxLag);
        }
        this.maxLagNanos = maxLag.toNanos();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Decides for one access unit; {@code writable} is the channel's {@code isWritable()}. */
    public Decision offer(boolean keyframe, boolean writable) {
        if (disconnected) {
            dropped++;
            return Decision.DISCONNECT;
        }
        if (writable && (!dropping || keyframe)) {
            dropping = false;
            return Decision.DELIVER;
        }
        long now = clock.monotonicTime();
        if (!dropping) {
            dropping = true;
            droppingSince = now;
        }
        dropped++;
        if (now - droppingSince > maxLagNanos) {
            disconnected = true;
            return Decision.DISCONNECT;
        }
        return Decision.DROP;
    }

    /** Units not delivered so far, the ones answered with DISCONNECT included. */
    public long dropped() {
        return dropped;
    }

    /** True while the gate is dropping until the next keyframe. */
    public boolean dropping() {
        return dropping;
    }
}
