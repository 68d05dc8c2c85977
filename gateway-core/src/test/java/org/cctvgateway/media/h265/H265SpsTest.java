package org.cctvgateway.media.h265;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.cctvgateway.media.BitWriter;
import org.cctvgateway.media.MediaFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real SPS written by x265 (ffmpeg 5.1, {@code -f lavfi -i testsrc2=size=WxH:rate=R -c:v libx265
 * [-pix_fmt yuv420p10le] [-x265-params ...] -f hevc}); expected values are what ffprobe reports for
 * the same stream. x265 keeps its reference sets in the slice headers, so a crafted SPS covers
 * short-term sets in the SPS (with inter-set prediction), long-term pictures, scaling lists and
 * sub-layer profile/level info.
 */
class H265SpsTest {

    record Case(String name, byte[] wire, H265Sps decoded, String profile, String level) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("main 640x360 25fps",
                        hex("42010101600000030090000003000003003fa00502016965959a4932bc05a02000000300200000030321"),
                        new H265Sps(1, false, 63, 0, 1, 1, 8, 8, 640, 360, 25), "Main", "2.1"),
                new Case("main 10 1920x1080 30fps",
                        hex("420101022000000300900000030000030078a003c08010e4d96566924caf01680800000300080000"
                                + "0300f040"),
                        new H265Sps(2, false, 120, 0, 1, 1, 10, 10, 1920, 1080, 30), "Main 10", "4.0"),
                new Case("200x130 through the conformance window, 24fps",
                        hex("42010101600000030090000003000003003ca01920227c996566924caf016808000003000800000300c040"),
                        new H265Sps(1, false, 60, 0, 1, 1, 8, 8, 200, 130, 24), "Main", "2.0"),
                new Case("two temporal sub-layers (temporal-layers=1)",
                        hex("42010201600000030090000003000003003c0000a00a080f1659598acd24995e02d01000000300100000"
                                + "03019080"),
                        new H265Sps(1, false, 60, 0, 2, 1, 8, 8, 320, 240, 25), "Main", "2.0"),
                new Case("VUI with HRD parameters (hrd=1)",
                        hex("42010101600000030090000003000003003ca00a080f165959a4932bc05a0200000300020000030032c0192cbc"
                                + "00249e000927c4"),
                        new H265Sps(1, false, 60, 0, 1, 1, 8, 8, 320, 240, 25), "Main", "2.0"),
                new Case("crafted: sub-layers, 4:2:2 12 bit, scaling lists, PCM, RPS, long-term refs", crafted(),
                        new H265Sps(4, true, 153, 5, 3, 2, 12, 12, 1916, 1080, 50), "Rext", "5.1"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void readsSps(Case c) {
        H265Sps sps = H265Sps.parse(c.wire());
        assertThat(sps).isEqualTo(c.decoded());
        assertThat(sps.profile()).isEqualTo(c.profile());
        assertThat(sps.level()).isEqualTo(c.level());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyTruncationParsesOrFailsWithMediaFormatException(Case c) {
        for (int len = 0; len < c.wire().length; len++) {
            byte[] cut = Arrays.copyOf(c.wire(), len);
            Throwable t = catchThrowable(() -> H265Sps.parse(cut));
            assertThat(t).as("length %d", len).satisfiesAnyOf(
                    x -> assertThat(x).isNull(), x -> assertThat(x).isInstanceOf(MediaFormatException.class));
        }
    }

    @Test
    void readsVpsWithoutTiming() {
        H265Vps vps = H265Vps.parse(hex("40010c01ffff01600000030090000003000003003f959809"));
        assertThat(vps).isEqualTo(new H265Vps(0, 1, 0));
    }

    @Test
    void readsVpsOfTwoSubLayers() {
        H265Vps vps = H265Vps.parse(hex("40010c02ffff01600000030090000003000003003c00009598acc048"));
        assertThat(vps.maxSubLayers()).isEqualTo(2);
    }

    @Test
    void readsVpsTiming() {
        BitWriter w = new BitWriter().u(4, 1).u(2, 3).u(6, 0).u(3, 0).u(1, 1).u(16, 0xFFFF);
        generalProfileTierLevel(w, 1, false, 93);
        w.flag(true).ue(4).ue(0).ue(0); // ordering info
        w.u(6, 0).ue(0); // max layer id, one layer set
        w.flag(true).u(32, 1001).u(32, 30000).flag(false).ue(0); // timing, no HRD
        w.flag(false); // no extension
        assertThat(H265Vps.parse(w.toNal((byte) 0x40, (byte) 0x01))).isEqualTo(new H265Vps(1, 1, 30000 / 1001.0));
    }

    @Test
    void rejectsOtherNalTypes() {
        assertThatThrownBy(() -> H265Sps.parse(hex("4401c172b46240")))
                .isInstanceOf(MediaFormatException.class)
                .hasMessage("expected an H.265 SPS (NAL type 33), got NAL type 34");
        assertThatThrownBy(() -> H265Vps.parse(hex("4401c172b46240")))
                .isInstanceOf(MediaFormatException.class)
                .hasMessage("expected an H.265 VPS (NAL type 32), got NAL type 34");
    }

    @Test
    void rejectsTooManyShortTermSets() {
        BitWriter w = spsUpToReferenceSets();
        w.ue(65);
        assertThatThrownBy(() -> H265Sps.parse(w.toNal((byte) 0x42, (byte) 0x01)))
                .isInstanceOf(MediaFormatException.class)
                .hasMessage("H.265 SPS: num_short_term_ref_pic_sets is 65, limit is 64");
    }

    @Test
    void rejectsPictureLargerThanLimit() {
        BitWriter w = new BitWriter().u(4, 0).u(3, 0).u(1, 1);
        generalProfileTierLevel(w, 1, false, 93);
        w.ue(0).ue(1).ue(20000).ue(1080);
        assertThatThrownBy(() -> H265Sps.parse(w.toNal((byte) 0x42, (byte) 0x01)))
                .isInstanceOf(MediaFormatException.class)
                .hasMessage("H.265 SPS: pic_width_in_luma_samples is 20000, limit is 16888");
    }

    @Test
    void rejectsSubLayerCountAboveSeven() {
        byte[] nal = new BitWriter().u(4, 0).u(3, 7).u(1, 1).toNal((byte) 0x42, (byte) 0x01);
        assertThatThrownBy(() -> H265Sps.parse(nal))
                .isInstanceOf(MediaFormatException.class)
                .hasMessage("H.265 SPS: sps_max_sub_layers_minus1 is 7, limit is 6");
    }

    private static void generalProfileTierLevel(BitWriter w, int profileIdc, boolean highTier, int level) {
        w.u(2, 0).flag(highTier).u(5, profileIdc).u(32, 1L << (31 - profileIdc));
        w.u(4, 0b1001).u(32, 0).u(12, 0); // progressive, frame only; 43 + 1 zero bits
        w.u(8, level);
    }

    /** A 1920x1080 4:2:0 SPS with one sub-layer, written up to num_short_term_ref_pic_sets. */
    private static BitWriter spsUpToReferenceSets() {
        BitWriter w = new BitWriter().u(4, 0).u(3, 0).u(1, 1);
        generalProfileTierLevel(w, 1, false, 123);
        w.ue(0).ue(1).ue(1920).ue(1080).flag(false).ue(0).ue(0).ue(4);
        w.flag(true).ue(4).ue(0).ue(0);
        w.ue(0).ue(3).ue(0).ue(3).ue(0).ue(0); // block sizes, hierarchy depths
        w.flag(false).flag(true).flag(true).flag(false); // no scaling lists, AMP, SAO, no PCM
        return w;
    }

    /**
     * Rext 4:2:2 12 bit, high tier, level 5.1, three sub-layers (profile info for sub-layer 0,
     * level for sub-layer 1), SPS id 5, conformance window 2 chroma samples (4 luma) right on a
     * 1920 wide picture, scaling lists with both prediction modes, PCM, three short-term sets
     * (the second and third predicted from the one before), two long-term pictures, VUI with a
     * default display window and 50 fps timing.
     */
    static byte[] crafted() {
        BitWriter w = new BitWriter().u(4, 0).u(3, 2).u(1, 0);
        generalProfileTierLevel(w, 4, true, 153);
        w.flag(true).flag(false).flag(false).flag(true); // sub-layer 0: profile; sub-layer 1: level
        w.u(2 * 6, 0); // reserved_zero_2bits for i = 2..7
        w.u(32, 0).u(32, 0).u(24, 0); // sub-layer 0 profile: 88 bits
        w.u(8, 120); // sub-layer 1 level
        w.ue(5).ue(2).ue(1920).ue(1080); // sps id 5, 4:2:2
        w.flag(true).ue(0).ue(2).ue(0).ue(0); // conformance window: right 2 x SubWidthC 2
        w.ue(4).ue(4).ue(8); // 12 bit, log2_max_poc_lsb 12
        w.flag(true);
        for (int i = 0; i < 3; i++) {
            w.ue(5).ue(2).ue(0);
        }
        w.ue(0).ue(3).ue(0).ue(3).ue(1).ue(1);
        w.flag(true).flag(true); // scaling lists in the SPS
        for (int sizeId = 0; sizeId < 4; sizeId++) {
            for (int matrixId = 0; matrixId < 6; matrixId += sizeId == 3 ? 3 : 1) {
                boolean explicit = (sizeId + matrixId) % 2 == 0;
                w.flag(explicit);
                if (!explicit) {
                    w.ue(sizeId == 3 ? matrixId / 3 : Math.min(1, matrixId));
                    continue;
                }
                if (sizeId > 1) {
                    w.se(8);
                }
                for (int i = 0; i < Math.min(64, 1 << (4 + (sizeId << 1))); i++) {
                    w.se(i % 3 - 1);
                }
            }
        }
        w.flag(true).flag(true); // AMP, SAO
        w.flag(true).u(4, 7).u(4, 7).ue(0).ue(1).flag(false); // PCM
        w.ue(3); // three short-term sets
        w.ue(2).ue(1).ue(0).flag(true).ue(1).flag(true).ue(0).flag(false); // set 0: -1 -3 / +1
        w.flag(true).flag(false).ue(0); // set 1 predicted from set 0, delta_rps -1
        w.flag(true).flag(false).flag(true).flag(false).flag(false).flag(true); // used, unused+use, unused+skip, used
        w.flag(true).flag(true).ue(1); // set 2 predicted from set 1 (3 pictures), delta_rps +2
        w.flag(true).flag(true).flag(false).flag(false).flag(true); // used, used, unused+skip, used
        w.flag(true).ue(2).u(12, 100).flag(true).u(12, 200).flag(false); // long-term refs
        w.flag(true).flag(true); // temporal MVP, strong intra smoothing
        w.flag(true); // VUI
        w.flag(true).u(8, 1); // SAR 1:1
        w.flag(false).flag(true).u(3, 5).flag(false).flag(true).u(8, 1).u(8, 1).u(8, 1);
        w.flag(true).ue(0).ue(0);
        w.flag(false).flag(false).flag(false); // neutral chroma, field seq, frame field info
        w.flag(true).ue(0).ue(0).ue(4).ue(4); // default display window
        w.flag(true).u(32, 1).u(32, 50).flag(false).flag(false); // 50 fps, no POC timing, no HRD
        w.flag(false); // no bitstream restriction
        w.flag(false); // no SPS extension
        return w.toNal((byte) 0x42, (byte) 0x01);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
