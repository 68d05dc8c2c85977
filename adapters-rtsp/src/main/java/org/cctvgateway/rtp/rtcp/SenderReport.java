package org.cctvgateway.rtp.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.cctvgateway.rtp.RtpProtocolException;

/**
 * An RTCP sender report's sender info (RFC 3550 §6.4.1); report blocks are not kept.
 *
 * @param ssrc the sender's SSRC, 0..2^32-1
 * @param ntpTimestamp the 64-bit NTP wall-clock time (seconds in the high 32 bits)
 * @param rtpTimestamp the RTP time of the same instant, 0..2^32-1
 * @param packetCount packets sent, 0..2^32-1 (wraps on the wire)
 * @param octetCount payload octets sent, 0..2^32-1 (wraps on the wire)
 */
public record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {
    private static final int SR_BYTES = 28;

    public SenderReport {
        Rtcp.checkUnsigned32("ssrc", ssrc);
        Rtcp.checkUnsigned32("rtpTimestamp", rtpTimestamp);
        Rtcp.checkUnsigned32("packetCount", packetCount);
        Rtcp.checkUnsigned32("octetCount", octetCount);
    }

    /**
     * The sender reports of a compound RTCP packet, in order; RR, SDES, BYE, APP and any other
     * packet types are skipped by their length. Borrows {@code compound}: its reader index is
     * unchanged.
     *
     * @throws RtpProtocolException when a header is cut off, a length runs past the buffer, the
     *         version is not 2, or an SR is shorter than its sender info and report blocks
     */
    public static List<SenderReport> decodeCompound(ByteBuf compound) {
        List<SenderReport> reports = new ArrayList<>(1);
        Rtcp.walk(compound, p -> {
            if (p.type() != Rtcp.SR) {
                return;
            }
            int needed = SR_BYTES + 24 * p.count();
            if (p.length() < needed) {
                throw new RtpProtocolException("RTCP SR is " + p.length() + " bytes, its " + p.count()
                        + " report blocks need " + needed);
            }
            int i = p.index();
            reports.add(new SenderReport(compound.getUnsignedInt(i + 4), compound.getLong(i + 8),
                    compound.getUnsignedInt(i + 16), compound.getUnsignedInt(i + 20),
                    compound.getUnsignedInt(i + 24)));
        });
        return reports;
    }

    /**
     * This report (no report blocks) followed by an SDES CNAME, as one compound packet in a new
     * buffer the caller owns.
     *
     * @param cname the canonical name, 1..255 UTF-8 bytes
     */
    public ByteBuf encode(ByteBufAllocator alloc, String cname) {
        byte[] name = Rtcp.cname(cname);
        ByteBuf out = Rtcp.allocate(alloc, SR_BYTES + Rtcp.sdesLength(name));
        out.writeByte(0x80);
        out.writeByte(Rtcp.SR);
        out.writeShort(SR_BYTES / 4 - 1);
        out.writeInt((int) ssrc);
        out.writeLong(ntpTimestamp);
        out.writeInt((int) rtpTimestamp);
        out.writeInt((int) packetCount);
        out.writeInt((int) octetCount);
        Rtcp.writeSdesCname(out, ssrc, name);
        return out;
    }
}
