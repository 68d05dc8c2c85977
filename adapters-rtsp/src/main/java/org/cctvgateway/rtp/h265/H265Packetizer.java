package org.cctvgateway.rtp.h265;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.rtp.RtpPacketWriter;
import org.cctvgateway.rtp.RtpPacketizer;

/**
 * H.265 packetizer (RFC 7798, no DONL): a NAL unit that fits the maximum payload goes in a
 * single NAL unit packet, a larger one in FU fragments (§4.4.3). Payload bytes are retained
 * slices of the NAL unit, never copies. Not thread-safe.
 */
public final class H265Packetizer implements RtpPacketizer {
    private static final int FU_HEADER_BYTES = 3;

    private final RtpPacketWriter writer;
    private final int maxPayload;

    public H265Packetizer(RtpPacketWriter writer, int maxPayloadBytes) {
        this.writer = writer;
        this.maxPayload = RtpPacketWriter.checkMaxPayload(maxPayloadBytes, FU_HEADER_BYTES);
    }

    @Override
    public void packetize(AccessUnit unit, long rtpTimestamp32, List<ByteBuf> out) {
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
        // length > maxPayload >= 19, so the 2-byte NAL header is there and at least two fragments follow.
        int header = nal.getUnsignedShort(start);
        int payloadHeader = (header & 0x81FF) | (H265PayloadFormat.FU << 9);
        int type = (header >> 9) & 0x3F;
        int chunk = maxPayload - FU_HEADER_BYTES;
        int offset = start + 2;
        int end = start + length;
        while (offset < end) {
            int n = Math.min(chunk, end - offset);
            boolean first = offset == start + 2;
            boolean lastFragment = offset + n == end;
            ByteBuf h = writer.header(lastOfUnit && lastFragment, timestamp, FU_HEADER_BYTES);
            h.writeShort(payloadHeader);
            h.writeByte((first ? 0x80 : 0) | (lastFragment ? 0x40 : 0) | type);
            out.add(writer.packet(h, nal.retainedSlice(offset, n)));
            offset += n;
        }
    }

    @Override
    public int nextSequenceNumber() {
        return writer.nextSequenceNumber();
    }

    @Override
    public long ssrc() {
        return writer.ssrc();
    }

    @Override
    public long packetCount() {
        return writer.packetCount();
    }

    @Override
    public long octetCount() {
        return writer.octetCount();
    }
}
