package org.cctvgateway.media.h265;

import org.cctvgateway.media.MediaFormatException;
import org.cctvgateway.media.internal.BitReader;

/**
 * The timing an H.265 video parameter set (7.3.2.1) may state; used for the frame rate when the
 * SPS VUI has none. Limits as for {@link H265Sps}: at most {@value H265Sps#MAX_PS_BYTES} bytes,
 * every field within its range, {@link MediaFormatException} otherwise.
 *
 * @param frameRate {@code vps_time_scale / vps_num_units_in_tick}, 0 when absent
 */
public record H265Vps(int vpsId, int maxSubLayers, double frameRate) {

    private static final String WHAT = "H.265 VPS";

    /**
     * Reads a VPS NAL unit (2-byte header included, no start code).
     *
     * @throws MediaFormatException when it is not a VPS, is cut short or holds a value out of range
     */
    public static H265Vps parse(byte[] nal) {
        BitReader r = BitReader.ofNalPayload(WHAT, nal, 2, H265Sps.MAX_PS_BYTES);
        int nalType = (nal[0] >> 1) & 0x3F;
        if (nalType != 32) {
            throw new MediaFormatException("expected an H.265 VPS (NAL type 32), got NAL type " + nalType);
        }
        int vpsId = r.ui(4, "vps_video_parameter_set_id");
        r.skip(2, "vps_base_layer_internal/available_flag");
        r.skip(6, "vps_max_layers_minus1");
        int maxSubMinus1 = ProfileTierLevel.readMaxSubLayersMinus1(r, WHAT, "vps_max_sub_layers_minus1");
        r.skip(17, "vps_temporal_id_nesting_flag/vps_reserved_0xffff_16bits");
        ProfileTierLevel.read(r, maxSubMinus1);
        boolean orderingAll = r.flag("vps_sub_layer_ordering_info_present_flag");
        for (int i = orderingAll ? 0 : maxSubMinus1; i <= maxSubMinus1; i++) {
            r.ue("vps_max_dec_pic_buffering_minus1", 15);
            r.ue("vps_max_num_reorder_pics", 15);
            r.ue("vps_max_latency_increase_plus1");
        }
        int maxLayerId = r.ui(6, "vps_max_layer_id");
        int layerSets = r.ue("vps_num_layer_sets_minus1", 1023);
        r.skip((long) layerSets * (maxLayerId + 1), "layer_id_included_flag");
        double frameRate = 0;
        if (r.flag("vps_timing_info_present_flag")) {
            long units = r.u(32, "vps_num_units_in_tick");
            long scale = r.u(32, "vps_time_scale");
            frameRate = units == 0 || scale == 0 ? 0 : (double) scale / units;
        }
        return new H265Vps(vpsId, maxSubMinus1 + 1, frameRate);
    }
}
