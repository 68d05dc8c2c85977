package org.cctvgateway.media.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.cctvgateway.media.BitWriter;
import org.cctvgateway.media.MediaFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BitReaderTest {

    record Case(String name, byte[] wire, long decoded) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> ueCases() {
        return Stream.of(
                new Case("0 is a single 1 bit", new byte[] {(byte) 0x80}, 0),
                new Case("1 is 010", new byte[] {(byte) 0x40}, 1),
                new Case("2 is 011", new byte[] {(byte) 0x60}, 2),
                new Case("7 is 0001000", new byte[] {(byte) 0x10}, 7),
                new Case("largest 32-bit code", new byte[] {0, 0, 0, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                    (byte) 0xFE}, 0xFFFFFFFEL));
    }

    @ParameterizedTest
    @MethodSource("ueCases")
    void readsExpGolombCodes(Case c) {
        assertThat(new BitReader("test", c.wire()).ue("v")).isEqualTo(c.decoded());
    }

    @ParameterizedTest
    @MethodSource("ueCases")
    void writerAndReaderAgree(Case c) {
        byte[] nal = new BitWriter().ue(c.decoded()).toNal();
        assertThat(new BitReader("test", BitReader.unescape(nal, 0)).ue("v")).isEqualTo(c.decoded());
    }

    @Test
    void readsSignedCodesAlternatingSign() {
        BitReader r = new BitReader("test", new BitWriter().se(0).se(1).se(-1).se(5).se(-64).toNal());
        assertThat(new long[] {r.se("a"), r.se("b"), r.se("c"), r.se("d"), r.se("e")})
                .containsExactly(0, 1, -1, 5, -64);
    }

    @Test
    void rejectsCodeLongerThan32Bits() {
        assertThatThrownBy(() -> new BitReader("H.264 SPS", new byte[8]).ue("max_num_ref_frames"))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("max_num_ref_frames")
                .hasMessageContaining("longer than 32 bits");
    }

    @Test
    void readingPastTheEndNamesTheField() {
        BitReader r = new BitReader("H.265 SPS", new byte[] {(byte) 0xAB});
        r.u(6, "first");
        assertThatThrownBy(() -> r.u(3, "vui_time_scale"))
                .isInstanceOf(MediaFormatException.class)
                .hasMessage("H.265 SPS ends before vui_time_scale (needs 3 bits at bit 6, has 2)");
    }

    @Test
    void rejectsValueAboveItsLimitWithValueAndLimit() {
        BitReader r = new BitReader("H.264 SPS", new BitWriter().ue(40).toNal());
        assertThatThrownBy(() -> r.ue("seq_parameter_set_id", 31))
                .isInstanceOf(MediaFormatException.class)
                .hasMessage("H.264 SPS: seq_parameter_set_id is 40, limit is 31");
    }

    @Test
    void removesEmulationPreventionBytes() {
        byte[] nal = {0x67, 0, 0, 3, 1, 0, 0, 3, 0, 0, 0, 3};
        assertThat(BitReader.unescape(nal, 1)).containsExactly(0, 0, 1, 0, 0, 0, 0, 0);
    }

    @Test
    void rejectsNalLongerThanLimitBeforeCopying() {
        assertThatThrownBy(() -> BitReader.ofNalPayload("H.264 SPS", new byte[5000], 1, 4096))
                .isInstanceOf(MediaFormatException.class)
                .hasMessage("H.264 SPS is 5000 bytes, limit is 4096");
    }

    @Test
    void rejectsNalShorterThanHeader() {
        assertThatThrownBy(() -> BitReader.ofNalPayload("H.265 SPS", new byte[1], 2, 4096))
                .isInstanceOf(MediaFormatException.class)
                .hasMessageContaining("shorter than its 2-byte NAL header");
    }
}
