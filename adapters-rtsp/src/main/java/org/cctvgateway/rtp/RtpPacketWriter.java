package org.cctvgateway.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/**
 * The state every packetizer shares: payload type, SSRC, the next sequence number and the
 * RTCP counters; writes RTP headers and joins them to payload slices. Not thread-safe.
 */
public final class RtpPacketWriter {
    /** The largest payload that still fits a UDP datagram with its RTP header (65507 - 12). */
    public static final int MAX_PAYLOAD_BYTES = 65_495;

    private final ByteBufAllocator alloc;
    private final int payloadType;
    private final long ssrc;
    private int sequence;
    private long packets;
    private long octets;

    public RtpPacketWriter(ByteBufAllocator alloc, int payloadType, long ssrc, int initialSequence) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType + " is outside 0..127");
        }
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ssrc " + ssrc + " is outside 0..2^32-1");
        }
        if (initialSequence < 0 || initialSequence > 0xFFFF) {
            throw new IllegalArgumentException("initial sequence " + initialSequence + " is outside 0..65535");
        }
        this.alloc = alloc;
        this.payloadType = payloadType;
        this.ssrc = ssrc;
        this.sequence = initialSequence;
    }

    /**
     * A new buffer holding the next packet's RTP header, with room for {@code extra} bytes of
     * payload header that the caller writes next; uses up a sequence number. The caller owns it.
     */
    public ByteBuf header(boolean marker, long timestamp32, int extra) {
        ByteBuf header = RtpPacket.encodeHeader(alloc, marker, payloadType, sequence, timestamp32, ssrc, extra);
        sequence = (sequence + 1) & 0xFFFF;
        return header;
    }

    /**
     * Joins a header (from {@link #header}) and a payload slice into one packet and counts it;
     * takes ownership of both.
     */
    public ByteBuf packet(ByteBuf header, ByteBuf payloadSlice) {
        packets++;
        octets += header.readableBytes() - RtpPacket.FIXED_HEADER_BYTES + payloadSlice.readableBytes();
        return Unpooled.wrappedBuffer(header, payloadSlice);
    }

    public int nextSequenceNumber() {
        return sequence;
    }

    public long ssrc() {
        return ssrc;
    }

    public long packetCount() {
        return packets;
    }

    public long octetCount() {
        return octets;
    }

    /** Checks a maximum payload size against the smallest useful fragment and a UDP datagram. */
    public static int checkMaxPayload(int maxPayloadBytes, int fragmentHeaderBytes) {
        int min = fragmentHeaderBytes + 16;
        if (maxPayloadBytes < min || maxPayloadBytes > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("maxPayloadBytes is " + maxPayloadBytes + ", must be " + min + ".."
                    + MAX_PAYLOAD_BYTES);
        }
        return maxPayloadBytes;
    }
}
