package org.cctvgateway.media;

import io.netty.buffer.ByteBuf;
import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;
import java.util.List;
import java.util.Objects;

/**
 * One coded picture: its NAL units (each without a start code) and its times. A final class
 * rather than a record because it owns reference-counted buffers.
 *
 * <p><b>Ownership.</b> The constructor takes ownership of the NAL buffers: releasing the access
 * unit to zero releases them. A subscriber that keeps an access unit beyond the call that
 * handed it over calls {@link #retain()}, and {@link #release()} when done. The NAL buffers are
 * never modified after construction; readers use absolute reads or
 * {@code duplicate()}/{@code retainedSlice()} so that one access unit can be shared by every
 * viewer without a copy.
 *
 * <p><b>Times.</b>
 * <ul>
 *   <li>{@link #timestamp()}: 90 kHz ticks on this unit's timeline, widened to 64 bits so it
 *       never wraps. For a unit from a depacketizer this is the camera's unwrapped RTP time;
 *       after the {@link Normalizer} it is the gateway's monotonic output timeline.</li>
 *   <li>{@link #captureTimeNanos()}: wall-clock capture time in epoch nanoseconds, from the
 *       camera's RTCP sender reports when {@link #cameraClock()} is true, otherwise the
 *       gateway's wall clock at arrival.</li>
 *   <li>{@link #arrivalNanos()}: the gateway's monotonic clock when the last packet of the unit
 *       arrived; used for latency and drift, never sent to viewers.</li>
 * </ul>
 */
public final class AccessUnit extends AbstractReferenceCounted {
    private final Codec codec;
    private final List<ByteBuf> nalUnits;
    private final boolean keyframe;
    private final long timestamp;
    private final long captureTimeNanos;
    private final boolean cameraClock;
    private final long arrivalNanos;
    private final int size;

    /**
     * Takes ownership of every buffer in {@code nalUnits}.
     *
     * @param keyframe true when the unit holds a random-access picture (IDR, or IRAP for H.265)
     */
    public AccessUnit(Codec codec, List<ByteBuf> nalUnits, boolean keyframe, long timestamp,
                      long captureTimeNanos, boolean cameraClock, long arrivalNanos) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.nalUnits = List.copyOf(nalUnits);
        this.keyframe = keyframe;
        this.timestamp = timestamp;
        this.captureTimeNanos = captureTimeNanos;
        this.cameraClock = cameraClock;
        this.arrivalNanos = arrivalNanos;
        int total = 0;
        for (ByteBuf nal : this.nalUnits) {
            total += nal.readableBytes();
        }
        this.size = total;
    }

    public Codec codec() {
        return codec;
    }

    /** The NAL units in decoding order; borrowed from this unit, do not release them. */
    public List<ByteBuf> nalUnits() {
        return nalUnits;
    }

    public boolean isKeyframe() {
        return keyframe;
    }

    public long timestamp() {
        return timestamp;
    }

    public long captureTimeNanos() {
        return captureTimeNanos;
    }

    public boolean cameraClock() {
        return cameraClock;
    }

    public long arrivalNanos() {
        return arrivalNanos;
    }

    /** Total payload bytes of all NAL units (no start codes). */
    public int size() {
        return size;
    }

    @Override
    public AccessUnit retain() {
        super.retain();
        return this;
    }

    @Override
    public AccessUnit retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public AccessUnit touch() {
        return this;
    }

    @Override
    public ReferenceCounted touch(Object hint) {
        for (ByteBuf nal : nalUnits) {
            nal.touch(hint);
        }
        return this;
    }

    @Override
    protected void deallocate() {
        for (ByteBuf nal : nalUnits) {
            nal.release();
        }
    }

    @Override
    public String toString() {
        return "AccessUnit[" + codec + (keyframe ? " key" : "") + " ts=" + timestamp + " nals=" + nalUnits.size()
                + " bytes=" + size + "]";
    }
}
