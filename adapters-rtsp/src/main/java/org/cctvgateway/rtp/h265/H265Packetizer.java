package org.cctvgateway.rtp.h265;

import io.netty.buffer.ByteBuf;
import org.cctvgateway.rtp.FragmentingPacketizer;
import org.cctvgateway.rtp.RtpPacketWriter;

/**
 * H.265 packetizer (RFC 7798, no DONL): single NAL unit packets (§4.4.1) and FU fragments
 * (§4.4.3) of at most the maximum payload. No aggregation on output.
 */
public final class H265Packetizer extends FragmentingPacketizer {
    public H265Packetizer(RtpPacketWriter writer, int maxPayloadBytes) {
        super(writer, maxPayloadBytes, 2, 3);
    }

    /** The 2-byte payload header (F, layer id and TID kept, type 49), then S, E and the NAL type. */
    @Override
    protected void writeFragmentHeader(ByteBuf out, ByteBuf nal, int nalStart, boolean first, boolean last) {
        int header = nal.getUnsignedShort(nalStart);
        out.writeShort((header & 0x81FF) | (H265PayloadFormat.FU << 9));
        out.writeByte((first ? 0x80 : 0) | (last ? 0x40 : 0) | ((header >> 9) & 0x3F));
    }
}
