package org.cctvgateway.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.micrometer.core.instrument.MockClock;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.Codec;
import org.cctvgateway.media.ParameterSets;
import org.cctvgateway.media.TrackInfo;

/**
 * Property: whatever packet sequence arrives, {@code push()} never throws, every unit it emits
 * is within the limits, and nothing leaks once the units are released and the depacketizer is
 * closed.
 *
 * <p>Input format: records of {@code [ctl][seq delta][ts delta][len hi][len lo][payload]};
 * ctl bit 0 is the marker, bit 1 a foreign payload type, bit 2 a reset before the packet; the
 * sequence delta is a signed byte, the timestamp delta a signed byte times 300 ticks. Seeds in
 * {@code DepacketizerFuzzTestInputs} were made by {@code make-depacketizer-seeds.py} beside them.
 */
class DepacketizerFuzzTest {
    private static final DepacketizerLimits LIMITS = new DepacketizerLimits(1 << 16, 1 << 17, 32, 8);

    @FuzzTest(maxDuration = "60s")
    void h264SurvivesAnyPacketSequence(byte[] data) {
        run(Codec.H264, data);
    }

    @FuzzTest(maxDuration = "60s")
    void h265SurvivesAnyPacketSequence(byte[] data) {
        run(Codec.H265, data);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Codec.class)
    void inOrderSeedYieldsTheClipsFirstThreeUnits(Codec codec) {
        String folder = codec == Codec.H264 ? "h264SurvivesAnyPacketSequence" : "h265SurvivesAnyPacketSequence";
        byte[] seed = RtpTestSupport.resource("/org/cctvgateway/rtp/DepacketizerFuzzTestInputs/" + folder
                + "/in-order");
        assertThat(run(codec, seed)).isEqualTo(3);
    }

    private static long run(Codec codec, byte[] data) {
        TrackInfo track = new TrackInfo(codec, 96, 90_000, ParameterSets.empty(codec));
        List<AccessUnit> out = new ArrayList<>();
        long emitted = 0;
        try (RtpDepacketizer d = RtpDepacketizers.create(track, new RtpClockMapping(90_000), new MockClock(),
                LIMITS)) {
            int seq = 1000;
            long ts = 0xFFFF_0000L;
            int pos = 0;
            while (pos + 5 <= data.length) {
                int ctl = data[pos];
                seq = (seq + data[pos + 1]) & 0xFFFF;
                ts = (ts + data[pos + 2] * 300L) & 0xFFFF_FFFFL;
                int len = Math.min(((data[pos + 3] & 0xFF) << 8) | (data[pos + 4] & 0xFF), data.length - pos - 5);
                ByteBuf payload = RtpTestSupport.pooled(java.util.Arrays.copyOfRange(data, pos + 5, pos + 5 + len));
                pos += 5 + len;
                if ((ctl & 4) != 0) {
                    d.reset();
                }
                RtpPacket p = RtpPacket.of((ctl & 1) != 0, (ctl & 2) != 0 ? 97 : 96, seq, ts, 7, payload);
                try {
                    d.push(p, pos, out);
                } finally {
                    p.release();
                }
                for (AccessUnit u : out) {
                    assertThat(u.size()).isLessThanOrEqualTo(LIMITS.maxAccessUnitBytes());
                    assertThat(u.nalUnits()).isNotEmpty().hasSizeLessThanOrEqualTo(LIMITS.maxNalsPerUnit());
                    for (ByteBuf nal : u.nalUnits()) {
                        assertThat(nal.readableBytes()).isBetween(1, LIMITS.maxNalBytes());
                    }
                    emitted++;
                }
                RtpTestSupport.releaseAll(out);
            }
            assertThat(d.stats().unitsEmitted()).isEqualTo(emitted);
            return emitted;
        } finally {
            RtpTestSupport.releaseAll(out);
        }
    }
}
