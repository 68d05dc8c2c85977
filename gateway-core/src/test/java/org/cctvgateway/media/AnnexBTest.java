package org.cctvgateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AnnexBTest {

    record Case(String name, byte[] wire, List<byte[]> decoded) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("three-byte start codes", bytes(0, 0, 1, 0x67, 1, 0, 0, 1, 0x68, 2),
                        List.of(bytes(0x67, 1), bytes(0x68, 2))),
                new Case("four-byte start codes", bytes(0, 0, 0, 1, 0x67, 1, 0, 0, 0, 1, 0x65, 2, 3),
                        List.of(bytes(0x67, 1), bytes(0x65, 2, 3))),
                new Case("leading and trailing zero bytes", bytes(0, 0, 0, 0, 0, 1, 0x09, 0xF0, 0, 0, 0, 0, 1, 0x41),
                        List.of(bytes(0x09, 0xF0), bytes(0x41))),
                new Case("empty NAL units skipped", bytes(0, 0, 1, 0, 0, 1, 0x41, 0, 0, 1),
                        List.of(bytes(0x41))),
                new Case("emulation prevention kept", bytes(0, 0, 1, 0x67, 0, 0, 3, 1),
                        List.of(bytes(0x67, 0, 0, 3, 1))),
                new Case("nothing", bytes(), List.of()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void splitsIntoNalUnits(Case c) {
        assertThat(AnnexB.nalUnits(c.wire())).usingRecursiveComparison().isEqualTo(c.decoded());
    }

    @ParameterizedTest
    @MethodSource("cases")
    void rejoinedNalUnitsSplitTheSame(Case c) {
        List<byte[]> nals = AnnexB.nalUnits(c.wire());
        assertThat(AnnexB.nalUnits(join(nals))).usingRecursiveComparison().isEqualTo(nals);
    }

    @Test
    void rejectsDataBeforeFirstStartCode() {
        assertThatThrownBy(() -> AnnexB.nalUnits(bytes(0, 0x47, 0, 0, 1, 0x41)))
                .isInstanceOf(MediaFormatException.class)
                .hasMessage("Annex B stream has data before its first start code (byte 1 is 0x47)");
    }

    @Test
    void rejectsNalUnitLongerThanLimit() {
        AnnexB.Limits limits = new AnnexB.Limits(1000, 3, 10);
        assertThatThrownBy(() -> AnnexB.nalUnits(bytes(0, 0, 1, 0x41, 1, 2, 3), limits))
                .isInstanceOf(MediaFormatException.class)
                .hasMessage("NAL unit at byte 3 is 4 bytes, limit is 3");
    }

    @Test
    void rejectsStreamLongerThanLimit() {
        AnnexB.Limits limits = new AnnexB.Limits(4, 3, 10);
        assertThatThrownBy(() -> AnnexB.nalUnits(bytes(0, 0, 1, 0x41, 1), limits))
                .isInstanceOf(MediaFormatException.class)
                .hasMessage("Annex B stream is 5 bytes, limit is 4");
    }

    @Test
    void rejectsAccessUnitWithTooManyNalUnits() {
        AnnexB.Limits limits = new AnnexB.Limits(1000, 100, 2);
        // three slices of one picture: first_mb_in_slice 0, then non-zero (first bit 0)
        byte[] stream = join(List.of(bytes(0x65, 0x88), bytes(0x65, 0x40), bytes(0x65, 0x40)));
        assertThatThrownBy(() -> AnnexB.accessUnits(Codec.H264, stream, limits))
                .isInstanceOf(MediaFormatException.class)
                .hasMessage("access unit 0 has more than 2 NAL units");
    }

    @Test
    void groupsH264SlicesOfOnePictureAndSplitsAtNewPicture() {
        List<byte[]> nals = List.of(
                bytes(0x09, 0xF0), bytes(0x67, 1), bytes(0x68, 2), bytes(0x06, 5),
                bytes(0x65, 0x88), bytes(0x65, 0x40), // IDR slices 0 and n
                bytes(0x41, 0x9A), bytes(0x41, 0x20), // P picture, two slices
                bytes(0x41, 0x9A), // next P picture
                bytes(0x06, 5), bytes(0x41, 0x9A)); // SEI opens the next unit
        List<List<byte[]>> units = AnnexB.accessUnits(Codec.H264, join(nals));
        assertThat(units).extracting(List::size).containsExactly(6, 2, 1, 2);
        assertThat(units).extracting(u -> AnnexB.isKeyframe(Codec.H264, u)).containsExactly(true, false, false, false);
    }

    @Test
    void groupsH265SliceSegmentsAndKeepsSuffixSeiWithItsPicture() {
        List<byte[]> nals = List.of(
                bytes(0x40, 1, 0x0C), bytes(0x42, 1, 1), bytes(0x44, 1, 0xC0), bytes(0x4E, 1, 5),
                bytes(0x28, 1, 0xAF), bytes(0x28, 1, 0x20), // IDR_N_LP, first segment and a dependent one
                bytes(0x50, 1, 7), // suffix SEI stays in the unit
                bytes(0x02, 1, 0xD0), // TRAIL_R, new picture
                bytes(0x46, 1, 0x50), bytes(0x02, 1, 0xD0)); // AUD opens the next unit
        List<List<byte[]>> units = AnnexB.accessUnits(Codec.H265, join(nals));
        assertThat(units).extracting(List::size).containsExactly(7, 1, 2);
        assertThat(units).extracting(u -> AnnexB.isKeyframe(Codec.H265, u)).containsExactly(true, false, false);
    }

    @Test
    void readsTheH264ClipIntoThirtyPictures() {
        List<List<byte[]>> units = Clips.accessUnits(Codec.H264, Clips.H264_AUD);
        assertThat(units).hasSize(30);
        assertThat(units).filteredOn(u -> AnnexB.isKeyframe(Codec.H264, u)).hasSize(3);
        assertThat(units.get(0)).extracting(n -> NalUnits.type(Codec.H264, n)).containsExactly(9, 7, 8, 6, 5);
        assertThat(units.get(1)).extracting(n -> NalUnits.type(Codec.H264, n)).containsExactly(9, 1);
    }

    @Test
    void readsTheH265ClipIntoThirtyPictures() {
        List<List<byte[]>> units = Clips.accessUnits(Codec.H265, Clips.H265_AUD);
        assertThat(units).hasSize(30);
        assertThat(units).filteredOn(u -> AnnexB.isKeyframe(Codec.H265, u)).hasSize(3);
        assertThat(units.get(0)).extracting(n -> NalUnits.type(Codec.H265, n)).containsExactly(35, 32, 33, 34, 39, 20);
        assertThat(units.get(10)).extracting(n -> NalUnits.type(Codec.H265, n)).containsExactly(35, 32, 33, 34, 39, 21);
    }

    static byte[] join(List<byte[]> nals) {
        List<Byte> out = new ArrayList<>();
        for (byte[] nal : nals) {
            for (byte b : new byte[] {0, 0, 0, 1}) {
                out.add(b);
            }
            for (byte b : nal) {
                out.add(b);
            }
        }
        byte[] bytes = new byte[out.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = out.get(i);
        }
        return bytes;
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }
}
