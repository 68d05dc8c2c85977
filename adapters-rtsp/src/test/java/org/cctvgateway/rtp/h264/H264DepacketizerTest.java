package org.cctvgateway.rtp.h264;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cctvgateway.rtp.RtpTestSupport.bytes;
import static org.cctvgateway.rtp.RtpTestSupport.concat;
import static org.cctvgateway.rtp.RtpTestSupport.nal;
import static org.cctvgateway.rtp.DepacketizerHarness.u;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.Codec;
import org.cctvgateway.rtp.DepacketizerHarness;
import org.cctvgateway.rtp.DepacketizerLimits;
import org.cctvgateway.rtp.RtpClockMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class H264DepacketizerTest {
    static final byte[] SPS = nal(bytes(0x67), 12);
    static final byte[] PPS = nal(bytes(0x68), 5);
    static final byte[] IDR = nal(bytes(0x65), 40);
    static final byte[] P = nal(bytes(0x41), 30);
    static final DepacketizerLimits NO_REORDER = new DepacketizerLimits(4 << 20, 8 << 20, 256, 0);

    static byte[] stapA(byte[]... nals) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(bytes(0x78));
        for (byte[] n : nals) {
            parts.add(bytes(n.length >> 8, n.length));
            parts.add(n);
        }
        return concat(parts.toArray(new byte[0][]));
    }

    /** FU-A packets of {@code nal}, {@code chunk} bytes of NAL body each. */
    static List<byte[]> fuA(byte[] nal, int chunk) {
        List<byte[]> out = new ArrayList<>();
        int indicator = (nal[0] & 0xE0) | 28;
        int type = nal[0] & 0x1F;
        for (int off = 1; off < nal.length; off += chunk) {
            int end = Math.min(nal.length, off + chunk);
            int fu = (off == 1 ? 0x80 : 0) | (end == nal.length ? 0x40 : 0) | type;
            out.add(concat(bytes(indicator, fu), Arrays.copyOfRange(nal, off, end)));
        }
        return out;
    }

    @Test
    void joinsSingleNalUnitsUpToTheMarkerIntoOneUnit() {
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H264)) {
            h.clock.add(java.time.Duration.ofSeconds(1_000));
            h.push(false, 10, 3000, SPS).push(false, 11, 3000, PPS).push(true, 12, 3000, IDR);
            assertThat(h.nals()).hasSize(1);
            assertThat(h.nals().get(0)).isEqualTo(u(SPS, PPS, IDR));
            AccessUnit u = h.units.get(0);
            assertThat(u.isKeyframe()).isTrue();
            assertThat(u.timestamp()).isEqualTo(3000);
            assertThat(u.cameraClock()).isFalse();
            assertThat(u.captureTimeNanos()).isEqualTo(h.clock.wallTime() * 1_000_000L);
            assertThat(u.arrivalNanos()).isEqualTo(h.lastArrival());
            assertThat(h.stats().unitsEmitted()).isEqualTo(1);
            assertThat(h.stats().packetsReceived()).isEqualTo(3);
        }
    }

    @Test
    void splitsStapAIntoItsNalUnits() {
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H264)) {
            h.push(false, 1, 0, stapA(SPS, PPS)).push(true, 2, 0, IDR).push(true, 3, 3000, stapA(P, P));
            assertThat(h.nals()).hasSize(2);
            assertThat(h.nals().get(0)).isEqualTo(u(SPS, PPS, IDR));
            assertThat(h.nals().get(1)).isEqualTo(u(P, P));
            assertThat(h.units.get(1).isKeyframe()).isFalse();
        }
    }

    @Test
    void reassemblesFuASpanningManyPackets() {
        byte[] big = nal(bytes(0x65), 5000);
        List<byte[]> fragments = fuA(big, 97);
        assertThat(fragments).hasSizeGreaterThan(50);
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H264)) {
            int seq = 65_500; // crosses the sequence-number wrap
            for (int i = 0; i < fragments.size(); i++) {
                h.push(i == fragments.size() - 1, seq++ & 0xFFFF, 9000, fragments.get(i));
            }
            assertThat(h.nals()).hasSize(1);
            assertThat(h.nals().get(0)).isEqualTo(u(big));
            assertThat(h.stats().packetsLost()).isZero();
        }
    }

    @Test
    void dropsTheUnitAfterLossInsideAnFuAndWaitsForTheNextKeyframe() {
        byte[] big = nal(bytes(0x65), 1000);
        List<byte[]> fragments = fuA(big, 100);
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H264, NO_REORDER)) {
            int seq = 0;
            for (int i = 0; i < fragments.size(); i++) {
                if (i == 4) {
                    seq++; // lost
                    continue;
                }
                h.push(i == fragments.size() - 1, seq++, 0, fragments.get(i));
            }
            h.push(true, seq++, 3000, P);
            h.push(true, seq++, 6000, P);
            assertThat(h.units).isEmpty();
            h.push(true, seq++, 9000, IDR).push(true, seq, 12000, P);
            assertThat(h.nals()).containsExactly(u(IDR), u(P));
            assertThat(h.stats().packetsLost()).isEqualTo(1);
            assertThat(h.stats().unitsDroppedAfterLoss()).isEqualTo(3);
            assertThat(h.stats().packetsMalformed()).isZero();
        }
    }

    @Test
    void declaresLossOnlyWhenTheReorderWindowIsFull() {
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H264)) {
            h.push(true, 0, 0, IDR);
            // seq 1 never arrives; 2..16 wait in the window, 17 slides it past the gap.
            for (int seq = 2; seq <= 16; seq++) {
                h.push(true, seq, seq * 3000L, P);
            }
            assertThat(h.units).hasSize(1);
            assertThat(h.stats().packetsLost()).isZero();
            h.push(true, 17, 17 * 3000L, IDR);
            assertThat(h.stats().packetsLost()).isEqualTo(1);
            // 2..16 are P pictures after a loss: dropped until the keyframe at 17.
            assertThat(h.nals()).containsExactly(u(IDR), u(IDR));
            assertThat(h.stats().unitsDroppedAfterLoss()).isEqualTo(15);
        }
    }

    @Test
    void putsReorderedPacketsBackInOrder() {
        byte[] big = nal(bytes(0x65), 1000);
        List<byte[]> f = fuA(big, 100);
        int[] order = {0, 2, 1, 3, 6, 4, 5, 7, 9, 8};
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H264)) {
            for (int i : order) {
                h.push(i == f.size() - 1, 100 + i, 0, f.get(i));
            }
            assertThat(h.nals()).containsExactly(u(big));
            assertThat(h.stats().packetsReordered()).isEqualTo(4); // 1, 4, 5 and 8 came after a later one
            assertThat(h.stats().packetsLost()).isZero();
        }
    }

    @Test
    void dropsDuplicatePackets() {
        byte[] big = nal(bytes(0x65), 300);
        List<byte[]> f = fuA(big, 100);
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H264)) {
            h.push(false, 1, 0, f.get(0)).push(false, 1, 0, f.get(0));
            h.push(false, 3, 0, f.get(2)).push(false, 3, 0, f.get(2)); // held, then a duplicate of a held one
            h.push(false, 2, 0, f.get(1)).push(true, 3, 0, f.get(2)); // fills the gap; then a late duplicate
            h.push(true, 4, 3000, P);
            assertThat(h.nals()).containsExactly(u(big), u(P));
            assertThat(h.stats().packetsDuplicated()).isEqualTo(3);
            assertThat(h.stats().packetsLost()).isZero();
        }
    }

    @Test
    void unwrapsTimestampsPastTwoToThe32() {
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H264)) {
            long ts = 0xFFFF_FFFFL - 4000;
            h.push(true, 1, ts, IDR).push(true, 2, (ts + 3000) & 0xFFFF_FFFFL, P)
                    .push(true, 3, (ts + 6000) & 0xFFFF_FFFFL, P);
            assertThat(h.units).extracting(AccessUnit::timestamp).containsExactly(ts, ts + 3000, ts + 6000);
        }
    }

    @Test
    void endsAUnitAtATimestampChangeWhenTheMarkerIsNeverSet() {
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H264)) {
            h.push(false, 1, 0, SPS).push(false, 2, 0, PPS).push(false, 3, 0, IDR);
            assertThat(h.units).isEmpty();
            h.push(false, 4, 3000, P);
            assertThat(h.nals()).containsExactly(u(SPS, PPS, IDR));
            h.push(false, 5, 6000, P);
            assertThat(h.nals()).containsExactly(u(SPS, PPS, IDR), u(P));
            assertThat(h.units.get(0).arrivalNanos()).isEqualTo(h.lastArrival() - 1_000_000);
        }
    }

    @Test
    void usesTheCameraClockOnceASenderReportArrived() {
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H264)) {
            long t0 = 1_790_000_000_000_000_000L;
            h.mapping.onSenderReport(RtpClockMapping.epochNanosToNtp(t0), 90_000);
            h.push(true, 1, 180_000, IDR);
            assertThat(h.units.get(0).cameraClock()).isTrue();
            assertThat(h.units.get(0).captureTimeNanos()).isEqualTo(t0 + 1_000_000_000L);
        }
    }

    record Bad(String name, List<byte[]> payloads, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Bad> malformed() {
        byte[] big = nal(bytes(0x65), 300);
        List<byte[]> f = fuA(big, 100);
        return Stream.of(
                new Bad("empty payload", List.of(new byte[0]), "empty"),
                new Bad("forbidden bit", List.of(bytes(0xE5, 1, 2)), "forbidden_zero_bit"),
                new Bad("undefined type 0", List.of(bytes(0x00, 1)), "type 0 is undefined"),
                new Bad("undefined type 30", List.of(bytes(0x1E, 1)), "type 30 is undefined"),
                new Bad("STAP-A length past the end", List.of(bytes(0x78, 0, 9, 0x67, 1)), "runs past"),
                new Bad("STAP-A zero-length NAL", List.of(bytes(0x78, 0, 1, 0x67, 0, 0)), "zero-length"),
                new Bad("STAP-A cut-off size field", List.of(bytes(0x78, 0, 1, 0x67, 0)), "cut off"),
                new Bad("STAP-A with nothing", List.of(bytes(0x78)), "no NAL units"),
                new Bad("STAP-B", List.of(bytes(0x79, 0, 0, 0, 1, 0x67)), "interleaved mode"),
                new Bad("MTAP16", List.of(bytes(0x7A, 0, 0)), "interleaved mode"),
                new Bad("MTAP24", List.of(bytes(0x7B, 0, 0)), "interleaved mode"),
                new Bad("FU-B", List.of(bytes(0x7D, 0x85, 0, 0, 1)), "interleaved mode"),
                new Bad("truncated FU header", List.of(bytes(0x7C)), "no FU header"),
                new Bad("FU-A start and end together", List.of(bytes(0x7C, 0xC5, 1)), "both start and end"),
                new Bad("FU-A without data", List.of(bytes(0x7C, 0x85)), "no NAL unit bytes"),
                new Bad("FU-A of an aggregation type", List.of(bytes(0x7C, 0x98, 1)), "cannot be fragmented"),
                new Bad("FU-A continuation without start", List.of(f.get(1)), "without a start"),
                new Bad("FU-A of another NAL interleaved", List.of(f.get(0), bytes(0x7C, 0x01, 9)), "interleaved"),
                new Bad("new FU start before the end", List.of(f.get(0), f.get(0)), "was incomplete"),
                new Bad("single NAL inside an FU", List.of(f.get(0), P), "was incomplete"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void countsMalformedPayloadsDropsTheUnitAndRecovers(Bad c) {
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H264)) {
            int seq = 0;
            h.push(false, seq++, 0, SPS);
            for (byte[] payload : c.payloads()) {
                h.push(false, seq++, 0, payload);
            }
            assertThat(h.stats().packetsMalformed()).isEqualTo(1);
            assertThat(h.depacketizer.lastMalformedReason()).contains(c.reason());
            h.push(true, seq++, 3000, P).push(true, seq, 6000, IDR);
            assertThat(h.nals()).containsExactly(u(IDR));
            assertThat(h.stats().unitsDroppedAfterLoss()).isEqualTo(2);
        }
    }

    @Test
    void countsTheMarkerInsideAnFuAsMalformed() {
        List<byte[]> f = fuA(nal(bytes(0x65), 300), 100);
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H264)) {
            h.push(false, 0, 0, f.get(0)).push(true, 1, 0, f.get(1));
            assertThat(h.stats().packetsMalformed()).isEqualTo(1);
            h.push(true, 2, 0, f.get(2)); // the orphaned end is dropped quietly
            assertThat(h.stats().packetsMalformed()).isEqualTo(1);
            assertThat(h.units).isEmpty();
        }
    }

    @Test
    void skipsPacketsOfAnotherPayloadTypeWithoutBreakingTheUnit() {
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H264)) {
            h.push(false, 96, 0, 0, SPS).push(false, 97, 1, 0, bytes(1, 2, 3)).push(true, 96, 2, 0, IDR);
            assertThat(h.nals()).containsExactly(u(SPS, IDR));
            assertThat(h.stats().packetsMalformed()).isEqualTo(1);
        }
    }

    @Test
    void dropsNalUnitsOverTheSizeLimit() {
        DepacketizerLimits limits = new DepacketizerLimits(1000, 2000, 3, 16);
        byte[] big = nal(bytes(0x65), 1500);
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H264, limits)) {
            int seq = 0;
            List<byte[]> f = fuA(big, 200);
            for (int i = 0; i < f.size(); i++) {
                h.push(i == f.size() - 1, seq++, 0, f.get(i));
            }
            assertThat(h.units).isEmpty();
            assertThat(h.stats().packetsMalformed()).isEqualTo(1);
            assertThat(h.depacketizer.lastMalformedReason()).contains("maxNalBytes");
            h.push(true, seq++, 3000, stapA(IDR, IDR, IDR, IDR));
            assertThat(h.depacketizer.lastMalformedReason()).contains("maxNalsPerUnit");
            h.push(true, seq, 6000, stapA(IDR, IDR, IDR));
            assertThat(h.nals()).containsExactly(u(IDR, IDR, IDR));
        }
    }

    @Test
    void resetReleasesHeldPacketsAndStartsOver() {
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H264)) {
            h.push(false, 1, 0, SPS).push(true, 3, 0, IDR); // 3 is held waiting for 2
            h.depacketizer.reset();
            h.push(true, 500, 90_000, IDR);
            assertThat(h.nals()).containsExactly(u(IDR));
            assertThat(h.units.get(0).timestamp()).isEqualTo(90_000);
        }
    }

    @Test
    void closeReleasesHeldPackets() {
        DepacketizerHarness h = new DepacketizerHarness(Codec.H264);
        h.push(false, 1, 0, SPS).push(true, 3, 0, IDR).push(true, 4, 0, IDR);
        h.close();
        assertThat(h.units).isEmpty();
    }

    @Test
    void restartsTheSequenceWhenTheSsrcChanges() {
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H264)) {
            h.push(true, 1000, 0, IDR);
            org.cctvgateway.rtp.RtpPacket other = org.cctvgateway.rtp.RtpPacket.of(true, 96, 7, 3000, 42,
                    org.cctvgateway.rtp.RtpTestSupport.pooled(IDR));
            try {
                h.depacketizer.push(other, 5, h.units);
            } finally {
                other.release();
            }
            assertThat(h.nals()).containsExactly(u(IDR), u(IDR));
        }
    }

    @Test
    void treatsALargeBackwardJumpAsASequenceRestart() {
        try (DepacketizerHarness h = new DepacketizerHarness(Codec.H264)) {
            h.push(true, 30_000, 0, IDR).push(true, 30_001, 3000, P);
            h.push(true, 5, 6000, P).push(true, 6, 9000, IDR);
            assertThat(h.nals()).containsExactly(u(IDR), u(P), u(IDR));
        }
    }
}
