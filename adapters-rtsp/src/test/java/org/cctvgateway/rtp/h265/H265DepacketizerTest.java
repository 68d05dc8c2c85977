package org.cctvgateway.rtp.h265;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cctvgateway.rtp.DepacketizerHarness.u;
import static org.cctvgateway.rtp.RtpTestSupport.bytes;
import static org.cctvgateway.rtp.RtpTestSupport.concat;
import static org.cctvgateway.rtp.RtpTestSupport.nal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.Codec;
import org.cctvgateway.rtp.DepacketizerHarness;
import org.cctvgateway.rtp.DepacketizerLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class H265DepacketizerTest {
    static final byte[] VPS = nal(bytes(0x40, 0x01), 20);
    static final byte[] SPS = nal(bytes(0x42, 0x01), 30);
    static final byte[] PPS = nal(bytes(0x44, 0x01), 6);
    static final byte[] IDR = nal(bytes(0x26, 0x01), 50);
    static final byte[] CRA = nal(bytes(0x2A, 0x01), 50);
    static final byte[] TRAIL = nal(bytes(0x02, 0x01), 25);
    static final DepacketizerLimits NO_REORDER = new DepacketizerLimits(4 << 20, 8 << 20, 256, 0);

    static byte[] ap(byte[]... nals) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(bytes(0x60, 0x01));
        for (byte[] n : nals) {
            parts.add(bytes(n.length >> 8, n.length));
            parts.add(n);
        }
        return concat(parts.toArray(new byte[0][]));
    }

    static List<byte[]> fu(byte[] nal, int chunk) {
        List<byte[]> out = new ArrayList<>();
        int h0 = (nal[0] & 0x81) | (49 << 1);
        int type = (nal[0] >> 1) & 0x3F;
        for (int off = 2; off < nal.length; off += chunk) {
            int end = Math.min(nal.length, off + chunk);
            int fu = (off == 2 ? 0x80 : 0) | (end == nal.length ? 0x40 : 0) | type;
            out.add(concat(bytes(h0, nal[1], fu), Arrays.copyOfRange(nal, off, end)));
        }
        return out;
    }

    @Test
    void splitsAggregationPacketsAndKeepsSingleNalUnits() {
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H265)) {
            h.push(false, 1, 0, ap(VPS, SPS, PPS)).push(true, 2, 0, IDR).push(true, 3, 3000, TRAIL);
            assertThat(h.nals()).containsExactly(u(VPS, SPS, PPS, IDR), u(TRAIL));
            assertThat(h.units).extracting(AccessUnit::isKeyframe).containsExactly(true, false);
        }
    }

    @Test
    void reassemblesFragmentationUnitsSpanningManyPackets() {
        byte[] big = nal(bytes(0x26, 0x01), 7000);
        List<byte[]> f = fu(big, 211);
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H265)) {
            for (int i = 0; i < f.size(); i++) {
                h.push(i == f.size() - 1, 65_530 + i & 0xFFFF, 0, f.get(i));
            }
            assertThat(h.nals()).containsExactly(u(big));
        }
    }

    @Test
    void treatsCraAsAKeyframeAfterLoss() {
        List<byte[]> f = fu(nal(bytes(0x02, 0x01), 900), 100);
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H265, NO_REORDER)) {
            h.push(true, 0, 0, IDR);
            for (int i = 0; i < f.size(); i++) {
                if (i != 3) {
                    h.push(i == f.size() - 1, 1 + i, 3000, f.get(i));
                }
            }
            h.push(true, 20, 6000, TRAIL).push(true, 21, 9000, CRA);
            assertThat(h.nals()).containsExactly(u(IDR), u(CRA));
            assertThat(h.stats().packetsLost()).isEqualTo(1 + 20 - 1 - f.size());
            assertThat(h.stats().unitsDroppedAfterLoss()).isEqualTo(2);
        }
    }

    @Test
    void putsReorderedFragmentsBackInOrderAndDropsDuplicates() {
        byte[] big = nal(bytes(0x26, 0x01), 500);
        List<byte[]> f = fu(big, 100);
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H265)) {
            h.push(false, 10, 0, f.get(0)).push(false, 12, 0, f.get(2)).push(false, 11, 0, f.get(1))
                    .push(false, 11, 0, f.get(1)).push(true, 14, 0, f.get(4)).push(false, 13, 0, f.get(3));
            assertThat(h.nals()).containsExactly(u(big));
            assertThat(h.stats().packetsDuplicated()).isEqualTo(1);
            assertThat(h.stats().packetsReordered()).isEqualTo(2);
        }
    }

    @Test
    void endsUnitsAtTimestampChangesAcrossTheWrap() {
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H265)) {
            long ts = 0xFFFF_FFFFL - 100;
            h.push(false, 1, ts, IDR).push(false, 2, (ts + 3000) & 0xFFFF_FFFFL, TRAIL)
                    .push(false, 3, (ts + 6000) & 0xFFFF_FFFFL, TRAIL);
            assertThat(h.units).extracting(AccessUnit::timestamp).containsExactly(ts, ts + 3000);
        }
    }

    record Bad(String name, List<byte[]> payloads, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> malformed() {
        List<byte[]> f = fu(nal(bytes(0x26, 0x01), 300), 100);
        return Stream.of(
                new Bad("one byte", List.of(bytes(0x26)), "shorter than its 2-byte"),
                new Bad("forbidden bit", List.of(bytes(0xA6, 0x01, 1)), "forbidden_zero_bit"),
                new Bad("TID 0", List.of(bytes(0x26, 0x00, 1)), "TID 0"),
                new Bad("AP length past the end", List.of(bytes(0x60, 0x01, 0, 9, 0x40, 1)), "runs past"),
                new Bad("AP zero-length NAL", List.of(bytes(0x60, 0x01, 0, 0)), "zero-length"),
                new Bad("AP cut-off size field", List.of(bytes(0x60, 0x01, 0, 2, 0x40, 1, 0)), "cut off"),
                new Bad("AP with nothing", List.of(bytes(0x60, 0x01)), "no NAL units"),
                new Bad("PACI", List.of(bytes(0x64, 0x01, 0, 0, 0)), "PACI"),
                new Bad("undefined type 55", List.of(bytes(0x6E, 0x01, 0)), "undefined"),
                new Bad("truncated FU header", List.of(bytes(0x62, 0x01)), "no FU header"),
                new Bad("FU start and end together", List.of(bytes(0x62, 0x01, 0xD3, 1)), "both start and end"),
                new Bad("FU without data", List.of(bytes(0x62, 0x01, 0x93)), "no NAL unit bytes"),
                new Bad("FU of an aggregation type", List.of(bytes(0x62, 0x01, 0xB0, 1)), "cannot be fragmented"),
                new Bad("FU continuation without start", List.of(f.get(1)), "without a start"),
                new Bad("FU of another NAL interleaved", List.of(f.get(0), bytes(0x62, 0x01, 0x01, 9)), "interleaved"),
                new Bad("AP inside an FU", List.of(f.get(0), ap(VPS)), "was incomplete"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void countsMalformedPayloadsDropsTheUnitAndRecovers(Bad c) {
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H265)) {
            int seq = 0;
            h.push(false, seq++, 0, VPS);
            for (byte[] payload : c.payloads()) {
                h.push(false, seq++, 0, payload);
            }
            assertThat(h.stats().packetsMalformed()).isEqualTo(1);
            assertThat(h.depacketizer.lastMalformedReason()).contains(c.reason());
            h.push(true, seq++, 3000, TRAIL).push(true, seq, 6000, IDR);
            assertThat(h.nals()).containsExactly(u(IDR));
        }
    }
}
