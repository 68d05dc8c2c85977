package org.cctvgateway.cli.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cctvgateway.media.Codec;
import org.cctvgateway.validation.StreamFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SampleStatisticsTest {
    private static final long WALL = 1_700_000_000_000L;

    /** {@code seconds} of a stream at {@code fps}, a key frame every {@code gop} units, {@code bytes} each. */
    private static List<UnitSample> stream(double fps, int units, int gop, int bytes, long stepJitterTicks,
                                           double clockOffsetSeconds, boolean burst) {
        List<UnitSample> out = new ArrayList<>();
        long step = Math.round(90_000 / fps);
        long ts = 1_000;
        for (int i = 0; i < units; i++) {
            long arrivalNanos = burst && i < 10 ? 1_000_000L * i : Math.round(i * 1e9 / fps);
            long wallMillis = WALL + arrivalNanos / 1_000_000;
            long capture = (wallMillis - 20) * 1_000_000L + Math.round(clockOffsetSeconds * 1e9);
            boolean key = i % gop == 0;
            out.add(new UnitSample(ts, arrivalNanos, wallMillis, capture, true, key, bytes, key,
                    SampleStatistics.packetsFor(bytes)));
            ts += step + (i % 2 == 0 ? stepJitterTicks : -stepJitterTicks);
        }
        return out;
    }

    record Case(String name, List<UnitSample> samples, double fps, double kbps, double gop, double jitterMs) {
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("25 fps, 1 s GOP, 5000 B", stream(25, 101, 25, 5000, 0, 0, false), 25, 1000, 1, 0),
                new Case("30 fps, 2 s GOP, 2500 B", stream(30, 121, 60, 2500, 0, 0, false), 30, 600, 2, 0),
                new Case("GOP burst at connect changes nothing", stream(25, 101, 25, 5000, 0, 0, true), 25, 1000, 1,
                        0),
                new Case("one key frame: the longest gap, a lower bound", stream(25, 101, 1000, 5000, 0, 0, false),
                        25, 1000, 4, 0),
                new Case("uneven stamps: 9 ms either way", stream(25, 101, 25, 5000, 810, 0, false), 25, 1000, 1, 9));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void computesRatesOverMediaTime(Case c) {
        StreamFacts f = SampleStatistics.facts("main", Codec.H264, new int[] {640, 360}, true, c.samples(),
                -500_000_000L, 0, -1);
        assertThat(f.frameRate()).isCloseTo(c.fps(), within(0.01));
        assertThat(f.bitrateKbps()).isCloseTo(c.kbps(), within(0.5));
        assertThat(f.gopSeconds()).isCloseTo(c.gop(), within(0.01));
        assertThat(f.timestampJitterMs()).isCloseTo(c.jitterMs(), within(0.01));
        assertThat(f.width()).isEqualTo(640);
        assertThat(f.height()).isEqualTo(360);
        assertThat(f.startSeconds()).isCloseTo(0.5, within(1e-9));
        assertThat(f.largestRtpPacketBytes()).isEqualTo(-1);
    }

    @Test
    void clockDriftIsTheLeastDelayedUnitsOffset() {
        StreamFacts f = SampleStatistics.facts("main", Codec.H264, null, false, stream(25, 50, 25, 1000, 0, 420, false),
                0, 0, -1);
        assertThat(f.senderReports()).isTrue();
        assertThat(f.clockDriftSeconds()).isCloseTo(420 - 0.02, within(0.002));
        assertThat(f.width()).isEqualTo(-1);
        assertThat(f.parameterSetsInSdp()).isFalse();
        assertThat(f.parameterSetsInBand()).isTrue();
    }

    @Test
    void packetLossIsLostOverExpected() {
        List<UnitSample> s = stream(25, 10, 25, 1000, 0, 0, false);
        StreamFacts f = SampleStatistics.facts("main", Codec.H264, null, false, s, 0, 10, -1);
        assertThat(f.packetLossRatio()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void noUnitIsUnreachableButKeepsWhatTheTrackSaid() {
        StreamFacts f = SampleStatistics.facts("sub", Codec.H265, new int[] {1280, 720}, true, List.of(), 0, 0, -1);
        assertThat(f.reached()).isFalse();
        assertThat(f.codec()).isEqualTo("H265");
        assertThat(f.width()).isEqualTo(1280);
        assertThat(f.parameterSetsInSdp()).isTrue();
    }

    @Test
    void packetsForFollowsFragmentation() {
        assertThat(SampleStatistics.packetsFor(1)).isEqualTo(1);
        assertThat(SampleStatistics.packetsFor(1400)).isEqualTo(1);
        assertThat(SampleStatistics.packetsFor(1401)).isEqualTo(2);
        assertThat(SampleStatistics.packetsFor(1398 * 3 + 1)).isEqualTo(3);
        assertThat(SampleStatistics.packetsFor(1398 * 3 + 2)).isEqualTo(4);
    }
}
