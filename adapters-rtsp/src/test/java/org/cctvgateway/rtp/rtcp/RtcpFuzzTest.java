package org.cctvgateway.rtp.rtcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.cctvgateway.rtp.RtpProtocolException;

/**
 * Property: the compound readers only ever fail with {@link RtpProtocolException}, leave the
 * input alone, and every sender report they return encodes and decodes back to itself.
 */
class RtcpFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void decodesAnyCompoundPacketOrRejectsIt(byte[] data) {
        ByteBuf in = org.cctvgateway.rtp.RtpTestSupport.pooled(data);
        try {
            List<SenderReport> reports = SenderReport.decodeCompound(in);
            ReceiverReport.decodeCompound(in);
            for (SenderReport sr : reports) {
                ByteBuf again = sr.encode(ByteBufAllocator.DEFAULT, "fuzz");
                try {
                    assertThat(SenderReport.decodeCompound(again)).containsExactly(sr);
                } finally {
                    again.release();
                }
            }
        } catch (RtpProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } finally {
            assertThat(in.readerIndex()).isZero();
            in.release();
        }
    }
}
