package org.cctvgateway.media;

import io.netty.buffer.ByteBuf;

/**
 * NAL unit header facts for H.264 (ITU-T H.264 7.3.1) and H.265 (ITU-T H.265 7.3.1.2). Every
 * method borrows its buffer and reads at its reader index without moving it; an empty buffer
 * has type -1.
 */
public final class NalUnits {
    public static final int H264_NON_IDR = 1;
    public static final int H264_IDR = 5;
    public static final int H264_SEI = 6;
    public static final int H264_SPS = 7;
    public static final int H264_PPS = 8;
    public static final int H264_AUD = 9;

    public static final int H265_IDR_W_RADL = 19;
    public static final int H265_IDR_N_LP = 20;
    public static final int H265_CRA = 21;
    public static final int H265_VPS = 32;
    public static final int H265_SPS = 33;
    public static final int H265_PPS = 34;
    public static final int H265_AUD = 35;

    private NalUnits() {
    }

    /** The {@code nal_unit_type} of a NAL unit (no start code), or -1 when it is empty. */
    public static int type(Codec codec, ByteBuf nal) {
        if (!nal.isReadable()) {
            return -1;
        }
        int b = nal.getUnsignedByte(nal.readerIndex());
        return codec == Codec.H264 ? b & 0x1F : (b >> 1) & 0x3F;
    }

    /** The NAL unit type of a header byte array's first byte(s), or -1 when empty. */
    public static int type(Codec codec, byte[] nal) {
        if (nal.length == 0) {
            return -1;
        }
        return codec == Codec.H264 ? nal[0] & 0x1F : (nal[0] >> 1) & 0x3F;
    }

    /** True for the NAL types that start a decodable picture: IDR for H.264, IRAP 16..23 for H.265. */
    public static boolean isRandomAccess(Codec codec, int type) {
        if (codec == Codec.H264) {
            return type == H264_IDR;
        }
        return type >= 16 && type <= 23;
    }

    /** True for VPS, SPS and PPS. */
    public static boolean isParameterSet(Codec codec, int type) {
        if (codec == Codec.H264) {
            return type == H264_SPS || type == H264_PPS;
        }
        return type == H265_VPS || type == H265_SPS || type == H265_PPS;
    }

    /** True for an access unit delimiter, which the normalizer removes (it is optional and re-made by no one). */
    public static boolean isAccessUnitDelimiter(Codec codec, int type) {
        return codec == Codec.H264 ? type == H264_AUD : type == H265_AUD;
    }

    /** True for picture data (VCL NAL units): 1..5 for H.264, 0..31 for H.265. */
    public static boolean isVcl(Codec codec, int type) {
        return codec == Codec.H264 ? type >= 1 && type <= 5 : type >= 0 && type <= 31;
    }
}
