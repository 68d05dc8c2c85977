package org.cctvgateway.rtp;

import java.util.List;
import org.cctvgateway.media.AccessUnit;

/**
 * Turns the RTP packets of one video track into access units. Not thread-safe: one instance
 * serves one track and is driven from one thread (the channel's event loop).
 *
 * <p>Behaviour shared by every codec:
 * <ul>
 *   <li>packets are put back in sequence order within a small window
 *       ({@link DepacketizerLimits#reorderWindow()}); a gap that does not fill counts as loss;</li>
 *   <li>after a loss or a malformed packet the current unit is discarded and units are dropped
 *       until the next keyframe, so no corrupt picture is passed on;</li>
 *   <li>a unit ends at the marker bit or when the timestamp changes (some cameras never set the
 *       marker);</li>
 *   <li>{@link AccessUnit#timestamp()} is the RTP timestamp unwrapped to 64 bits;
 *       {@link AccessUnit#captureTimeNanos()} comes from RTCP sender reports when synced,
 *       otherwise from the wall clock at the unit's last packet.</li>
 * </ul>
 *
 * <p>Usage:
 * <pre>{@code
 * RtpDepacketizer d = RtpDepacketizers.create(track, clockMapping, Clock.SYSTEM, DepacketizerLimits.defaults());
 * List<AccessUnit> out = new ArrayList<>();
 * try (RtpPacket p = ...) { d.push(p, System.nanoTime(), out); } // hand each unit on, then release it
 * }</pre>
 */
public interface RtpDepacketizer extends AutoCloseable {
    /**
     * Pushes one packet. Borrows {@code packet} (retains it itself when it must hold it); adds
     * finished units to {@code out}, whose ownership passes to the caller. Never throws for bad
     * payloads: they are counted as malformed and the current unit is dropped.
     *
     * @param arrivalNanos the monotonic time the packet arrived
     */
    void push(RtpPacket packet, long arrivalNanos, List<AccessUnit> out);

    /** The counters so far. */
    DepacketizerStats stats();

    /**
     * Why the last malformed packet was dropped (value and limit where one applies), for an
     * aggregated, rate-limited log line; empty when none was.
     */
    String lastMalformedReason();

    /** Forgets sequence, timestamp and unit state (e.g. at reconnect) and releases held buffers. */
    void reset();

    /** Releases held buffers; the depacketizer must not be used afterwards. */
    @Override
    void close();
}
