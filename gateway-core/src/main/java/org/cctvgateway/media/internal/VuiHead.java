package org.cctvgateway.media.internal;

/**
 * The start of {@code vui_parameters()} that H.264 (E.1.1) and H.265 (E.2.1) write alike: aspect
 * ratio, overscan, video signal type and chroma sample location. Only consumed; the codecs differ
 * from there on.
 */
public final class VuiHead {
    private VuiHead() {
    }

    /** Reads past the shared head, leaving {@code r} at the first codec-specific VUI field. */
    public static void skip(BitReader r) {
        if (r.flag("aspect_ratio_info_present_flag") && r.ui(8, "aspect_ratio_idc") == 255) {
            r.skip(32, "sar_width/sar_height");
        }
        if (r.flag("overscan_info_present_flag")) {
            r.skip(1, "overscan_appropriate_flag");
        }
        if (r.flag("video_signal_type_present_flag")) {
            r.skip(4, "video_format/video_full_range_flag");
            if (r.flag("colour_description_present_flag")) {
                r.skip(24, "colour_primaries/transfer/matrix");
            }
        }
        if (r.flag("chroma_loc_info_present_flag")) {
            r.ue("chroma_sample_loc_type_top_field", 5);
            r.ue("chroma_sample_loc_type_bottom_field", 5);
        }
    }
}
