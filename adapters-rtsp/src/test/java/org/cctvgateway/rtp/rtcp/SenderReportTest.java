package org.cctvgateway.rtp.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cctvgateway.rtp.RtpTestSupport.bytes;
import static org.cctvgateway.rtp.RtpTestSupport.concat;
import static org.cctvgateway.rtp.RtpTestSupport.toArray;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.stream.Stream;
import org.cctvgateway.rtp.RtpProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SenderReportTest {
    static final byte[] SR = bytes(
            0x80, 200, 0, 6,
            0x11, 0x22, 0x33, 0x44,
            0xEB, 0x2F, 0x5A, 0x10, 0x80, 0, 0, 0,
            0x00, 0x01, 0x5F, 0x90,
            0, 0, 0, 42,
            0, 0, 0x10, 0);
    static final SenderReport SR_DECODED = new SenderReport(0x11223344L, 0xEB2F5A1080000000L, 90_000, 42, 4096);
    /** SDES with CNAME "cam": 4 + 4 + 2 + 3 = 13 bytes, padded to 16. */
    static final byte[] SDES = bytes(0x81, 202, 0, 3, 0x11, 0x22, 0x33, 0x44, 1, 3, 'c', 'a', 'm', 0, 0, 0);
    /** RR with one report block. */
    static final byte[] RR = bytes(
            0x81, 201, 0, 7,
            0, 0, 0, 9,
            0x11, 0x22, 0x33, 0x44, 0x10, 0xFF, 0xFF, 0xFE, 0, 1, 0, 5, 0, 0, 0, 7, 0x12, 0x34, 0x56, 0x78,
            0, 0, 0x80, 0);
    static final byte[] BYE = bytes(0x81, 203, 0, 1, 0x11, 0x22, 0x33, 0x44);
    static final byte[] APP = bytes(0x80, 204, 0, 2, 0x11, 0x22, 0x33, 0x44, 'n', 'a', 'm', 'e');

    record Case(String name, byte[] wire, List<SenderReport> decoded) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Bad(String name, byte[] wire, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("SR + SDES", concat(SR, SDES), List.of(SR_DECODED)),
                new Case("SR alone", SR, List.of(SR_DECODED)),
                new Case("RR + SDES has no SR", concat(RR, SDES), List.of()),
                new Case("SR + SDES + BYE + APP", concat(SR, SDES, BYE, APP), List.of(SR_DECODED)),
                new Case("SR with one report block",
                        concat(bytes(0x81, 200, 0, 12), java.util.Arrays.copyOfRange(SR, 4, 28),
                                java.util.Arrays.copyOfRange(RR, 8, 32)),
                        List.of(SR_DECODED)),
                new Case("two SRs", concat(SR, SR), List.of(SR_DECODED, SR_DECODED)),
                new Case("unknown packet type is skipped", concat(bytes(0x80, 210, 0, 0), SR), List.of(SR_DECODED)));
    }

    static Stream<Bad> malformed() {
        return Stream.of(
                new Bad("empty", new byte[0], "empty RTCP"),
                new Bad("cut-off header", concat(SR, bytes(0x80, 200)), "cut off"),
                new Bad("version 1", bytes(0x40, 200, 0, 0), "version is 1"),
                new Bad("length past the end", bytes(0x80, 200, 0, 9, 0, 0, 0, 0), "runs past"),
                new Bad("SR shorter than sender info", bytes(0x80, 200, 0, 1, 0, 0, 0, 1), "SR is 8 bytes"),
                new Bad("SR shorter than its report blocks", concat(bytes(0x82, 200, 0, 6), java.util.Arrays
                        .copyOfRange(SR, 4, 28)), "report blocks need 76"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decodesSenderReportsOutOfACompoundPacket(Case c) {
        ByteBuf in = org.cctvgateway.rtp.RtpTestSupport.pooled(c.wire());
        try {
            assertThat(SenderReport.decodeCompound(in)).isEqualTo(c.decoded());
            assertThat(in.readerIndex()).isZero();
            assertThat(in.refCnt()).isEqualTo(1);
        } finally {
            in.release();
        }
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsMalformedFraming(Bad c) {
        ByteBuf in = org.cctvgateway.rtp.RtpTestSupport.pooled(c.wire());
        try {
            assertThatThrownBy(() -> SenderReport.decodeCompound(in)).isInstanceOf(RtpProtocolException.class)
                    .hasMessageContaining(c.message());
            assertThat(in.readerIndex()).isZero();
        } finally {
            in.release();
        }
    }

    @Test
    void encodesSenderReportWithSdesCname() {
        ByteBuf out = SR_DECODED.encode(ByteBufAllocator.DEFAULT, "cam");
        try {
            assertThat(toArray(out)).isEqualTo(concat(SR, SDES));
        } finally {
            out.release();
        }
    }

    @ParameterizedTest
    @MethodSource("cnames")
    void padsTheSdesChunkToAWordWithAtLeastOneNull(String cname) {
        ByteBuf out = SR_DECODED.encode(ByteBufAllocator.DEFAULT, cname);
        try {
            assertThat(out.readableBytes() % 4).isZero();
            int sdesLength = (out.getUnsignedShort(28 + 2) + 1) * 4;
            assertThat(28 + sdesLength).isEqualTo(out.readableBytes());
            assertThat(out.getByte(out.writerIndex() - 1)).isZero();
            assertThat((int) out.getUnsignedByte(28 + 9)).isEqualTo(cname.length());
            assertThat(SenderReport.decodeCompound(out)).containsExactly(SR_DECODED);
        } finally {
            out.release();
        }
    }

    static Stream<String> cnames() {
        return Stream.of("a", "ab", "abc", "abcd", "gateway@10.0.0.5");
    }

    @Test
    void rejectsAnEmptyOrTooLongCname() {
        assertThatThrownBy(() -> SR_DECODED.encode(ByteBufAllocator.DEFAULT, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CNAME is 0 bytes");
        assertThatThrownBy(() -> SR_DECODED.encode(ByteBufAllocator.DEFAULT, "x".repeat(256)))
                .hasMessageContaining("CNAME is 256 bytes");
    }

    @Test
    void encodesAndDecodesAReceiverReport() {
        ReceiverReport rr = new ReceiverReport(9, 0x11223344L, 0x10, -2, 0x10005, 7, 0x12345678L, 0x8000);
        ByteBuf out = rr.encode(ByteBufAllocator.DEFAULT, "cam");
        try {
            byte[] expectedSdes = SDES.clone();
            expectedSdes[4] = 0;
            expectedSdes[5] = 0;
            expectedSdes[6] = 0;
            expectedSdes[7] = 9;
            assertThat(toArray(out)).isEqualTo(concat(RR, expectedSdes));
            assertThat(ReceiverReport.decodeCompound(out)).containsExactly(rr);
            assertThat(SenderReport.decodeCompound(out)).isEmpty();
        } finally {
            out.release();
        }
    }

    @Test
    void saturatesTheCumulativeLossAt24Bits() {
        assertThat(ReceiverReport.saturateCumulativeLost(10_000_000L)).isEqualTo(0x7F_FFFF);
        assertThat(ReceiverReport.saturateCumulativeLost(-10_000_000L)).isEqualTo(-0x80_0000);
        assertThat(ReceiverReport.saturateCumulativeLost(-3)).isEqualTo(-3);
    }

    @Test
    void compactNtpTakesTheMiddle32Bits() {
        assertThat(ReceiverReport.compactNtp(0xEB2F5A1080000000L)).isEqualTo(0x5A108000L);
    }

    @Test
    void rejectsReceiverReportFieldsOutOfRange() {
        assertThatThrownBy(() -> new ReceiverReport(1, 1, 256, 0, 0, 0, 0, 0))
                .hasMessageContaining("fractionLost 256");
        assertThatThrownBy(() -> new ReceiverReport(1, 1, 0, 0x80_0000, 0, 0, 0, 0))
                .hasMessageContaining("cumulativeLost");
    }
}
