package org.cctvgateway.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RtpClockMappingTest {
    private static final long T0 = Instant.parse("2026-11-24T12:00:00Z").toEpochMilli() * 1_000_000L;

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 999_999_999, 1_700_000_000_123_456_789L, 2_500_000_000_000_000_000L})
    void convertsEpochNanosToNtpAndBack(long nanos) {
        assertThat(RtpClockMapping.ntpToEpochNanos(RtpClockMapping.epochNanosToNtp(nanos))).isEqualTo(nanos);
    }

    @Test
    void readsTheNtpEpochOffset() {
        long ntp = (RtpClockMapping.NTP_EPOCH_OFFSET_SECONDS << 32) | 0x8000_0000L;
        assertThat(RtpClockMapping.ntpToEpochNanos(ntp)).isEqualTo(500_000_000L);
    }

    @Test
    void readsNtpSecondsWithTheTopBitClearAsEra1() {
        // 2036-02-07T06:28:16Z is NTP second 2^32, which wraps to 0 on the wire.
        long era1Start = Instant.parse("2036-02-07T06:28:16Z").getEpochSecond() * 1_000_000_000L;
        assertThat(RtpClockMapping.ntpToEpochNanos(0)).isEqualTo(era1Start);
        assertThat(RtpClockMapping.epochNanosToNtp(era1Start + 5_000_000_000L)).isEqualTo(5L << 32);
    }

    @Test
    void rejectsTimesBeforeNtpEra0CanBeWritten() {
        assertThatThrownBy(() -> RtpClockMapping.epochNanosToNtp(-3_000_000_000_000_000_000L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before 1968");
    }

    @Test
    void isNotSyncedBeforeTheFirstSenderReport() {
        RtpClockMapping m = new RtpClockMapping(90_000);
        assertThat(m.synced()).isFalse();
        assertThat(m.captureTimeNanosOrMin(0)).isEqualTo(Long.MIN_VALUE);
        assertThatThrownBy(() -> m.captureTimeNanos(0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void mapsTimestampsRelativeToTheLatestSenderReport() {
        RtpClockMapping m = new RtpClockMapping(90_000);
        m.onSenderReport(RtpClockMapping.epochNanosToNtp(T0), 1_000_000);
        assertThat(m.synced()).isTrue();
        assertThat(m.captureTimeNanos(1_000_000)).isEqualTo(T0);
        assertThat(m.captureTimeNanos(1_090_000)).isEqualTo(T0 + 1_000_000_000L);
        assertThat(m.captureTimeNanos(1_000_000 - 3_000)).isEqualTo(T0 - 33_333_334L);
        m.onSenderReport(RtpClockMapping.epochNanosToNtp(T0 + 2_000_000_000L), 1_180_000);
        assertThat(m.captureTimeNanos(1_270_000)).isEqualTo(T0 + 3_000_000_000L);
    }

    @Test
    void mapsAcrossTheRtpTimestampWrap() {
        RtpClockMapping m = new RtpClockMapping(90_000);
        m.onSenderReport(RtpClockMapping.epochNanosToNtp(T0), 0xFFFF_FFFFL - 89_999);
        // An unwrapped timestamp one second later is past 2^32; only its low 32 bits matter.
        long unwrapped = 0xFFFF_FFFFL + 1;
        assertThat(m.captureTimeNanos(unwrapped)).isEqualTo(T0 + 1_000_000_000L);
        assertThat(m.captureTimeNanos(0)).isEqualTo(T0 + 1_000_000_000L);
    }

    @Test
    void ignoresSenderReportsWithoutWallClock() {
        RtpClockMapping m = new RtpClockMapping(90_000);
        m.onSenderReport(0, 1234);
        assertThat(m.synced()).isFalse();
    }

    @Test
    void forgetsTheMappingOnReset() {
        RtpClockMapping m = new RtpClockMapping(90_000);
        m.onSenderReport(RtpClockMapping.epochNanosToNtp(T0), 0);
        m.reset();
        assertThat(m.synced()).isFalse();
    }
}
