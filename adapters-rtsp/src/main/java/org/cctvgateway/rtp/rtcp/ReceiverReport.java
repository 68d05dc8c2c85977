package org.cctvgateway.rtp.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import org.cctvgateway.rtp.RtpProtocolException;

/**
 * An RTCP receiver report with one report block (RFC 3550 §6.4.2), as a client sends it about
 * the one source it receives.
 *
 * @param reporterSsrc the receiver's own SSRC
 * @param sourceSsrc the SSRC the block reports on
 * @param fractionLost lost fraction since the last report, in 1/256, 0..255
 * @param cumulativeLost packets lost in total, a signed 24-bit value (-8388608..8388607)
 * @param highestSequence the extended highest sequence number received, 0..2^32-1
 * @param jitter interarrival jitter in RTP timestamp units, 0..2^32-1
 * @param lastSenderReport the middle 32 bits of the last SR's NTP time ({@link #compactNtp}), or 0
 * @param delaySinceLastSenderReport the delay since that SR in 1/65536 s, 0..2^32-1
 */
public record ReceiverReport(long reporterSsrc, long sourceSsrc, int fractionLost, int cumulativeLost,
                             long highestSequence, long jitter, long lastSenderReport,
                             long delaySinceLastSenderReport) {
    private static final int RR_BYTES = 8 + 24;

    public ReceiverReport {
        Rtcp.checkUnsigned32("reporterSsrc", reporterSsrc);
        Rtcp.checkUnsigned32("sourceSsrc", sourceSsrc);
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fractionLost " + fractionLost + " is outside 0..255");
        }
        if (cumulativeLost < -0x80_0000 || cumulativeLost > 0x7F_FFFF) {
            throw new IllegalArgumentException("cumulativeLost " + cumulativeLost + " does not fit 24 bits signed");
        }
        Rtcp.checkUnsigned32("highestSequence", highestSequence);
        Rtcp.checkUnsigned32("jitter", jitter);
        Rtcp.checkUnsigned32("lastSenderReport", lastSenderReport);
        Rtcp.checkUnsigned32("delaySinceLastSenderReport", delaySinceLastSenderReport);
    }

    /**
     * A cumulative loss count as the 24-bit field carries it: RFC 3550 §6.4.1 and A.3 saturate
     * it at 0x7FFFFF (and at -0x800000 for excess duplicates) rather than wrap.
     */
    public static int saturateCumulativeLost(long lost) {
        return (int) Math.max(-0x80_0000L, Math.min(0x7F_FFFFL, lost));
    }

    /** The middle 32 bits of a 64-bit NTP timestamp, as the LSR field carries them. */
    public static long compactNtp(long ntp64) {
        return (ntp64 >>> 16) & 0xFFFF_FFFFL;
    }

    /**
     * The first report block of each RR in a compound packet (SR report blocks are not read).
     * Borrows {@code compound}: its reader index is unchanged.
     *
     * @throws RtpProtocolException on malformed framing, as {@link SenderReport#decodeCompound}
     */
    public static List<ReceiverReport> decodeCompound(ByteBuf compound) {
        List<ReceiverReport> reports = new ArrayList<>(1);
        Rtcp.walk(compound, p -> {
            if (p.type() != Rtcp.RR) {
                return;
            }
            int needed = 8 + 24 * p.count();
            if (p.length() < needed) {
                throw new RtpProtocolException("RTCP RR is " + p.length() + " bytes, its " + p.count()
                        + " report blocks need " + needed);
            }
            if (p.count() == 0) {
                return;
            }
            int i = p.index();
            int lost = compound.getMedium(i + 13);
            reports.add(new ReceiverReport(compound.getUnsignedInt(i + 4), compound.getUnsignedInt(i + 8),
                    compound.getUnsignedByte(i + 12), lost, compound.getUnsignedInt(i + 16),
                    compound.getUnsignedInt(i + 20), compound.getUnsignedInt(i + 24),
                    compound.getUnsignedInt(i + 28)));
        });
        return reports;
    }

    /**
     * This report followed by an SDES CNAME, as one compound packet in a new buffer the caller owns.
     *
     * @param cname the canonical name, 1..255 UTF-8 bytes
     */
    public ByteBuf encode(ByteBufAllocator alloc, String cname) {
        byte[] name = Rtcp.cname(cname);
        ByteBuf out = Rtcp.allocate(alloc, RR_BYTES + Rtcp.sdesLength(name));
        out.writeByte(0x80 | 1);
        out.writeByte(Rtcp.RR);
        out.writeShort(RR_BYTES / 4 - 1);
        out.writeInt((int) reporterSsrc);
        out.writeInt((int) sourceSsrc);
        out.writeByte(fractionLost);
        out.writeMedium(cumulativeLost);
        out.writeInt((int) highestSequence);
        out.writeInt((int) jitter);
        out.writeInt((int) lastSenderReport);
        out.writeInt((int) delaySinceLastSenderReport);
        Rtcp.writeSdesCname(out, reporterSsrc, name);
        return out;
    }
}
