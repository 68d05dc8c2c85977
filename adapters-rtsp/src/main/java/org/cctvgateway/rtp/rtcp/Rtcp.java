package org.cctvgateway.rtp.rtcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.cctvgateway.rtp.RtpProtocolException;

/** RTCP framing shared by the report records: the common header walk and the SDES CNAME chunk. */
final class Rtcp {
    static final int SR = 200;
    static final int RR = 201;
    static final int SDES = 202;
    static final int BYE = 203;
    static final int APP = 204;
    static final int SDES_CNAME = 1;
    static final int MAX_CNAME_BYTES = 255;

    /** One packet of a compound: its type, count field and absolute index and length in the buffer. */
    record Packet(int type, int count, int index, int length) {
    }

    private Rtcp() {
    }

    /** Walks every packet of a compound; borrows {@code buf} and does not move its reader index. */
    static void walk(ByteBuf buf, Consumer<Packet> visitor) {
        int offset = buf.readerIndex();
        int end = offset + buf.readableBytes();
        if (offset == end) {
            throw new RtpProtocolException("empty RTCP packet");
        }
        while (offset < end) {
            if (end - offset < 4) {
                throw new RtpProtocolException("RTCP header at byte " + (offset - buf.readerIndex())
                        + " is cut off: " + (end - offset) + " bytes left, 4 needed");
            }
            int b0 = buf.getUnsignedByte(offset);
            int version = b0 >> 6;
            if (version != 2) {
                throw new RtpProtocolException("RTCP version is " + version + ", expected 2");
            }
            int length = (buf.getUnsignedShort(offset + 2) + 1) * 4;
            if (length > end - offset) {
                throw new RtpProtocolException("RTCP packet of " + length + " bytes at byte "
                        + (offset - buf.readerIndex()) + " runs past the " + (end - offset) + " bytes left");
            }
            visitor.accept(new Packet(buf.getUnsignedByte(offset + 1), b0 & 0x1F, offset, length));
            offset += length;
        }
    }

    static byte[] cname(String cname) {
        byte[] bytes = cname.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0 || bytes.length > MAX_CNAME_BYTES) {
            throw new IllegalArgumentException("CNAME is " + bytes.length + " bytes, must be 1.." + MAX_CNAME_BYTES);
        }
        return bytes;
    }

    /** Writes an SDES packet with one chunk holding the CNAME item (RFC 3550 §6.5). */
    static void writeSdesCname(ByteBuf out, long ssrc, byte[] cname) {
        // ssrc + type + length + text + at least one null octet, padded to 32 bits.
        int chunk = 4 + 2 + cname.length;
        int padded = (chunk + 4) & ~3;
        out.writeByte(0x80 | 1);
        out.writeByte(SDES);
        out.writeShort((4 + padded) / 4 - 1);
        out.writeInt((int) ssrc);
        out.writeByte(SDES_CNAME);
        out.writeByte(cname.length);
        out.writeBytes(cname);
        out.writeZero(padded - chunk);
    }

    static int sdesLength(byte[] cname) {
        return 4 + ((4 + 2 + cname.length + 4) & ~3);
    }

    static ByteBuf allocate(ByteBufAllocator alloc, int length) {
        return alloc.buffer(length, length);
    }

    static void checkUnsigned32(String name, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(name + " " + value + " is outside 0..2^32-1");
        }
    }
}
