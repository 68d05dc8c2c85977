package org.cctvgateway.media.h264;

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
 * Real SPS written by x264 (ffmpeg 5.1, {@code -f lavfi -i testsrc2=size=WxH:rate=R -c:v libx264
 * [-profile:v P] [-pix_fmt F] -f h264}); expected values are what ffprobe reports for the same
 * stream ({@code -show_entries stream=profile,level,width,height,pix_fmt,r_frame_rate,field_order}).
 */
class H264SpsTest {

    record Case(String name, byte[] wire, H264Sps decoded, String profile, String level) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("baseline 320x240 25fps", hex("6742c00dd90141fb011000000300100000030320f142a480"),
                        new H264Sps(66, 0xC0, 13, 0, 1, 8, 8, 320, 240, true, 25), "Constrained Baseline", "1.3"),
                new Case("main 640x360 30fps", hex("674d401eeca05017fcb80880000003008000001e078b16cb"),
                        new H264Sps(77, 0x40, 30, 0, 1, 8, 8, 640, 360, true, 30), "Main", "3.0"),
                new Case("high 1080p cropped from 1088", hex("67640028acd940780227e5c044000003000400000300c83c60c658"),
                        new H264Sps(100, 0, 40, 0, 1, 8, 8, 1920, 1080, true, 25), "High", "4.0"),
                new Case("high 10 352x288 50fps", hex("676e0015a6cd9416096c0440000003004000001903c58b6580"),
                        new H264Sps(110, 0, 21, 0, 1, 10, 10, 352, 288, true, 50), "High 10", "2.1"),
                new Case("high 4:2:2", hex("677a000bbcd942c4ec0440000003004000000c83c50a6580"),
                        new H264Sps(122, 0, 11, 0, 2, 8, 8, 176, 144, true, 25), "High 4:2:2", "1.1"),
                new Case("high 4:4:4", hex("67f4000b919b28589d80880000030008000003019078a14cb0"),
                        new H264Sps(244, 0, 11, 0, 3, 8, 8, 176, 144, true, 25), "High 4:4:4 Predictive", "1.1"),
                new Case("interlaced 720x576 (PAFF/MBAFF, field rate 50)",
                        hex("6764001eacd940b424d8088000000300800000190f8a14cb"),
                        new H264Sps(100, 0, 30, 0, 1, 8, 8, 720, 576, false, 25), "High", "3.0"),
                new Case("crafted: scaling lists, POC type 1, interlaced 1080 crop, full VUI", crafted(),
                        new H264Sps(100, 0, 41, 3, 1, 8, 8, 1920, 1080, false, 30000 / 1001.0), "High", "4.1"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void readsSps(Case c) {
        H264Sps sps = H264Sps.parse(c.wire());
        assertThat(sps).isEqualTo(c.decoded());
        assertThat(sps.profile()).isEqualTo(c.profile());
        assertThat(sps.level()).isEqualTo(c.level());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void leavesInputUnchanged(Case c) {
        byte[] copy = c.wire().clone();
        H264Sps.parse(c.wire());
        assertThat(c.wire()).isEqualTo(copy);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyTruncationParsesOrFailsWithMediaFormatException(Case c) {
        for (int len = 0; len < c.wire().length; len++) {
            byte[] cut = Arrays.copyOf(c.wire(), len);
            Throwable t = catchThrowable(() -> H264Sps.parse(cut));
            assertThat(t).as("length %d", len).satisfiesAnyOf(
                    x -> assertThat(x).isNull(), x -> assertThat(x).isInstanceOf(MediaFormatException.class));
        }
    }

    @Test
    void namesLevel1bFromConstraintSet3() {
        assertThat(new H264Sps(66, 0x10, 11, 0, 1, 8, 8, 176, 144, true, 0).level()).isEqualTo("1b");
        assertThat(new H264Sps(100, 0x10, 11, 0, 1, 8, 8, 176, 144, true, 0).level()).isEqualTo("1.1");
    }

    @Test
    void rejectsOtherNalTypes() {
        assertThatThrownBy(() -> H264Sps.parse(hex("68ebe3cb22c0")))
                .isInstanceOf(MediaFormatException.class)
                .hasMessage("expected an H.264 SPS (NAL type 7), got NAL type 8");
    }

    @Test
    void rejectsPictureWiderThanLimit() {
        byte[] nal = header(66).ue(0).ue(0).ue(0).ue(0).ue(1).flag(false).ue(5000).ue(10).flag(true).flag(true)
                .flag(false).flag(false).toNal((byte) 0x67);
        assertThatThrownBy(() -> H264Sps.parse(nal))
                .isInstanceOf(MediaFormatException.class)
                .hasMessage("H.264 SPS: pic_width_in_mbs_minus1 is 5000, limit is 1055");
    }

    @Test
    void rejectsCroppingLargerThanPicture() {
        byte[] nal = header(66).ue(0).ue(0).ue(0).ue(0).ue(1).flag(false).ue(9).ue(8).flag(true).flag(true)
                .flag(true).ue(40).ue(40).ue(0).ue(0).flag(false).toNal((byte) 0x67);
        assertThatThrownBy(() -> H264Sps.parse(nal))
                .isInstanceOf(MediaFormatException.class)
                .hasMessage("H.264 SPS: cropping 160x0 leaves no picture of the coded 160x144");
    }

    @Test
    void rejectsChromaFormatOutOfRange() {
        byte[] nal = header(100).ue(0).ue(4).toNal((byte) 0x67);
        assertThatThrownBy(() -> H264Sps.parse(nal))
                .isInstanceOf(MediaFormatException.class)
                .hasMessage("H.264 SPS: chroma_format_idc is 4, limit is 3");
    }

    @Test
    void rejectsOversizedSps() {
        byte[] nal = new byte[H264Sps.MAX_SPS_BYTES + 1];
        nal[0] = 0x67;
        assertThatThrownBy(() -> H264Sps.parse(nal)).isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("limit is 4096");
    }

    private static BitWriter header(int profileIdc) {
        return new BitWriter().u(8, profileIdc).u(8, 0).u(8, 30);
    }

    /**
     * High profile with what x264 never writes in an SPS: scaling matrices (a 4x4 list, a list
     * falling back to the default through delta 0 → next 0, an 8x8 list), POC type 1 with a
     * cycle, and an interlaced 1920x1088 picture cropped to 1080 (crop unit 4 lines).
     */
    static byte[] crafted() {
        BitWriter w = new BitWriter().u(8, 100).u(8, 0).u(8, 41).ue(3);
        w.ue(1).ue(0).ue(0).flag(false); // 4:2:0, 8 bit, no transform bypass
        w.flag(true); // seq_scaling_matrix_present_flag
        for (int i = 0; i < 8; i++) {
            boolean present = i == 0 || i == 1 || i == 6;
            w.flag(present);
            if (i == 0) {
                for (int j = 0; j < 16; j++) {
                    w.se(j == 0 ? 8 : 1); // 16, 17, 18, ...
                }
            } else if (i == 1) {
                w.se(-8); // next scale 0: use the default list
            } else if (i == 6) {
                for (int j = 0; j < 64; j++) {
                    w.se(j % 2 == 0 ? 3 : -2);
                }
            }
        }
        w.ue(0); // log2_max_frame_num_minus4
        w.ue(1).flag(false).se(-2).se(1).ue(2).se(4).se(-4); // POC type 1
        w.ue(4).flag(false); // max_num_ref_frames, gaps
        w.ue(119).ue(33).flag(false).flag(true).flag(true); // 120 MBs x 34 map units, fields, MBAFF, direct8x8
        w.flag(true).ue(0).ue(0).ue(0).ue(2); // crop bottom 2 x 4 lines
        w.flag(true); // VUI
        w.flag(true).u(8, 255).u(16, 4).u(16, 3); // extended SAR
        w.flag(true).flag(true); // overscan
        w.flag(true).u(3, 5).flag(false).flag(true).u(8, 1).u(8, 1).u(8, 1);
        w.flag(true).ue(1).ue(1); // chroma location
        w.flag(true).u(32, 1001).u(32, 60000).flag(true); // timing: 29.97 fps
        w.flag(false).flag(false).flag(false).flag(false); // no HRD, no pic_struct, no restriction
        return w.toNal((byte) 0x67);
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
