package org.cctvgateway.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cctvgateway.rtp.RtpTestSupport.bytes;
import static org.cctvgateway.rtp.RtpTestSupport.concat;
import static org.cctvgateway.rtp.RtpTestSupport.toArray;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RtpPacketTest {
    /** The decoded fields of a packet. */
    record Fields(boolean marker, int payloadType, int sequence, long timestamp, long ssrc, byte[] payload) {
    }

    record Case(String name, byte[] wire, Fields decoded, boolean plainHeader) {
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

    static final byte[] HEADER = bytes(0x80, 0xE0, 0x12, 0x34, 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03, 0x04);

    static Stream<Case> cases() {
        return Stream.of(
                new Case("marker and dynamic payload type", concat(HEADER, bytes(0x65, 0x88)),
                        new Fields(true, 96, 0x1234, 0xDEADBEEFL, 0x01020304L, bytes(0x65, 0x88)), true),
                new Case("no marker, max sequence and timestamp",
                        bytes(0x80, 0x60, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x41),
                        new Fields(false, 96, 65535, 0xFFFFFFFFL, 0xFFFFFFFFL, bytes(0x41)), true),
                new Case("empty payload", bytes(0x80, 0x7F, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3),
                        new Fields(false, 127, 1, 2, 3, new byte[0]), true),
                new Case("two CSRCs are skipped",
                        concat(bytes(0x82, 0x60, 0, 7, 0, 0, 0, 9, 0, 0, 0, 1), new byte[8], bytes(0x61)),
                        new Fields(false, 96, 7, 9, 1, bytes(0x61)), false),
                new Case("header extension is skipped",
                        concat(bytes(0x90, 0x60, 0, 7, 0, 0, 0, 9, 0, 0, 0, 1), bytes(0xBE, 0xDE, 0, 1),
                                new byte[4], bytes(0x61, 0x62)),
                        new Fields(false, 96, 7, 9, 1, bytes(0x61, 0x62)), false),
                new Case("padding is removed",
                        concat(bytes(0xA0, 0x60, 0, 7, 0, 0, 0, 9, 0, 0, 0, 1), bytes(0x61, 0, 0, 3)),
                        new Fields(false, 96, 7, 9, 1, bytes(0x61)), false),
                new Case("padding can take the whole payload",
                        concat(bytes(0xA0, 0x60, 0, 7, 0, 0, 0, 9, 0, 0, 0, 1), bytes(0, 2)),
                        new Fields(false, 96, 7, 9, 1, new byte[0]), false));
    }

    static Stream<Bad> malformed() {
        return Stream.of(
                new Bad("shorter than the fixed header", bytes(0x80, 0x60, 0, 1), "4 bytes"),
                new Bad("empty", new byte[0], "0 bytes"),
                new Bad("version 1", concat(bytes(0x40), new byte[11]), "version is 1"),
                new Bad("version 0", new byte[12], "version is 0"),
                new Bad("CSRC list past the end", concat(bytes(0x8F, 0x60), new byte[10], new byte[8]),
                        "CSRC count 15"),
                new Bad("extension header past the end", concat(bytes(0x90, 0x60), new byte[10], bytes(0xBE)),
                        "extension header"),
                new Bad("extension length past the end",
                        concat(bytes(0x90, 0x60), new byte[10], bytes(0xBE, 0xDE, 0, 5), new byte[4]),
                        "extension of 5 words"),
                new Bad("padding of zero", concat(bytes(0xA0, 0x60), new byte[10], bytes(0x61, 0)), "padding is 0"),
                new Bad("padding longer than the payload", concat(bytes(0xA0, 0x60), new byte[10], bytes(0x61, 9)),
                        "padding is 9"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void decodesFieldsAndPayloadWithoutTouchingTheInput(Case c) {
        ByteBuf in = RtpTestSupport.pooled(c.wire());
        try {
            RtpPacket p = RtpPacket.decode(in);
            try {
                assertThat(new Fields(p.marker(), p.payloadType(), p.sequenceNumber(), p.timestamp(), p.ssrc(),
                        toArray(p.payload()))).usingRecursiveComparison().isEqualTo(c.decoded());
            } finally {
                p.release();
            }
            assertThat(in.readerIndex()).isZero();
            assertThat(in.refCnt()).isEqualTo(1);
        } finally {
            in.release();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void encodesPlainHeadersToTheSameBytes(Case c) {
        if (!c.plainHeader()) {
            return;
        }
        Fields f = c.decoded();
        RtpPacket p = RtpPacket.of(f.marker(), f.payloadType(), f.sequence(), f.timestamp(), f.ssrc(),
                RtpTestSupport.pooled(f.payload()));
        ByteBuf wire = p.encode(ByteBufAllocator.DEFAULT);
        try {
            assertThat(toArray(wire)).isEqualTo(c.wire());
        } finally {
            wire.release();
            p.release();
        }
        assertThat(p.refCnt()).isZero();
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void rejectsMalformedPacketsWithAClearMessage(Bad c) {
        ByteBuf in = RtpTestSupport.pooled(c.wire());
        try {
            assertThatThrownBy(() -> RtpPacket.decode(in)).isInstanceOf(RtpProtocolException.class)
                    .hasMessageContaining(c.message());
            assertThat(in.readerIndex()).isZero();
            assertThat(in.refCnt()).isEqualTo(1);
        } finally {
            in.release();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void headerLengthCountsCsrcsAndExtension(Case c) {
        ByteBuf in = RtpTestSupport.pooled(c.wire());
        try {
            int expected = c.wire().length - c.decoded().payload().length;
            if ((c.wire()[0] & 0x20) != 0) {
                expected -= c.wire()[c.wire().length - 1];
            }
            assertThat(RtpPacket.headerLength(in)).isEqualTo(expected);
        } finally {
            in.release();
        }
    }

    @org.junit.jupiter.api.Test
    void rejectsFieldsOutOfRangeWhenBuilding() {
        ByteBuf payload = RtpTestSupport.pooled(new byte[1]);
        try {
            assertThatThrownBy(() -> RtpPacket.of(false, 128, 0, 0, 0, payload))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload type 128");
            assertThatThrownBy(() -> RtpPacket.of(false, 96, 65536, 0, 0, payload))
                    .hasMessageContaining("sequence number 65536");
            assertThatThrownBy(() -> RtpPacket.of(false, 96, 0, 1L << 32, 0, payload))
                    .hasMessageContaining("timestamp");
        } finally {
            payload.release();
        }
    }
}
