package org.cctvgateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MockClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The normalizer fed with real x264/x265 clips (see {@code clips/README.md}). */
class NormalizerTest {
    private static final long FRAME = 3600;

    private final MockClock clock = new MockClock();
    private final RecordingSink sink = new RecordingSink();
    private final Normalizer normalizer = new Normalizer("site/cam/main", sink, clock);

    @AfterEach
    void releaseOutput() {
        sink.units.forEach(AccessUnit::release);
    }

    @Test
    void removesAudsAndKeepsCameraParameterSetsWithoutDuplicates() {
        List<List<byte[]>> units = Clips.accessUnits(Codec.H264, Clips.H264_AUD);
        feed(Codec.H264, units, 0);

        assertThat(sink.units).hasSize(30);
        assertThat(Clips.types(sink.units.get(0))).containsExactly(7, 8, 6, 5);
        assertThat(Clips.types(sink.units.get(1))).containsExactly(1);
        assertThat(Clips.types(sink.units.get(10))).containsExactly(7, 8, 5);
        assertThat(sink.units).filteredOn(AccessUnit::isKeyframe).hasSize(3);
        assertThat(normalizer.framesIn()).isEqualTo(30);
        assertThat(normalizer.framesOut()).isEqualTo(30);
    }

    @Test
    void insertsRememberedParameterSetsBeforeKeyframesThatLackThem() {
        List<List<byte[]>> units = Clips.accessUnits(Codec.H264, Clips.H264_AUD);
        List<byte[]> first = units.get(0);
        List<List<byte[]>> sentOnce =
                new ArrayList<>(Clips.without(Codec.H264, units, Clips.parameterSets(Codec.H264)));
        sentOnce.set(0, first);
        feed(Codec.H264, sentOnce, 0);

        for (int key : new int[] {10, 20}) {
            AccessUnit unit = sink.units.get(key);
            assertThat(Clips.types(unit)).containsExactly(7, 8, 5);
            assertThat(ByteBufUtil.getBytes(unit.nalUnits().get(0))).isEqualTo(first.get(1));
            assertThat(ByteBufUtil.getBytes(unit.nalUnits().get(1))).isEqualTo(first.get(2));
        }
    }

    @Test
    void usesOutOfBandParameterSetsFromTheTrack() {
        List<List<byte[]>> units = Clips.accessUnits(Codec.H264, Clips.H264_AUD);
        ParameterSets sdp = new ParameterSets(Codec.H264, null, units.get(0).get(1), units.get(0).get(2));
        normalizer.onTrack(new TrackInfo(Codec.H264, 96, 90_000, sdp));
        feed(Codec.H264, Clips.without(Codec.H264, units, Clips.parameterSets(Codec.H264)), 0);

        assertThat(sink.units).hasSize(30);
        assertThat(Clips.types(sink.units.get(0))).containsExactly(7, 8, 6, 5);
        assertThat(sink.infos).singleElement().satisfies(info -> {
            assertThat(info.width()).isEqualTo(160);
            assertThat(info.height()).isEqualTo(90);
            assertThat(info.frameRate()).isEqualTo(25.0);
            assertThat(info.profile()).isEqualTo("High");
            assertThat(info.parameterSets()).isEqualTo(sdp);
        });
    }

    @Test
    void dropsUnitsUntilKeyframeWithCompleteParameterSets() {
        List<List<byte[]>> units = Clips.accessUnits(Codec.H264, Clips.H264_AUD);
        feed(Codec.H264, units.subList(3, 30), 3 * FRAME);

        assertThat(normalizer.framesDroppedWaitingForKeyframe()).isEqualTo(7);
        assertThat(sink.units).hasSize(20);
        assertThat(sink.units.get(0).isKeyframe()).isTrue();
    }

    @Test
    void dropsEverythingWhenParameterSetsNeverCome() {
        List<List<byte[]>> units = Clips.accessUnits(Codec.H264, Clips.H264_AUD);
        feed(Codec.H264, Clips.without(Codec.H264, units, Clips.parameterSets(Codec.H264)), 0);

        assertThat(sink.units).isEmpty();
        assertThat(sink.infos).isEmpty();
        assertThat(normalizer.framesDroppedWaitingForKeyframe()).isEqualTo(30);
    }

    @Test
    void followsResolutionChangeWithNewStreamInfoBeforeTheUnit() {
        feed(Codec.H264, Clips.accessUnits(Codec.H264, Clips.H264_RESOLUTION_CHANGE), 0);

        assertThat(sink.infos).extracting(StreamInfo::width, StreamInfo::height)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(160, 90),
                        org.assertj.core.groups.Tuple.tuple(320, 180));
        assertThat(sink.events).element(0).isEqualTo("info 160x90");
        assertThat(sink.events).element(11).isEqualTo("info 320x180");
        assertThat(sink.events.get(12)).startsWith("unit key");
        assertThat(normalizer.streamInfoChanges()).isEqualTo(2);
    }

    @Test
    void normalizesH265WithVpsSpsPpsFirst() {
        List<List<byte[]>> units = Clips.accessUnits(Codec.H265, Clips.H265_AUD);
        List<List<byte[]>> noSets = new ArrayList<>(Clips.without(Codec.H265, units, Clips.parameterSets(Codec.H265)));
        noSets.set(0, units.get(0));
        feed(Codec.H265, noSets, 0);

        assertThat(sink.units).hasSize(30);
        assertThat(Clips.types(sink.units.get(0))).containsExactly(32, 33, 34, 39, 20);
        assertThat(Clips.types(sink.units.get(10))).containsExactly(32, 33, 34, 39, 21);
        assertThat(Clips.types(sink.units.get(11))).containsExactly(1);
        assertThat(sink.infos).singleElement().satisfies(info -> {
            assertThat(info.codec()).isEqualTo(Codec.H265);
            assertThat(info.width()).isEqualTo(160);
            assertThat(info.height()).isEqualTo(90);
            assertThat(info.profile()).isEqualTo("Main");
            assertThat(info.frameRate()).isEqualTo(25.0);
        });
    }

    @Test
    void keepsTimelineContinuousAcrossCameraClockJumpAndDiscontinuity() {
        List<List<byte[]>> units = Clips.accessUnits(Codec.H264, Clips.H264_AUD);
        long base = 5_000_000_000L;
        for (int i = 0; i < 30; i++) {
            long ts = base + i * FRAME;
            if (i >= 10) {
                ts -= 4_000_000; // camera clock stepped back 44 s
            }
            if (i == 20) {
                normalizer.onDiscontinuity("reconnected");
            }
            if (i >= 20) {
                ts += 777_777;
            }
            normalizer.onAccessUnit(Clips.unit(Codec.H264, units.get(i), ts));
        }
        assertThat(sink.units).extracting(AccessUnit::timestamp).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 30).map(i -> i * FRAME).boxed().toList());
        assertThat(normalizer.discontinuities()).isEqualTo(2);
    }

    @Test
    void newSessionWaitsForKeyframeAndContinuesTimeline() {
        List<List<byte[]>> units = Clips.accessUnits(Codec.H264, Clips.H264_AUD);
        TrackInfo track = new TrackInfo(Codec.H264, 96, 90_000, ParameterSets.empty(Codec.H264));
        normalizer.onTrack(track);
        feed(Codec.H264, units.subList(0, 5), 0);
        normalizer.onTrack(track); // reconnected: a new RTP timeline, mid-GOP
        feed(Codec.H264, units.subList(5, 15), 9_000_000);

        assertThat(normalizer.framesDroppedWaitingForKeyframe()).isEqualTo(5);
        assertThat(sink.units).hasSize(10);
        assertThat(sink.units.get(5).isKeyframe()).isTrue();
        assertThat(sink.units).extracting(AccessUnit::timestamp).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 10).map(i -> i * FRAME).boxed().toList());
    }

    @Test
    void passesCaptureTimesThroughAndMeasuresDrift() {
        List<List<byte[]>> units = Clips.accessUnits(Codec.H264, Clips.H264_AUD);
        assertThat(normalizer.clockDriftSeconds()).isNaN();
        long wallNanos = TimeUnit.MILLISECONDS.toNanos(clock.wallTime());
        for (int i = 0; i < 5; i++) {
            long capture = wallNanos + 2_000_000_000L; // camera clock 2 s ahead
            normalizer.onAccessUnit(Clips.unit(Codec.H264, units.get(i), i * FRAME, capture, true));
            clock.add(Duration.ofMillis(40));
            wallNanos += 40_000_000L;
        }
        assertThat(sink.units).allSatisfy(u -> assertThat(u.cameraClock()).isTrue());
        assertThat(sink.units.get(0).captureTimeNanos()).isEqualTo(
                TimeUnit.MILLISECONDS.toNanos(1) + 2_000_000_000L);
        assertThat(normalizer.clockDriftSeconds()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void driftStaysNaNWithoutCameraClock() {
        List<List<byte[]>> units = Clips.accessUnits(Codec.H264, Clips.H264_AUD);
        normalizer.onAccessUnit(Clips.unit(Codec.H264, units.get(0), 0, 123_456_789L, false));
        assertThat(normalizer.clockDriftSeconds()).isNaN();
        assertThat(sink.units.get(0).captureTimeNanos()).isEqualTo(123_456_789L);
        assertThat(sink.units.get(0).cameraClock()).isFalse();
    }

    @Test
    void releasesInputOnEveryPath() {
        List<List<byte[]>> units = Clips.accessUnits(Codec.H264, Clips.H264_AUD);
        AccessUnit dropped = Clips.unit(Codec.H264, units.get(1), 0);
        AccessUnit kept = Clips.unit(Codec.H264, units.get(0), FRAME);
        List<ByteBuf> keptNals = kept.nalUnits();
        normalizer.onAccessUnit(dropped);
        normalizer.onAccessUnit(kept);

        assertThat(dropped.refCnt()).isZero();
        assertThat(kept.refCnt()).isZero();
        assertThat(keptNals.get(0).refCnt()).as("AUD removed and released").isZero();
        assertThat(keptNals.subList(1, keptNals.size())).as("NAL buffers moved to the output unit")
                .allSatisfy(b -> assertThat(b.refCnt()).isOne());
        assertThat(sink.units).singleElement().satisfies(u -> assertThat(u).isNotSameAs(kept));
    }

    @Test
    void releasesOutputWhenSinkThrowsAndRethrows() {
        List<List<byte[]>> units = Clips.accessUnits(Codec.H264, Clips.H264_AUD);
        List<AccessUnit> seen = new ArrayList<>();
        Normalizer failing = new Normalizer("site/cam/main", new NormalizedStreamSink() {
            @Override
            public void onStreamInfo(StreamInfo info) {
            }

            @Override
            public void onAccessUnit(AccessUnit unit) {
                seen.add(unit);
                throw new IllegalStateException("viewer blew up");
            }
        }, clock);
        AccessUnit input = Clips.unit(Codec.H264, units.get(0), 0);

        assertThatThrownBy(() -> failing.onAccessUnit(input)).hasMessage("viewer blew up");
        assertThat(input.refCnt()).isZero();
        assertThat(seen).singleElement().satisfies(u -> assertThat(u.refCnt()).isZero());
    }

    @Test
    void releasesOutputWhenStreamInfoSinkThrows() {
        List<List<byte[]>> units = Clips.accessUnits(Codec.H264, Clips.H264_AUD);
        Normalizer failing = new Normalizer("site/cam/main", new NormalizedStreamSink() {
            @Override
            public void onStreamInfo(StreamInfo info) {
                throw new IllegalStateException("no info wanted");
            }

            @Override
            public void onAccessUnit(AccessUnit unit) {
                unit.release();
            }
        }, clock);
        AccessUnit input = Clips.unit(Codec.H264, units.get(0), 0);
        List<ByteBuf> nals = input.nalUnits();

        assertThatThrownBy(() -> failing.onAccessUnit(input)).hasMessage("no info wanted");
        assertThat(nals).allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }

    private void feed(Codec codec, List<List<byte[]>> units, long firstTimestamp) {
        long ts = firstTimestamp;
        for (List<byte[]> unit : units) {
            normalizer.onAccessUnit(Clips.unit(codec, unit, ts));
            ts += FRAME;
        }
    }

    /** Keeps what it is given (it owns the units) and the order of calls. */
    static final class RecordingSink implements NormalizedStreamSink {
        final List<StreamInfo> infos = new ArrayList<>();
        final List<AccessUnit> units = new ArrayList<>();
        final List<String> events = new ArrayList<>();

        @Override
        public void onStreamInfo(StreamInfo info) {
            infos.add(info);
            events.add("info " + info.width() + "x" + info.height());
        }

        @Override
        public void onAccessUnit(AccessUnit unit) {
            units.add(unit);
            events.add("unit" + (unit.isKeyframe() ? " key" : "") + " " + unit.timestamp());
        }
    }
}
