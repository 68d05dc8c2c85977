package org.cctvgateway.media;

import org.cctvgateway.media.h264.H264Sps;
import org.cctvgateway.media.h265.H265Sps;

/**
 * What the gateway needs from a sequence parameter set of either codec: picture size after
 * cropping, profile, level, sampling and the frame rate stated in the VUI.
 */
public interface SpsInfo {

    /** Displayed width in pixels, after the cropping (conformance) window. */
    int width();

    /** Displayed height in pixels, after the cropping (conformance) window. */
    int height();

    /** A readable profile name ("High", "Main 10", or "profile_idc N"). */
    String profile();

    /** The level as written ("4.0", "1b", "5.1"). */
    String level();

    /** 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4. */
    int chromaFormatIdc();

    /** Luma bit depth, 8 to 14 (H.264) or 16 (H.265). */
    int bitDepthLuma();

    /** Frames per second from the VUI timing info, or 0 when the SPS states none. */
    double frameRate();

    /**
     * Reads the SPS of {@code codec} from a NAL unit without start code.
     *
     * @throws MediaFormatException when the unit is not an SPS or cannot be read
     */
    static SpsInfo parse(Codec codec, byte[] nal) {
        return codec == Codec.H264 ? H264Sps.parse(nal) : H265Sps.parse(nal);
    }
}
