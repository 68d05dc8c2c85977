package org.cctvgateway.rtp;

/**
 * Puts RTP packets back in sequence-number order within a window and reports the gaps that do
 * not fill. Not thread-safe.
 *
 * <p>Rules, with {@code d} the signed 16-bit distance of a packet from the next expected
 * sequence number:
 * <ul>
 *   <li>{@code d == 0}: delivered, followed by any held packets that are now in order;</li>
 *   <li>{@code 0 < d < window}: held (retained) until the gap fills;</li>
 *   <li>{@code d >= window}: the window slides forward so that the packet fits; held packets
 *       passed on the way are delivered and missing numbers count as lost;</li>
 *   <li>{@code -MAX_MISORDER <= d < 0}: a duplicate or a packet already given up as lost: dropped;</li>
 *   <li>{@code d < -MAX_MISORDER}: the sender restarted its sequence (RFC 3550 A.1 uses the same
 *       idea): everything held is flushed and the stream resumes at the packet.</li>
 * </ul>
 * A delivery carries {@code lossBefore = true} when numbers were lost since the previous one.
 */
public final class SequenceReorderer implements AutoCloseable {
    /** A jump backwards larger than this is a sequence restart, not a late packet (RFC 3550 A.1). */
    public static final int MAX_MISORDER = 100;

    /** Receives packets in order; borrows the packet. */
    @FunctionalInterface
    public interface Sink {
        void deliver(RtpPacket packet, boolean lossBefore);
    }

    private final int window;
    private final RtpPacket[] slots;
    private final int mask;
    private boolean started;
    private int expected;
    private int held;
    private boolean pendingLoss;
    private long lost;
    private long reordered;
    private long duplicated;

    /** @param window packets held at most while waiting for a gap to fill; 0 or 1 disables reordering */
    public SequenceReorderer(int window) {
        if (window < 0 || window > DepacketizerLimits.MAX_REORDER_WINDOW) {
            throw new IllegalArgumentException("reorder window " + window + " is outside 0.."
                    + DepacketizerLimits.MAX_REORDER_WINDOW);
        }
        this.window = Math.max(window, 1);
        int size = Integer.highestOneBit(this.window);
        if (size != this.window) {
            size <<= 1;
        }
        this.slots = new RtpPacket[size];
        this.mask = size - 1;
    }

    /** Pushes one packet; borrows it (retains it while held) and delivers in-order packets to {@code sink}. */
    public void push(RtpPacket packet, Sink sink) {
        int seq = packet.sequenceNumber();
        if (!started) {
            started = true;
            expected = seq;
        }
        int d = (short) (seq - expected);
        if (d < -MAX_MISORDER) {
            flush(sink);
            pendingLoss = true;
            expected = seq;
            d = 0;
        } else if (d < 0) {
            duplicated++;
            return;
        }
        if (d >= window) {
            slide(seq, sink);
            drain(sink);
            d = (short) (seq - expected);
        }
        if (d == 0) {
            if (held > 0) {
                reordered++;
            }
            deliver(packet, sink);
            drain(sink);
            return;
        }
        int slot = seq & mask;
        if (slots[slot] != null) {
            duplicated++;
            return;
        }
        slots[slot] = packet.retain();
        held++;
    }

    private void slide(int seq, Sink sink) {
        while ((short) (seq - expected) >= window) {
            if (held == 0) {
                int target = (seq - (window - 1)) & 0xFFFF;
                lost += (target - expected) & 0xFFFF;
                pendingLoss = true;
                expected = target;
                return;
            }
            step(sink);
        }
    }

    /** Delivers the held packet at {@code expected}, or counts that number lost and moves past it. */
    private void step(Sink sink) {
        if (!deliverHeld(sink)) {
            lost++;
            pendingLoss = true;
            expected = (expected + 1) & 0xFFFF;
        }
    }

    /** Delivers and releases the held packet at {@code expected}; false when there is none. */
    private boolean deliverHeld(Sink sink) {
        int slot = expected & mask;
        RtpPacket p = slots[slot];
        if (p == null || p.sequenceNumber() != expected) {
            return false;
        }
        slots[slot] = null;
        held--;
        try {
            deliver(p, sink);
        } finally {
            p.release();
        }
        return true;
    }

    private void deliver(RtpPacket packet, Sink sink) {
        boolean loss = pendingLoss;
        pendingLoss = false;
        expected = (packet.sequenceNumber() + 1) & 0xFFFF;
        sink.deliver(packet, loss);
    }

    private void drain(Sink sink) {
        while (held > 0 && deliverHeld(sink)) {
            // each pass delivers the next packet in order
        }
    }

    /** Delivers everything held, in order, counting the gaps between as lost. */
    public void flush(Sink sink) {
        while (held > 0) {
            step(sink);
        }
    }

    /** Drops held packets and forgets the expected sequence number; counters are kept. */
    public void reset() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                slots[i].release();
                slots[i] = null;
            }
        }
        held = 0;
        started = false;
        pendingLoss = false;
    }

    /** Packets held now. */
    public int held() {
        return held;
    }

    public long lost() {
        return lost;
    }

    public long reordered() {
        return reordered;
    }

    public long duplicated() {
        return duplicated;
    }

    @Override
    public void close() {
        reset();
    }
}
