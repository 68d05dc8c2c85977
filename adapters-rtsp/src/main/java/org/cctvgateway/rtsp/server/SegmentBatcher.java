package org.cctvgateway.rtsp.server;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups a viewer's consecutive RTP packets of one size for UDP generic segmentation offload
 * ({@code UDP_SEGMENT}): the kernel takes the group as one send and cuts it into datagrams of
 * the segment size, the last one possibly shorter, so the receiver gets exactly the datagrams
 * that one send per packet would have made. The fragments of a NAL unit are all the same size
 * but the last, so an access unit of 15 packets goes through the network stack about twice
 * instead of 15 times.
 *
 * <p>A group ends at a larger packet, after a shorter one (which it takes as its last segment),
 * at {@link #MAX_SEGMENTS} or {@link #MAX_BYTES}, and at {@link #flush()}. A group of one goes
 * out as a plain datagram.
 *
 * <p><b>Ownership.</b> {@link #add} takes ownership of the packet; {@link Output} receives
 * ownership of what it is handed; {@link #discard()} releases what is held. Not thread-safe
 * (one viewer's event loop).
 */
final class SegmentBatcher {
    /** Segments per send: the kernel's {@code UDP_MAX_SEGMENTS} on Linux before 6.2. */
    static final int MAX_SEGMENTS = 64;
    /** Bytes per send: the payload of one UDP/IPv4 datagram, which a GSO send may not exceed. */
    static final int MAX_BYTES = 65_507;

    /** Where groups go. */
    interface Output {
        /** One datagram; takes ownership. */
        void single(ByteBuf packet);

        /**
         * Two or more datagrams in one send, each {@code segmentSize} bytes but the last, which
         * may be shorter; takes ownership of every packet (the list itself is reused).
         */
        void segmented(List<ByteBuf> packets, int segmentSize);
    }

    private final Output output;
    private final List<ByteBuf> group = new ArrayList<>();
    private int segmentSize;
    private int groupBytes;

    SegmentBatcher(Output output) {
        this.output = output;
    }

    /** Takes ownership of {@code packet}. */
    void add(ByteBuf packet) {
        int size = packet.readableBytes();
        if (!group.isEmpty() && (size > segmentSize || group.size() == MAX_SEGMENTS
                || groupBytes + size > MAX_BYTES)) {
            flush();
        }
        if (group.isEmpty()) {
            segmentSize = size;
        }
        group.add(packet);
        groupBytes += size;
        if (size < segmentSize) {
            flush();
        }
    }

    /** Hands on the group being built, if any. */
    void flush() {
        if (group.isEmpty()) {
            return;
        }
        try {
            if (group.size() == 1) {
                output.single(group.get(0));
            } else {
                output.segmented(group, segmentSize);
            }
        } finally {
            group.clear();
            groupBytes = 0;
        }
    }

    /** Releases a group that was not handed on. */
    void discard() {
        group.forEach(ByteBuf::release);
        group.clear();
        groupBytes = 0;
    }
}
