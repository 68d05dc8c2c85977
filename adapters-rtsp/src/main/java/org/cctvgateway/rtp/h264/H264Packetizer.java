package org.cctvgateway.rtp.h264;

import io.netty.buffer.ByteBuf;
import org.cctvgateway.rtp.FragmentingPacketizer;
import org.cctvgateway.rtp.RtpPacketWriter;

/**
 * H.264 packetizer (RFC 6184, non-interleaved mode): single NAL unit packets (§5.6) and FU-A
 * fragments (§5.8) of at most the maximum payload. No aggregation on output.
 */
public final class H264Packetizer extends FragmentingPacketizer {
    public H264Packetizer(RtpPacketWriter writer, int maxPayloadBytes) {
        super(writer, maxPayloadBytes, 1, 2);
    }

    /** FU indicator (the NAL header's F and NRI bits, type 28), then S, E and the NAL type. */
    @Override
    protected void writeFragmentHeader(ByteBuf out, ByteBuf nal, int nalStart, boolean first, boolean last) {
        int header = nal.getUnsignedByte(nalStart);
        out.writeByte((header & 0xE0) | H264PayloadFormat.FU_A);
        out.writeByte((first ? 0x80 : 0) | (last ? 0x40 : 0) | (header & 0x1F));
    }
}
