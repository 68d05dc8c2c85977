package org.cctvgateway.rtp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.AbstractReferenceCounted;
import java.util.Objects;

/**
 * One RTP packet (RFC 3550 §5.1): the fixed header fields and a retained slice of the payload
 * (after CSRCs, header extension and padding). A final reference-counted class because it holds
 * a buffer: releasing it to zero releases the payload slice.
 *
 * <p>{@link #decode(ByteBuf)} checks every length against the buffer before reading, so a
 * truncated or hostile datagram raises {@link RtpProtocolException}, never an index error.
 * CSRCs and the header extension are skipped (the gateway mixes nothing and uses no RTP
 * header extensions).
 */
public final class RtpPacket extends AbstractReferenceCounted {
    /** Fixed header size without CSRCs. */
    public static final int FIXED_HEADER_BYTES = 12;
    /** The only RTP version there is. */
    public static final int VERSION = 2;

    private final boolean marker;
    private final int payloadType;
    private final int sequenceNumber;
    private final long timestamp;
    private final long ssrc;
    private final ByteBuf payload;

    private RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
                      ByteBuf payload) {
        this.marker = marker;
        this.payloadType = payloadType;
        this.sequenceNumber = sequenceNumber;
        this.timestamp = timestamp;
        this.ssrc = ssrc;
        this.payload = payload;
    }

    /**
     * A packet built from fields; takes ownership of {@code payload}.
     *
     * @throws IllegalArgumentException when a field is out of its range
     */
    public static RtpPacket of(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
                               ByteBuf payload) {
        Objects.requireNonNull(payload, "payload");
        checkFields(payloadType, sequenceNumber, timestamp, ssrc);
        return new RtpPacket(marker, payloadType, sequenceNumber, timestamp, ssrc, payload);
    }

    /**
     * Decodes one packet. Borrows {@code datagram}: its reader index and reference count are
     * unchanged; the packet holds a retained slice of it, so release the packet when done.
     *
     * @throws RtpProtocolException when the bytes are not a valid RTP packet
     */
    public static RtpPacket decode(ByteBuf datagram) {
        int start = datagram.readerIndex();
        int length = datagram.readableBytes();
        if (length < FIXED_HEADER_BYTES) {
            throw new RtpProtocolException("RTP packet is " + length + " bytes, the fixed header alone is "
                    + FIXED_HEADER_BYTES);
        }
        int b0 = datagram.getUnsignedByte(start);
        int b1 = datagram.getUnsignedByte(start + 1);
        int version = b0 >> 6;
        if (version != VERSION) {
            throw new RtpProtocolException("RTP version is " + version + ", expected " + VERSION);
        }
        int headerLength = headerLength(datagram);
        int end = start + length;
        if ((b0 & 0x20) != 0) {
            int padding = datagram.getUnsignedByte(end - 1);
            // RFC 3550 §5.1: the last octet counts the padding including itself, so 0 is invalid.
            if (padding == 0 || padding > length - headerLength) {
                throw new RtpProtocolException("RTP padding is " + padding + " bytes, but only "
                        + (length - headerLength) + " bytes follow the " + headerLength + "-byte header");
            }
            end -= padding;
        }
        int sequence = datagram.getUnsignedShort(start + 2);
        long timestamp = datagram.getUnsignedInt(start + 4);
        long ssrc = datagram.getUnsignedInt(start + 8);
        ByteBuf payload = datagram.retainedSlice(start + headerLength, end - start - headerLength);
        return new RtpPacket((b1 & 0x80) != 0, b1 & 0x7F, sequence, timestamp, ssrc, payload);
    }

    /**
     * The header length (fixed part, CSRCs and extension) of the packet at the reader index.
     * Borrows the buffer and does not move it.
     *
     * @throws RtpProtocolException when the CSRC list or extension runs past the buffer
     */
    public static int headerLength(ByteBuf datagram) {
        int start = datagram.readerIndex();
        int length = datagram.readableBytes();
        if (length < FIXED_HEADER_BYTES) {
            throw new RtpProtocolException("RTP packet is " + length + " bytes, the fixed header alone is "
                    + FIXED_HEADER_BYTES);
        }
        int b0 = datagram.getUnsignedByte(start);
        int csrcCount = b0 & 0x0F;
        int header = FIXED_HEADER_BYTES + 4 * csrcCount;
        if (header > length) {
            throw new RtpProtocolException("RTP CSRC count " + csrcCount + " needs a " + header
                    + "-byte header, packet is " + length + " bytes");
        }
        if ((b0 & 0x10) != 0) {
            if (header + 4 > length) {
                throw new RtpProtocolException("RTP extension header at offset " + header
                        + " runs past the " + length + "-byte packet");
            }
            int words = datagram.getUnsignedShort(start + header + 2);
            header += 4 + 4 * words;
            if (header > length) {
                throw new RtpProtocolException("RTP extension of " + words + " words ends at byte " + header
                        + ", packet is " + length + " bytes");
            }
        }
        return header;
    }

    /**
     * Writes a 12-byte RTP header (no CSRCs, no extension, no padding) to a new buffer the
     * caller owns.
     */
    public static ByteBuf encodeHeader(ByteBufAllocator alloc, boolean marker, int payloadType, int sequenceNumber,
                                       long timestamp, long ssrc) {
        return encodeHeader(alloc, marker, payloadType, sequenceNumber, timestamp, ssrc, 0);
    }

    /**
     * Writes a 12-byte RTP header into a new buffer with {@code extraCapacity} bytes of room after
     * it (for a payload-format header); the caller owns the buffer.
     */
    public static ByteBuf encodeHeader(ByteBufAllocator alloc, boolean marker, int payloadType, int sequenceNumber,
                                       long timestamp, long ssrc, int extraCapacity) {
        checkFields(payloadType, sequenceNumber, timestamp, ssrc);
        ByteBuf header = alloc.buffer(FIXED_HEADER_BYTES + extraCapacity);
        header.writeByte(VERSION << 6);
        header.writeByte((marker ? 0x80 : 0) | payloadType);
        header.writeShort(sequenceNumber);
        header.writeInt((int) timestamp);
        header.writeInt((int) ssrc);
        return header;
    }

    /**
     * This packet on the wire: a 12-byte header and a retained slice of the payload, as one
     * composite buffer the caller owns. This packet is borrowed and keeps its own reference.
     */
    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf header = encodeHeader(alloc, marker, payloadType, sequenceNumber, timestamp, ssrc);
        return Unpooled.wrappedBuffer(header, payload.retainedSlice());
    }

    private static void checkFields(int payloadType, int sequenceNumber, long timestamp, long ssrc) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType + " is outside 0..127");
        }
        if (sequenceNumber < 0 || sequenceNumber > 0xFFFF) {
            throw new IllegalArgumentException("sequence number " + sequenceNumber + " is outside 0..65535");
        }
        if (timestamp < 0 || timestamp > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("timestamp " + timestamp + " is outside 0..2^32-1");
        }
        if (ssrc < 0 || ssrc > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ssrc " + ssrc + " is outside 0..2^32-1");
        }
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    /** The 16-bit sequence number, 0..65535. */
    public int sequenceNumber() {
        return sequenceNumber;
    }

    /** The 32-bit RTP timestamp, 0..2^32-1. */
    public long timestamp() {
        return timestamp;
    }

    /** The 32-bit SSRC as an unsigned value. */
    public long ssrc() {
        return ssrc;
    }

    /** The payload; borrowed from this packet: do not release it, retain a slice to keep it. */
    public ByteBuf payload() {
        return payload;
    }

    @Override
    public RtpPacket retain() {
        super.retain();
        return this;
    }

    @Override
    public RtpPacket retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public RtpPacket touch() {
        payload.touch();
        return this;
    }

    @Override
    public RtpPacket touch(Object hint) {
        payload.touch(hint);
        return this;
    }

    @Override
    protected void deallocate() {
        payload.release();
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + " seq=" + sequenceNumber + " ts=" + timestamp + " ssrc=" + ssrc
                + (marker ? " M" : "") + " payload=" + payload.readableBytes() + "]";
    }
}
