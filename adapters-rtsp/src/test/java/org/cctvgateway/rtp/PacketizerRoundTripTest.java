package org.cctvgateway.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cctvgateway.rtp.RtpTestSupport.bytes;
import static org.cctvgateway.rtp.RtpTestSupport.nal;

import io.micrometer.core.instrument.MockClock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import java.util.ArrayList;
import java.util.List;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.Codec;
import org.cctvgateway.media.ParameterSets;
import org.cctvgateway.media.TrackInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PacketizerRoundTripTest {
    private static final int MAX_PAYLOAD = RtpPacketizers.DEFAULT_MAX_PAYLOAD_BYTES;

    static List<List<byte[]>> clip(Codec codec) {
        String name = codec == Codec.H264 ? "tiny.h264" : "tiny.h265";
        return RtpTestSupport.accessUnits(codec, RtpTestSupport.resource("/org/cctvgateway/rtp/fixtures/" + name));
    }

    /** A 200 KB IDR/IRAP NAL unit, far beyond one packet. */
    static byte[] hugeKeyframeNal(Codec codec) {
        return codec == Codec.H264 ? nal(bytes(0x65), 200_000) : nal(bytes(0x26, 0x01), 200_000);
    }

    /** Packetizes every unit, checks the packets, depacketizes them again and returns the NAL units. */
    static List<List<byte[]>> roundTrip(Codec codec, List<List<byte[]>> units, int maxPayload) {
        RtpPacketizer packetizer = RtpPacketizers.create(codec, 96, 0xCAFE_BABEL, 65_000, maxPayload);
        TrackInfo track = new TrackInfo(codec, 96, 90_000, ParameterSets.empty(codec));
        List<AccessUnit> out = new ArrayList<>();
        int expectedSeq = 65_000;
        long payloadOctets = 0;
        long packets = 0;
        try (RtpDepacketizer depacketizer = RtpDepacketizers.create(track, new RtpClockMapping(90_000),
                new MockClock(), DepacketizerLimits.defaults())) {
            long ts = 0xFFFF_F000L; // wraps during the clip
            for (List<byte[]> nals : units) {
                AccessUnit unit = RtpTestSupport.unit(codec, nals, ts);
                List<ByteBuf> wire = new ArrayList<>();
                try {
                    packetizer.packetize(unit, ts, wire);
                } finally {
                    unit.release();
                }
                for (int i = 0; i < wire.size(); i++) {
                    ByteBuf datagram = wire.get(i);
                    try {
                        assertThat(datagram.readableBytes()).isLessThanOrEqualTo(12 + maxPayload);
                        RtpPacket p = RtpPacket.decode(datagram);
                        try {
                            assertThat(p.sequenceNumber()).isEqualTo(expectedSeq);
                            assertThat(p.timestamp()).isEqualTo(ts);
                            assertThat(p.ssrc()).isEqualTo(0xCAFE_BABEL);
                            assertThat(p.marker()).isEqualTo(i == wire.size() - 1);
                            payloadOctets += p.payload().readableBytes();
                            packets++;
                            depacketizer.push(p, 0, out);
                        } finally {
                            p.release();
                        }
                    } finally {
                        datagram.release();
                    }
                    expectedSeq = (expectedSeq + 1) & 0xFFFF;
                }
                ts = (ts + 3000) & 0xFFFF_FFFFL;
            }
            assertThat(packetizer.nextSequenceNumber()).isEqualTo(expectedSeq);
            assertThat(packetizer.packetCount()).isEqualTo(packets);
            assertThat(packetizer.octetCount()).isEqualTo(payloadOctets);
            assertThat(depacketizer.stats().packetsMalformed()).isZero();
            assertThat(depacketizer.stats().packetsLost()).isZero();
            return RtpTestSupport.nalArrays(out);
        } finally {
            RtpTestSupport.releaseAll(out);
        }
    }

    static List<List<String>> hex(List<List<byte[]>> units) {
        List<List<String>> out = new ArrayList<>();
        for (List<byte[]> u : units) {
            out.add(DepacketizerHarness.u(u.toArray(new byte[0][])));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void roundTripsTheFfmpegClipByteForByte(Codec codec) {
        List<List<byte[]>> units = clip(codec);
        assertThat(units).hasSize(10);
        assertThat(hex(roundTrip(codec, units, MAX_PAYLOAD))).isEqualTo(hex(units));
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void roundTripsTheClipWithSmallPacketsSoEveryPictureIsFragmented(Codec codec) {
        List<List<byte[]>> units = clip(codec);
        assertThat(hex(roundTrip(codec, units, 100))).isEqualTo(hex(units));
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void fragmentsA200KilobyteNalUnitIntoPacketsWithinTheLimit(Codec codec) {
        List<List<byte[]>> units = new ArrayList<>(clip(codec).subList(0, 2));
        List<byte[]> huge = new ArrayList<>(units.get(0));
        huge.set(huge.size() - 1, hugeKeyframeNal(codec));
        units.add(huge);
        assertThat(hex(roundTrip(codec, units, MAX_PAYLOAD))).isEqualTo(hex(units));
    }

    @Test
    void doesNotCopyNalBytesIntoPackets() {
        byte[] big = nal(bytes(0x65), 5000);
        AccessUnit unit = RtpTestSupport.unit(Codec.H264, List.of(bytes(0x67, 1, 2, 3), big), 0);
        RtpPacketizer packetizer = RtpPacketizers.create(Codec.H264, 96, 1, 0, 1400);
        List<ByteBuf> wire = new ArrayList<>();
        try {
            packetizer.packetize(unit, 0, wire);
            assertThat(wire).hasSize(1 + 4);
            for (ByteBuf p : wire) {
                assertThat(p).isInstanceOf(CompositeByteBuf.class);
            }
            // Each packet holds a reference to the NAL buffer instead of a copy of it.
            assertThat(unit.nalUnits().get(1).refCnt()).isEqualTo(1 + 4);
        } finally {
            RtpTestSupport.releaseAll(wire);
            unit.release();
        }
    }

    @Test
    void skipsEmptyNalUnitsAndPutsTheMarkerOnTheLastRealOne() {
        AccessUnit unit = RtpTestSupport.unit(Codec.H264, List.of(bytes(0x67, 1), bytes(0x65, 2), new byte[0]), 0);
        RtpPacketizer packetizer = RtpPacketizers.create(Codec.H264, 96, 1, 0, 1400);
        List<ByteBuf> wire = new ArrayList<>();
        try {
            packetizer.packetize(unit, 7, wire);
            assertThat(wire).hasSize(2);
            assertThat(wire.get(0).getByte(1) & 0x80).isZero();
            assertThat(wire.get(1).getByte(1) & 0x80).isEqualTo(0x80);
            assertThat(packetizer.octetCount()).isEqualTo(4);
        } finally {
            RtpTestSupport.releaseAll(wire);
            unit.release();
        }
    }

    @Test
    void rejectsAMaximumPayloadTooSmallForAFragment() {
        assertThatThrownBy(() -> RtpPacketizers.create(Codec.H265, 96, 1, 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPayloadBytes is 10");
        assertThatThrownBy(() -> RtpPacketizers.create(Codec.H264, 96, 1, 70_000, 1400))
                .hasMessageContaining("initial sequence 70000");
    }
}
