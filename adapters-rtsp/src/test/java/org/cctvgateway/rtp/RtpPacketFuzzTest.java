package org.cctvgateway.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Property: {@link RtpPacket#decode} only ever fails with {@link RtpProtocolException}, leaves the
 * input's reader index and reference count alone, and a packet with a plain 12-byte header
 * re-encodes to the same bytes.
 */
class RtpPacketFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void decodesAnyDatagramOrRejectsIt(byte[] data) {
        ByteBuf in = RtpTestSupport.pooled(data);
        try {
            RtpPacket p = RtpPacket.decode(in);
            try {
                assertThat(p.payload().readableBytes()).isLessThanOrEqualTo(data.length - 12);
                if ((data[0] & 0x3F) == 0) {
                    ByteBuf again = p.encode(ByteBufAllocator.DEFAULT);
                    try {
                        assertThat(again).isEqualTo(in);
                    } finally {
                        again.release();
                    }
                }
            } finally {
                p.release();
            }
        } catch (RtpProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } finally {
            assertThat(in.readerIndex()).isZero();
            assertThat(in.refCnt()).isEqualTo(1);
            in.release();
        }
    }
}
