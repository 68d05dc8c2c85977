package org.cctvgateway.media.h264;

import java.util.Set;
import org.cctvgateway.media.MediaFormatException;
import org.cctvgateway.media.SpsInfo;
import org.cctvgateway.media.internal.BitReader;
import org.cctvgateway.media.internal.VuiHead;

/**
 * The fields of an H.264 sequence parameter set (ITU-T H.264 7.3.2.1.1) that describe the
 * picture, read by {@link #parse(byte[])}.
 *
 * <p>Limits: an SPS of at most {@value #MAX_SPS_BYTES} bytes; a coded picture of at most
 * {@value #MAX_MBS} macroblocks across or down (16896 pixels, above level 6.2's largest frame);
 * every other field within its range in the standard. Anything else raises
 * {@link MediaFormatException} naming the field, its value and the limit.
 *
 * @param profileIdc {@code profile_idc}
 * @param constraintFlags {@code constraint_set0..5_flag} and the 2 reserved bits, as the byte
 * @param levelIdc {@code level_idc}, ten times the level
 * @param chromaFormatIdc 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4
 * @param frameMbsOnly false when the stream may hold field pictures (interlaced)
 * @param frameRate {@code time_scale / (2 * num_units_in_tick)} from the VUI, 0 when absent
 */
public record H264Sps(int profileIdc, int constraintFlags, int levelIdc, int spsId, int chromaFormatIdc,
                      int bitDepthLuma, int bitDepthChroma, int width, int height, boolean frameMbsOnly,
                      double frameRate) implements SpsInfo {

    /** Largest SPS accepted, in bytes; real ones are under 100 bytes, scaling lists included. */
    public static final int MAX_SPS_BYTES = 4096;
    /** Largest picture dimension accepted, in macroblocks. */
    public static final int MAX_MBS = 1056;

    private static final String WHAT = "H.264 SPS";
    /** The profiles whose SPS carries chroma format, bit depth and scaling lists (7.3.2.1.1). */
    private static final Set<Integer> HIGH_PROFILES = Set.of(100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139,
            134, 135);

    public H264Sps {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("picture size must be positive, was " + width + "x" + height);
        }
        if (chromaFormatIdc < 0 || chromaFormatIdc > 3) {
            throw new IllegalArgumentException("chromaFormatIdc must be 0..3, was " + chromaFormatIdc);
        }
    }

    /**
     * Reads an SPS NAL unit (header byte included, no start code, emulation prevention still in).
     *
     * @throws MediaFormatException when it is not an SPS, is cut short or holds a value out of range
     */
    public static H264Sps parse(byte[] nal) {
        BitReader r = BitReader.ofNalPayload(WHAT, nal, 1, MAX_SPS_BYTES);
        int nalType = nal[0] & 0x1F;
        if (nalType != 7) {
            throw new MediaFormatException("expected an H.264 SPS (NAL type 7), got NAL type " + nalType);
        }
        int profileIdc = r.ui(8, "profile_idc");
        int constraints = r.ui(8, "constraint_set_flags");
        int levelIdc = r.ui(8, "level_idc");
        int spsId = r.ue("seq_parameter_set_id", 31);
        int chromaFormatIdc = 1;
        boolean separateColourPlanes = false;
        int bitDepthLuma = 8;
        int bitDepthChroma = 8;
        if (HIGH_PROFILES.contains(profileIdc)) {
            chromaFormatIdc = r.ue("chroma_format_idc", 3);
            if (chromaFormatIdc == 3) {
                separateColourPlanes = r.flag("separate_colour_plane_flag");
            }
            bitDepthLuma = 8 + r.ue("bit_depth_luma_minus8", 6);
            bitDepthChroma = 8 + r.ue("bit_depth_chroma_minus8", 6);
            r.skip(1, "qpprime_y_zero_transform_bypass_flag");
            if (r.flag("seq_scaling_matrix_present_flag")) {
                int lists = chromaFormatIdc != 3 ? 8 : 12;
                for (int i = 0; i < lists; i++) {
                    if (r.flag("seq_scaling_list_present_flag")) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        r.ue("log2_max_frame_num_minus4", 12);
        int pocType = r.ue("pic_order_cnt_type", 2);
        if (pocType == 0) {
            r.ue("log2_max_pic_order_cnt_lsb_minus4", 12);
        } else if (pocType == 1) {
            r.skip(1, "delta_pic_order_always_zero_flag");
            r.se("offset_for_non_ref_pic");
            r.se("offset_for_top_to_bottom_field");
            int cycle = r.ue("num_ref_frames_in_pic_order_cnt_cycle", 255);
            for (int i = 0; i < cycle; i++) {
                r.se("offset_for_ref_frame");
            }
        }
        r.ue("max_num_ref_frames", 16);
        r.skip(1, "gaps_in_frame_num_value_allowed_flag");
        int widthMbs = r.ue("pic_width_in_mbs_minus1", MAX_MBS - 1) + 1;
        int heightMapUnits = r.ue("pic_height_in_map_units_minus1", MAX_MBS - 1) + 1;
        boolean frameMbsOnly = r.flag("frame_mbs_only_flag");
        if (!frameMbsOnly) {
            r.skip(1, "mb_adaptive_frame_field_flag");
        }
        r.skip(1, "direct_8x8_inference_flag");
        int codedWidth = widthMbs * 16;
        int codedHeight = heightMapUnits * 16 * (frameMbsOnly ? 1 : 2);
        int width = codedWidth;
        int height = codedHeight;
        if (r.flag("frame_cropping_flag")) {
            // 7.4.2.1.1: crop offsets count chroma samples (or field pairs of lines when interlaced).
            int chromaArrayType = separateColourPlanes ? 0 : chromaFormatIdc;
            int cropUnitX = chromaArrayType == 0 || chromaArrayType == 3 ? 1 : 2;
            int cropUnitY = (chromaArrayType == 1 ? 2 : 1) * (frameMbsOnly ? 1 : 2);
            long left = r.ue("frame_crop_left_offset");
            long right = r.ue("frame_crop_right_offset");
            long top = r.ue("frame_crop_top_offset");
            long bottom = r.ue("frame_crop_bottom_offset");
            long cropX = cropUnitX * (left + right);
            long cropY = cropUnitY * (top + bottom);
            if (cropX >= codedWidth || cropY >= codedHeight) {
                throw new MediaFormatException(WHAT + ": cropping " + cropX + "x" + cropY
                        + " leaves no picture of the coded " + codedWidth + "x" + codedHeight);
            }
            width = (int) (codedWidth - cropX);
            height = (int) (codedHeight - cropY);
        }
        double frameRate = 0;
        if (r.flag("vui_parameters_present_flag")) {
            frameRate = readVuiFrameRate(r);
        }
        return new H264Sps(profileIdc, constraints, levelIdc, spsId, chromaFormatIdc, bitDepthLuma, bitDepthChroma,
                width, height, frameMbsOnly, frameRate);
    }

    /** 7.3.2.1.1.1: only consumed, the values do not matter here. */
    private static void skipScalingList(BitReader r, int size) {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                int delta = r.se("delta_scale", -128, 127);
                next = (last + delta + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    /** E.1.1 up to the timing info; the rest of the VUI is not needed. */
    private static double readVuiFrameRate(BitReader r) {
        VuiHead.skip(r);
        if (!r.flag("timing_info_present_flag")) {
            return 0;
        }
        long unitsInTick = r.u(32, "num_units_in_tick");
        long timeScale = r.u(32, "time_scale");
        if (unitsInTick == 0 || timeScale == 0) {
            return 0; // E.2.1 forbids zero; some cameras send it anyway, meaning "unknown"
        }
        // E.2.1: one frame lasts two ticks (a tick is a field period), whatever fixed_frame_rate_flag says.
        return timeScale / (2.0 * unitsInTick);
    }

    /** The profile as ffprobe names it; constraint flags pick the constrained and intra variants. */
    @Override
    public String profile() {
        boolean set1 = (constraintFlags & 0x40) != 0;
        boolean set3 = (constraintFlags & 0x10) != 0;
        switch (profileIdc) {
            case 66:
                return set1 ? "Constrained Baseline" : "Baseline";
            case 77:
                return "Main";
            case 88:
                return "Extended";
            case 100:
                return "High";
            case 110:
                return set3 ? "High 10 Intra" : "High 10";
            case 122:
                return set3 ? "High 4:2:2 Intra" : "High 4:2:2";
            case 244:
                return set3 ? "High 4:4:4 Intra" : "High 4:4:4 Predictive";
            case 44:
                return "CAVLC 4:4:4 Intra";
            case 83:
                return "Scalable Baseline";
            case 86:
                return "Scalable High";
            case 118:
                return "Multiview High";
            case 128:
                return "Stereo High";
            default:
                return "profile_idc " + profileIdc;
        }
    }

    /** "1b" for level 1b (A.3.1, A.3.2), otherwise the level with one decimal ("3.1"). */
    @Override
    public String level() {
        boolean set3 = (constraintFlags & 0x10) != 0;
        if (levelIdc == 9 || (levelIdc == 11 && set3 && (profileIdc == 66 || profileIdc == 77 || profileIdc == 88))) {
            return "1b";
        }
        return (levelIdc / 10) + "." + (levelIdc % 10);
    }
}
