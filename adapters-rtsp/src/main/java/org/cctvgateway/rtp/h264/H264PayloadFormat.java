package org.cctvgateway.rtp.h264;

import io.netty.buffer.ByteBuf;
import org.cctvgateway.media.Codec;
import org.cctvgateway.rtp.AccessUnitAssembler;
import org.cctvgateway.rtp.PayloadFormat;
import org.cctvgateway.rtp.RtpProtocolException;

/**
 * Reads RFC 6184 payloads: single NAL unit (types 1-23, §5.6), STAP-A (24, §5.7.1) and FU-A
 * (28, §5.8). Stateless; every length is checked against the payload before it is read.
 */
public final class H264PayloadFormat implements PayloadFormat {
    public static final int STAP_A = 24;
    public static final int STAP_B = 25;
    public static final int MTAP16 = 26;
    public static final int MTAP24 = 27;
    public static final int FU_A = 28;
    public static final int FU_B = 29;

    @Override
    public Codec codec() {
        return Codec.H264;
    }

    @Override
    public void read(ByteBuf payload, AccessUnitAssembler assembler) {
        int start = payload.readerIndex();
        int length = payload.readableBytes();
        if (length == 0) {
            throw new RtpProtocolException("empty H.264 RTP payload");
        }
        int header = payload.getUnsignedByte(start);
        if ((header & 0x80) != 0) {
            throw new RtpProtocolException("H.264 forbidden_zero_bit is set (header 0x"
                    + Integer.toHexString(header) + ")");
        }
        int type = header & 0x1F;
        if (type >= 1 && type <= 23) {
            assembler.addNal(payload, start, length);
        } else if (type == STAP_A) {
            readStapA(payload, start, length, assembler);
        } else if (type == FU_A) {
            readFuA(payload, start, length, header, assembler);
        } else if (type == STAP_B || type == MTAP16 || type == MTAP24 || type == FU_B) {
            throw new RtpProtocolException("H.264 packet type " + type
                    + " (STAP-B/MTAP/FU-B) needs interleaved mode, which is not supported");
        } else {
            throw new RtpProtocolException("H.264 NAL unit type " + type + " is undefined for RTP");
        }
    }

    private static void readStapA(ByteBuf payload, int start, int length, AccessUnitAssembler assembler) {
        int offset = start + 1;
        int end = start + length;
        if (offset == end) {
            throw new RtpProtocolException("STAP-A holds no NAL units");
        }
        while (offset < end) {
            if (end - offset < 2) {
                throw new RtpProtocolException("STAP-A size field at byte " + (offset - start)
                        + " is cut off by the end of the " + length + "-byte payload");
            }
            int size = payload.getUnsignedShort(offset);
            offset += 2;
            if (size == 0) {
                throw new RtpProtocolException("STAP-A holds a zero-length NAL unit at byte " + (offset - start));
            }
            if (size > end - offset) {
                throw new RtpProtocolException("STAP-A NAL unit of " + size + " bytes at byte " + (offset - start)
                        + " runs past the payload (" + (end - offset) + " bytes left)");
            }
            assembler.addNal(payload, offset, size);
            offset += size;
        }
    }

    private static void readFuA(ByteBuf payload, int start, int length, int indicator,
                                AccessUnitAssembler assembler) {
        if (length < 2) {
            throw new RtpProtocolException("FU-A of " + length + " byte has no FU header");
        }
        int fu = payload.getUnsignedByte(start + 1);
        boolean first = (fu & 0x80) != 0;
        boolean last = (fu & 0x40) != 0;
        int nalType = fu & 0x1F;
        int data = length - 2;
        if (first && last) {
            throw new RtpProtocolException("FU-A has both start and end bits set (RFC 6184 §5.8)");
        }
        if (nalType == 0 || nalType >= 24) {
            throw new RtpProtocolException("FU-A carries NAL unit type " + nalType + ", which cannot be fragmented");
        }
        if (data == 0) {
            throw new RtpProtocolException("FU-A carries no NAL unit bytes");
        }
        if (first) {
            assembler.startFragment((indicator & 0xE0) | nalType, 1, nalType, payload, start + 2, data);
        } else {
            assembler.continueFragment(nalType, payload, start + 2, data, last);
        }
    }
}
