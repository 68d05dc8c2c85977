package org.cctvgateway.rtp.h265;

import io.netty.buffer.ByteBuf;
import org.cctvgateway.media.Codec;
import org.cctvgateway.rtp.AccessUnitAssembler;
import org.cctvgateway.rtp.PayloadFormat;
import org.cctvgateway.rtp.RtpProtocolException;

/**
 * Reads RFC 7798 payloads with 2-byte payload headers: single NAL unit (types 0-47, §4.4.1),
 * aggregation packet (48, §4.4.2) and fragmentation unit (49, §4.4.3). DONL fields are assumed
 * absent ({@code sprop-max-don-diff} 0, which every camera SDP seen so far implies by omitting
 * it). PACI (50) and the undefined types 51-63 are rejected. Stateless.
 */
public final class H265PayloadFormat implements PayloadFormat {
    public static final int AP = 48;
    public static final int FU = 49;
    public static final int PACI = 50;

    @Override
    public Codec codec() {
        return Codec.H265;
    }

    @Override
    public void read(ByteBuf payload, AccessUnitAssembler assembler) {
        int start = payload.readerIndex();
        int length = payload.readableBytes();
        if (length < 2) {
            throw new RtpProtocolException("H.265 RTP payload of " + length
                    + " byte is shorter than its 2-byte payload header");
        }
        int header = payload.getUnsignedShort(start);
        if ((header & 0x8000) != 0) {
            throw new RtpProtocolException("H.265 forbidden_zero_bit is set (header 0x"
                    + Integer.toHexString(header) + ")");
        }
        if ((header & 0x7) == 0) {
            throw new RtpProtocolException("H.265 payload header has TID 0, which RFC 7798 §1.1.4 forbids");
        }
        int type = (header >> 9) & 0x3F;
        if (type < AP) {
            assembler.addNal(payload, start, length);
        } else if (type == AP) {
            readAggregation(payload, start, length, assembler);
        } else if (type == FU) {
            readFragment(payload, start, length, header, assembler);
        } else if (type == PACI) {
            throw new RtpProtocolException("H.265 PACI packets (type 50) are not supported");
        } else {
            throw new RtpProtocolException("H.265 payload type " + type + " is undefined");
        }
    }

    private static void readAggregation(ByteBuf payload, int start, int length, AccessUnitAssembler assembler) {
        int offset = start + 2;
        int end = start + length;
        if (offset == end) {
            throw new RtpProtocolException("H.265 aggregation packet holds no NAL units");
        }
        while (offset < end) {
            if (end - offset < 2) {
                throw new RtpProtocolException("H.265 AP size field at byte " + (offset - start)
                        + " is cut off by the end of the " + length + "-byte payload");
            }
            int size = payload.getUnsignedShort(offset);
            offset += 2;
            if (size == 0) {
                throw new RtpProtocolException("H.265 AP holds a zero-length NAL unit at byte " + (offset - start));
            }
            if (size > end - offset) {
                throw new RtpProtocolException("H.265 AP NAL unit of " + size + " bytes at byte " + (offset - start)
                        + " runs past the payload (" + (end - offset) + " bytes left)");
            }
            assembler.addNal(payload, offset, size);
            offset += size;
        }
    }

    private static void readFragment(ByteBuf payload, int start, int length, int header,
                                     AccessUnitAssembler assembler) {
        if (length < 3) {
            throw new RtpProtocolException("H.265 FU of " + length + " bytes has no FU header");
        }
        int fu = payload.getUnsignedByte(start + 2);
        boolean first = (fu & 0x80) != 0;
        boolean last = (fu & 0x40) != 0;
        int nalType = fu & 0x3F;
        int data = length - 3;
        if (first && last) {
            throw new RtpProtocolException("H.265 FU has both start and end bits set (RFC 7798 §4.4.3)");
        }
        if (nalType >= AP) {
            throw new RtpProtocolException("H.265 FU carries NAL unit type " + nalType
                    + ", which cannot be fragmented");
        }
        if (data == 0) {
            throw new RtpProtocolException("H.265 FU carries no NAL unit bytes");
        }
        if (first) {
            // The NAL header is the payload header with the FU's type: F, LayerId and TID are shared.
            int nalHeader = (header & 0x81FF) | (nalType << 9);
            assembler.startFragment(nalHeader, 2, nalType, payload, start + 3, data);
        } else {
            assembler.continueFragment(nalType, payload, start + 3, data, last);
        }
    }
}
