package org.cctvgateway.media.h265;

import org.cctvgateway.media.MediaFormatException;
import org.cctvgateway.media.internal.BitReader;

/**
 * The general part of {@code profile_tier_level()} (H.265 7.3.3), shared by VPS and SPS; the
 * sub-layer parts are read and skipped.
 */
record ProfileTierLevel(int profileSpace, boolean highTier, int profileIdc, long compatibilityFlags, int levelIdc) {

    /** Largest {@code max_sub_layers_minus1} (7.4.3.1: 0..6). */
    static final int MAX_SUB_LAYERS_MINUS1 = 6;

    /** Reads the 3-bit {@code field} ({@code vps_}/{@code sps_max_sub_layers_minus1}) and checks it is 0..6. */
    static int readMaxSubLayersMinus1(BitReader r, String what, String field) {
        int v = r.ui(3, field);
        if (v > MAX_SUB_LAYERS_MINUS1) {
            throw new MediaFormatException(what + ": " + field + " is " + v + ", limit is " + MAX_SUB_LAYERS_MINUS1);
        }
        return v;
    }

    static ProfileTierLevel read(BitReader r, int maxSubLayersMinus1) {
        int space = r.ui(2, "general_profile_space");
        boolean tier = r.flag("general_tier_flag");
        int idc = r.ui(5, "general_profile_idc");
        long compat = r.u(32, "general_profile_compatibility_flags");
        // progressive, interlaced, non-packed, frame-only flags and 43 + 1 constraint/reserved bits
        r.skip(48, "general_constraint_flags");
        int level = r.ui(8, "general_level_idc");
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = r.flag("sub_layer_profile_present_flag");
            levelPresent[i] = r.flag("sub_layer_level_present_flag");
        }
        if (maxSubLayersMinus1 > 0) {
            r.skip(2L * (8 - maxSubLayersMinus1), "reserved_zero_2bits");
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            if (profilePresent[i]) {
                r.skip(88, "sub_layer_profile");
            }
            if (levelPresent[i]) {
                r.skip(8, "sub_layer_level_idc");
            }
        }
        return new ProfileTierLevel(space, tier, idc, compat, level);
    }

    /** The profile idc, falling back to the lowest compatibility flag set when idc is 0 (A.3). */
    int effectiveProfileIdc() {
        if (profileIdc != 0) {
            return profileIdc;
        }
        for (int j = 1; j < 32; j++) {
            if ((compatibilityFlags & (1L << (31 - j))) != 0) {
                return j;
            }
        }
        return 0;
    }
}
