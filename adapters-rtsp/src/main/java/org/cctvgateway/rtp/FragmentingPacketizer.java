package org.cctvgateway.rtp;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.cctvgateway.media.AccessUnit;

/**
 * What the H.264 and H.265 packetizers share: a NAL unit that fits the maximum payload goes in
 * a single NAL unit packet, a larger one in fragmentation units, and the last packet of an
 * access unit carries the marker bit. Payload bytes are retained slices of the NAL unit, never
 * copies; each packet adds only a small header buffer. A codec supplies the sizes of its NAL
 * and fragment headers and writes the fragment header itself. Not thread-safe.
 */
public abstract class FragmentingPacketizer implements RtpPacketizer {
    private final RtpPacketWriter writer;
    private final int maxPayload;
    private final int nalHeaderBytes;
    private final int fragmentHeaderBytes;

    /**
     * @param nalHeaderBytes the codec's NAL unit header, which fragments replace with their own
     * @param fragmentHeaderBytes the header in front of each fragment's payload
     */
    protected FragmentingPacketizer(RtpPacketWriter writer, int maxPayloadBytes, int nalHeaderBytes,
                                    int fragmentHeaderBytes) {
        this.writer = writer;
        this.maxPayload = RtpPacketWriter.checkMaxPayload(maxPayloadBytes, fragmentHeaderBytes);
        this.nalHeaderBytes = nalHeaderBytes;
        this.fragmentHeaderBytes = fragmentHeaderBytes;
    }

    /**
     * Writes the fragment header for one fragment of {@code nal}, whose NAL header starts at
     * {@code nalStart}. Borrows {@code nal}; must not move its indices.
     */
    protected abstract void writeFragmentHeader(ByteBuf out, ByteBuf nal, int nalStart, boolean first, boolean last);

    /** Borrows {@code unit}; the packets added to {@code out} are the caller's. */
    @Override
    public final void packetize(AccessUnit unit, long rtpTimestamp32, List<ByteBuf> out) {
        List<ByteBuf> nals = unit.nalUnits();
        int last = nals.size() - 1;
        while (last >= 0 && !nals.get(last).isReadable()) {
            last--;
        }
        for (int i = 0; i <= last; i++) {
            ByteBuf nal = nals.get(i);
            if (nal.isReadable()) {
                packetizeNal(nal, rtpTimestamp32, i == last, out);
            }
        }
    }

    private void packetizeNal(ByteBuf nal, long timestamp, boolean lastOfUnit, List<ByteBuf> out) {
        int start = nal.readerIndex();
        int length = nal.readableBytes();
        if (length <= maxPayload) {
            out.add(writer.packet(writer.header(lastOfUnit, timestamp, 0), nal.retainedSlice(start, length)));
            return;
        }
        // length > maxPayload >= fragmentHeaderBytes + 16, so the NAL header is there and at
        // least two fragments follow.
        int chunk = maxPayload - fragmentHeaderBytes;
        int first = start + nalHeaderBytes;
        int end = start + length;
        for (int offset = first; offset < end; ) {
            int n = Math.min(chunk, end - offset);
            boolean lastFragment = offset + n == end;
            ByteBuf h = writer.header(lastOfUnit && lastFragment, timestamp, fragmentHeaderBytes);
            writeFragmentHeader(h, nal, start, offset == first, lastFragment);
            out.add(writer.packet(h, nal.retainedSlice(offset, n)));
            offset += n;
        }
    }

    @Override
    public final int nextSequenceNumber() {
        return writer.nextSequenceNumber();
    }

    @Override
    public final long ssrc() {
        return writer.ssrc();
    }

    @Override
    public final long packetCount() {
        return writer.packetCount();
    }

    @Override
    public final long octetCount() {
        return writer.octetCount();
    }
}
