package org.cctvgateway.bench;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.Codec;

/**
 * The frames one receiver got: for each, a fingerprint of its largest slice NAL unit, its arrival
 * (monotonic nanoseconds) and its payload bytes. Appended from one event loop, read by the
 * benchmark thread after the window; both sides synchronize on this object.
 */
final class FrameLog {
    /** Bytes hashed at each of the start, middle and end of the slice. */
    private static final int SAMPLE = 64;
    private static final long MIX = 0x9E37_79B9_7F4A_7C15L;

    private long[] fingerprints = new long[4096];
    private long[] arrivals = new long[4096];
    private int[] sizes = new int[4096];
    private int count;

    /** Records {@code unit} (borrowed, not released) as arrived at {@code arrivalNanos}. */
    void add(AccessUnit unit, long arrivalNanos) {
        long fp = fingerprint(unit);
        synchronized (this) {
            if (count == arrivals.length) {
                int grown = count * 2;
                fingerprints = Arrays.copyOf(fingerprints, grown);
                arrivals = Arrays.copyOf(arrivals, grown);
                sizes = Arrays.copyOf(sizes, grown);
            }
            fingerprints[count] = fp;
            arrivals[count] = arrivalNanos;
            sizes[count] = unit.size();
            count++;
        }
    }

    /** A copy of what was recorded so far. */
    synchronized Snapshot snapshot() {
        return new Snapshot(Arrays.copyOf(fingerprints, count), Arrays.copyOf(arrivals, count),
                Arrays.copyOf(sizes, count));
    }

    /** Frames recorded so far. */
    synchronized int count() {
        return count;
    }

    /** Recorded frames: parallel arrays in arrival order. */
    record Snapshot(long[] fingerprints, long[] arrivals, int[] sizes) {
        int frames() {
            return arrivals.length;
        }
    }

    /**
     * A 64-bit fingerprint of the unit's largest slice (VCL) NAL unit: its length and samples of
     * its start, middle and end. Both relays forward slice bytes unchanged, so a frame has the same
     * fingerprint at the camera and at every viewer; 0 when the unit has no slice.
     */
    static long fingerprint(AccessUnit unit) {
        ByteBuf largest = null;
        for (ByteBuf nal : unit.nalUnits()) {
            if (nal.readableBytes() > 0 && isSlice(unit.codec(), nal.getUnsignedByte(nal.readerIndex()))
                    && (largest == null || nal.readableBytes() > largest.readableBytes())) {
                largest = nal;
            }
        }
        if (largest == null) {
            return 0;
        }
        int start = largest.readerIndex();
        int length = largest.readableBytes();
        long h = mix(length * MIX);
        h = sample(h, largest, start, Math.min(SAMPLE, length));
        int middle = start + length / 2;
        h = sample(h, largest, middle, Math.min(SAMPLE, start + length - middle));
        int tail = Math.max(start, start + length - SAMPLE);
        return sample(h, largest, tail, start + length - tail);
    }

    private static boolean isSlice(Codec codec, int firstByte) {
        if (codec == Codec.H265) {
            return ((firstByte >> 1) & 0x3F) < 32;
        }
        int type = firstByte & 0x1F;
        return type >= 1 && type <= 5;
    }

    private static long sample(long h, ByteBuf buf, int from, int length) {
        long acc = h;
        for (int i = 0; i < length; i++) {
            acc = (acc ^ buf.getUnsignedByte(from + i)) * MIX;
        }
        return mix(acc);
    }

    private static long mix(long x) {
        long z = x;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
