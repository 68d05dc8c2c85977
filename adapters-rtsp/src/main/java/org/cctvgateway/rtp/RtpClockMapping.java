package org.cctvgateway.rtp;

/**
 * Maps a camera's RTP timestamps to wall-clock capture time, from the latest RTCP sender report
 * (RFC 3550 §6.4.1), which pairs an NTP wall-clock time with the RTP time of the same instant.
 *
 * <p>A timestamp is placed relative to the latest report by the signed 32-bit difference of
 * its low 32 bits and the report's RTP time, so the mapping needs no shared unwrapping state
 * and stays exact while packets are within 2^31 ticks (6.6 hours at 90 kHz) of the report;
 * cameras send reports every few seconds.
 *
 * <p>Thread-safe: reports may arrive on an RTCP channel while the RTP channel reads the
 * mapping; each report replaces one immutable snapshot.
 */
public final class RtpClockMapping {
    /** Seconds from the NTP epoch (1900-01-01) to the Unix epoch (1970-01-01). */
    public static final long NTP_EPOCH_OFFSET_SECONDS = 2_208_988_800L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private record Anchor(long epochNanos, long rtpTimestamp32) {
    }

    private final int clockRate;
    private volatile Anchor anchor;

    /** @param clockRate RTP clock rate in Hz (90000 for video) */
    public RtpClockMapping(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, was " + clockRate);
        }
        this.clockRate = clockRate;
    }

    public int clockRate() {
        return clockRate;
    }

    /**
     * Records a sender report. A report with an NTP time of zero is ignored: cameras that have
     * no wall clock yet send zeros there. Whether a camera's clock is plausible compared with the
     * gateway's is for the consumer of {@code captureTimeNanos} to judge, not this mapping.
     *
     * @param ntpTimestamp64 the SR's NTP timestamp (seconds in the high 32 bits, fraction in the low)
     * @param rtpTimestamp32 the SR's RTP timestamp, 0..2^32-1
     */
    public void onSenderReport(long ntpTimestamp64, long rtpTimestamp32) {
        if (rtpTimestamp32 < 0 || rtpTimestamp32 > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("RTP timestamp " + rtpTimestamp32 + " is outside 0..2^32-1");
        }
        if (ntpTimestamp64 == 0) {
            return;
        }
        anchor = new Anchor(ntpToEpochNanos(ntpTimestamp64), rtpTimestamp32);
    }

    /** True once a sender report has been seen. */
    public boolean synced() {
        return anchor != null;
    }

    /** Forgets the reports, e.g. when the source reconnects and the camera may pick a new RTP clock offset. */
    public void reset() {
        anchor = null;
    }

    /**
     * The capture time of an RTP timestamp, in epoch nanoseconds.
     *
     * @param unwrappedRtpTimestamp an RTP timestamp, wrapped or unwrapped (only its low 32 bits count)
     * @throws IllegalStateException when no sender report has been seen ({@link #synced()} is false)
     */
    public long captureTimeNanos(long unwrappedRtpTimestamp) {
        Anchor a = anchor;
        if (a == null) {
            throw new IllegalStateException("no RTCP sender report yet; check synced() first");
        }
        return map(a, unwrappedRtpTimestamp);
    }

    /**
     * Like {@link #captureTimeNanos(long)}, but returns {@link Long#MIN_VALUE} instead of throwing
     * when not synced; reads the mapping once, so a concurrent {@link #reset()} cannot make it throw.
     */
    public long captureTimeNanosOrMin(long unwrappedRtpTimestamp) {
        Anchor a = anchor;
        return a == null ? Long.MIN_VALUE : map(a, unwrappedRtpTimestamp);
    }

    private long map(Anchor a, long rtpTimestamp) {
        long delta = (int) (rtpTimestamp - a.rtpTimestamp32);
        return a.epochNanos + Math.floorDiv(delta * NANOS_PER_SECOND, clockRate);
    }

    /**
     * An NTP 64-bit timestamp as epoch nanoseconds. Seconds with the top bit clear are read as
     * NTP era 1 (2036-2104), as RFC 4330 §3 suggests, so the mapping survives the 2036 roll-over.
     */
    public static long ntpToEpochNanos(long ntp64) {
        long seconds = ntp64 >>> 32;
        long fraction = ntp64 & 0xFFFF_FFFFL;
        if ((seconds & 0x8000_0000L) == 0) {
            seconds += 1L << 32;
        }
        long nanos = (fraction * NANOS_PER_SECOND) >>> 32;
        return (seconds - NTP_EPOCH_OFFSET_SECONDS) * NANOS_PER_SECOND + nanos;
    }

    /**
     * Epoch nanoseconds as an NTP 64-bit timestamp (the era is dropped, as on the wire).
     *
     * @throws IllegalArgumentException for times before 1968-01-20 (NTP seconds with the top bit
     *         clear would read back as era 1)
     */
    public static long epochNanosToNtp(long nanos) {
        long seconds = Math.floorDiv(nanos, NANOS_PER_SECOND) + NTP_EPOCH_OFFSET_SECONDS;
        long rest = Math.floorMod(nanos, NANOS_PER_SECOND);
        if (seconds < 0x8000_0000L) {
            throw new IllegalArgumentException("time " + nanos + " ns is before 1968-01-20, outside NTP era 0");
        }
        // Round up so that ntpToEpochNanos(epochNanosToNtp(t)) == t (its fraction conversion truncates).
        long fraction = ((rest << 32) + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
        return ((seconds & 0xFFFF_FFFFL) << 32) | fraction;
    }
}
