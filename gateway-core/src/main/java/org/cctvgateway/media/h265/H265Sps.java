package org.cctvgateway.media.h265;

import org.cctvgateway.media.MediaFormatException;
import org.cctvgateway.media.SpsInfo;
import org.cctvgateway.media.internal.BitReader;
import org.cctvgateway.media.internal.VuiHead;

/**
 * The fields of an H.265 sequence parameter set (ITU-T H.265 7.3.2.2.1) that describe the
 * picture, read by {@link #parse(byte[])}. To reach the VUI the reader walks the whole SPS:
 * sub-layer profile/level info, scaling lists, PCM, short-term reference picture sets
 * (including inter-set prediction) and long-term reference pictures.
 *
 * <p>Limits: a parameter set of at most {@value #MAX_PS_BYTES} bytes; a picture of at most
 * {@value #MAX_DIMENSION} luma samples across or down; at most 64 short-term and 32 long-term
 * reference sets (7.4.3.2.1); every other field within its range in the standard. Anything else
 * raises {@link MediaFormatException} naming the field, its value and the limit.
 *
 * @param profileIdc {@code general_profile_idc}
 * @param highTier {@code general_tier_flag}
 * @param levelIdc {@code general_level_idc}, thirty times the level
 * @param maxSubLayers {@code sps_max_sub_layers_minus1 + 1}
 * @param frameRate {@code vui_time_scale / vui_num_units_in_tick}, 0 when the VUI states none
 */
public record H265Sps(int profileIdc, boolean highTier, int levelIdc, int spsId, int maxSubLayers,
                      int chromaFormatIdc, int bitDepthLuma, int bitDepthChroma, int width, int height,
                      double frameRate) implements SpsInfo {

    /** Largest VPS or SPS accepted, in bytes; real ones are well under 200 bytes. */
    public static final int MAX_PS_BYTES = 4096;
    /** Largest picture dimension accepted, in luma samples (level 6.2 allows 8444 x 4 by A.4.1). */
    public static final int MAX_DIMENSION = 16888;

    private static final String WHAT = "H.265 SPS";
    private static final int MAX_SHORT_TERM_SETS = 64;
    private static final int MAX_LONG_TERM_SETS = 32;
    private static final int MAX_DPB = 16;

    public H265Sps {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("picture size must be positive, was " + width + "x" + height);
        }
        if (chromaFormatIdc < 0 || chromaFormatIdc > 3) {
            throw new IllegalArgumentException("chromaFormatIdc must be 0..3, was " + chromaFormatIdc);
        }
    }

    /**
     * Reads an SPS NAL unit (2-byte header included, no start code, emulation prevention still in).
     *
     * @throws MediaFormatException when it is not an SPS, is cut short or holds a value out of range
     */
    public static H265Sps parse(byte[] nal) {
        BitReader r = BitReader.ofNalPayload(WHAT, nal, 2, MAX_PS_BYTES);
        int nalType = (nal[0] >> 1) & 0x3F;
        if (nalType != 33) {
            throw new MediaFormatException("expected an H.265 SPS (NAL type 33), got NAL type " + nalType);
        }
        r.skip(4, "sps_video_parameter_set_id");
        int maxSubMinus1 = ProfileTierLevel.readMaxSubLayersMinus1(r, WHAT, "sps_max_sub_layers_minus1");
        r.skip(1, "sps_temporal_id_nesting_flag");
        ProfileTierLevel ptl = ProfileTierLevel.read(r, maxSubMinus1);
        int spsId = r.ue("sps_seq_parameter_set_id", 15);
        int chromaFormatIdc = r.ue("chroma_format_idc", 3);
        boolean separatePlanes = chromaFormatIdc == 3 && r.flag("separate_colour_plane_flag");
        int codedWidth = r.ue("pic_width_in_luma_samples", MAX_DIMENSION);
        int codedHeight = r.ue("pic_height_in_luma_samples", MAX_DIMENSION);
        if (codedWidth == 0 || codedHeight == 0) {
            throw new MediaFormatException(WHAT + ": picture size is " + codedWidth + "x" + codedHeight);
        }
        int width = codedWidth;
        int height = codedHeight;
        if (r.flag("conformance_window_flag")) {
            // 7.4.3.2.1: offsets count chroma samples; SubWidthC/SubHeightC from table 6-1.
            int chromaArrayType = separatePlanes ? 0 : chromaFormatIdc;
            int subWidth = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
            int subHeight = chromaArrayType == 1 ? 2 : 1;
            long cropX = subWidth * (r.ue("conf_win_left_offset") + r.ue("conf_win_right_offset"));
            long cropY = subHeight * (r.ue("conf_win_top_offset") + r.ue("conf_win_bottom_offset"));
            if (cropX >= codedWidth || cropY >= codedHeight) {
                throw new MediaFormatException(WHAT + ": conformance window " + cropX + "x" + cropY
                        + " leaves no picture of the coded " + codedWidth + "x" + codedHeight);
            }
            width = (int) (codedWidth - cropX);
            height = (int) (codedHeight - cropY);
        }
        int bitDepthLuma = 8 + r.ue("bit_depth_luma_minus8", 8);
        int bitDepthChroma = 8 + r.ue("bit_depth_chroma_minus8", 8);
        int pocLsbBits = 4 + r.ue("log2_max_pic_order_cnt_lsb_minus4", 12);
        boolean orderingAll = r.flag("sps_sub_layer_ordering_info_present_flag");
        for (int i = orderingAll ? 0 : maxSubMinus1; i <= maxSubMinus1; i++) {
            r.ue("sps_max_dec_pic_buffering_minus1", MAX_DPB - 1);
            r.ue("sps_max_num_reorder_pics", MAX_DPB - 1);
            r.ue("sps_max_latency_increase_plus1");
        }
        r.ue("log2_min_luma_coding_block_size_minus3", 3);
        r.ue("log2_diff_max_min_luma_coding_block_size", 3);
        r.ue("log2_min_luma_transform_block_size_minus2", 3);
        r.ue("log2_diff_max_min_luma_transform_block_size", 3);
        r.ue("max_transform_hierarchy_depth_inter", 4);
        r.ue("max_transform_hierarchy_depth_intra", 4);
        if (r.flag("scaling_list_enabled_flag") && r.flag("sps_scaling_list_data_present_flag")) {
            skipScalingListData(r);
        }
        r.skip(2, "amp_enabled_flag/sample_adaptive_offset_enabled_flag");
        if (r.flag("pcm_enabled_flag")) {
            r.skip(8, "pcm_sample_bit_depth_luma/chroma_minus1");
            r.ue("log2_min_pcm_luma_coding_block_size_minus3", 2);
            r.ue("log2_diff_max_min_pcm_luma_coding_block_size", 2);
            r.skip(1, "pcm_loop_filter_disabled_flag");
        }
        skipShortTermRefPicSets(r);
        if (r.flag("long_term_ref_pics_present_flag")) {
            int lt = r.ue("num_long_term_ref_pics_sps", MAX_LONG_TERM_SETS);
            r.skip((long) lt * (pocLsbBits + 1), "lt_ref_pic_poc_lsb_sps/used_by_curr_pic_lt_sps_flag");
        }
        r.skip(2, "sps_temporal_mvp_enabled_flag/strong_intra_smoothing_enabled_flag");
        double frameRate = r.flag("vui_parameters_present_flag") ? readVuiFrameRate(r) : 0;
        return new H265Sps(ptl.effectiveProfileIdc(), ptl.highTier(), ptl.levelIdc(), spsId, maxSubMinus1 + 1,
                chromaFormatIdc, bitDepthLuma, bitDepthChroma, width, height, frameRate);
    }

    /** 7.3.4: read only to get past it. */
    private static void skipScalingListData(BitReader r) {
        for (int sizeId = 0; sizeId < 4; sizeId++) {
            for (int matrixId = 0; matrixId < 6; matrixId += sizeId == 3 ? 3 : 1) {
                if (!r.flag("scaling_list_pred_mode_flag")) {
                    r.ue("scaling_list_pred_matrix_id_delta", sizeId == 3 ? matrixId / 3 : matrixId);
                    continue;
                }
                int coefNum = Math.min(64, 1 << (4 + (sizeId << 1)));
                if (sizeId > 1) {
                    r.se("scaling_list_dc_coef_minus8", -7, 247);
                }
                for (int i = 0; i < coefNum; i++) {
                    r.se("scaling_list_delta_coef", -128, 127);
                }
            }
        }
    }

    /** 7.3.7: each set's size depends on the one before it when predicted (inter RPS). */
    private static void skipShortTermRefPicSets(BitReader r) {
        int count = r.ue("num_short_term_ref_pic_sets", MAX_SHORT_TERM_SETS);
        int[] numDeltaPocs = new int[count];
        for (int idx = 0; idx < count; idx++) {
            boolean interPredicted = idx != 0 && r.flag("inter_ref_pic_set_prediction_flag");
            if (interPredicted) {
                // In the SPS delta_idx_minus1 is absent, so the reference is the previous set.
                r.skip(1, "delta_rps_sign");
                r.ue("abs_delta_rps_minus1", (1 << 15) - 1);
                int kept = 0;
                for (int j = 0; j <= numDeltaPocs[idx - 1]; j++) {
                    boolean used = r.flag("used_by_curr_pic_flag");
                    boolean useDelta = used || r.flag("use_delta_flag");
                    if (useDelta) {
                        kept++;
                    }
                }
                if (kept > MAX_DPB) {
                    throw new MediaFormatException(WHAT + ": short-term set " + idx + " has " + kept
                            + " pictures, limit is " + MAX_DPB);
                }
                numDeltaPocs[idx] = kept;
            } else {
                int negative = r.ue("num_negative_pics", MAX_DPB);
                int positive = r.ue("num_positive_pics", MAX_DPB - negative);
                for (int i = 0; i < negative + positive; i++) {
                    r.ue("delta_poc_minus1", (1 << 15) - 1);
                    r.skip(1, "used_by_curr_pic_flag");
                }
                numDeltaPocs[idx] = negative + positive;
            }
        }
    }

    /** E.2.1 up to the timing info. */
    private static double readVuiFrameRate(BitReader r) {
        VuiHead.skip(r);
        r.skip(3, "neutral_chroma/field_seq/frame_field_info_present_flag");
        if (r.flag("default_display_window_flag")) {
            for (int i = 0; i < 4; i++) {
                r.ue("def_disp_win_offset");
            }
        }
        if (!r.flag("vui_timing_info_present_flag")) {
            return 0;
        }
        long unitsInTick = r.u(32, "vui_num_units_in_tick");
        long timeScale = r.u(32, "vui_time_scale");
        return unitsInTick == 0 || timeScale == 0 ? 0 : (double) timeScale / unitsInTick;
    }

    /** The profile as ffprobe names it (A.3). */
    @Override
    public String profile() {
        switch (profileIdc) {
            case 1:
                return "Main";
            case 2:
                return "Main 10";
            case 3:
                return "Main Still Picture";
            case 4:
                return "Rext";
            case 5:
                return "High Throughput";
            case 9:
                return "Screen Content Coding Extensions";
            default:
                return "profile_idc " + profileIdc;
        }
    }

    /** The level with one decimal ("4.0", "5.1"): {@code general_level_idc} is 30 times it. */
    @Override
    public String level() {
        return (levelIdc / 30) + "." + (levelIdc % 30) / 3;
    }
}
