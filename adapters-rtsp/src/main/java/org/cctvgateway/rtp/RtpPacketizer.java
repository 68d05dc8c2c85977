package org.cctvgateway.rtp;

import io.netty.buffer.ByteBuf;
import java.util.List;
import org.cctvgateway.media.AccessUnit;

/**
 * Turns access units into RTP packets for one outgoing track: a NAL unit that fits goes in one
 * packet, a larger one is fragmented (FU-A for H.264, FU for H.265); no aggregation packets are
 * made. NAL bytes are never copied: each packet is a small header buffer followed by a retained
 * slice of the NAL unit, as one composite buffer. Not thread-safe: one instance per outgoing
 * RTP session, driven from one thread.
 */
public interface RtpPacketizer {
    /**
     * Packetizes one unit. Borrows {@code unit}; appends complete RTP packets to {@code out}, each
     * owned by the caller, with the marker bit on the last packet of the unit. No packet is
     * longer than 12 + the maximum payload size. Empty NAL units are skipped.
     *
     * @param rtpTimestamp32 the RTP timestamp for every packet of the unit, 0..2^32-1
     */
    void packetize(AccessUnit unit, long rtpTimestamp32, List<ByteBuf> out);

    /** The sequence number the next packet will carry (for RTP-Info {@code seq=}). */
    int nextSequenceNumber();

    long ssrc();

    /** Packets sent so far, for the RTCP sender report. */
    long packetCount();

    /** Payload octets (everything after the RTP header) sent so far, for the RTCP sender report. */
    long octetCount();
}
