package org.cctvgateway.rtsp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cctvgateway.rtsp.codec.FramingCases.Case;
import org.cctvgateway.rtsp.codec.FramingCases.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RtspFramingDecoderTest {

    static List<Case> cases() {
        return FramingCases.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesWholeInput(Case c) {
        RtspFramingDecoder decoder = new RtspFramingDecoder(FramingLimits.defaults());
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        ch.writeInbound(Unpooled.wrappedBuffer(c.wire()));
        assertThat(drain(ch)).containsExactlyElementsOf(c.decoded());
        assertThat(decoder.discardedBytes()).isEqualTo(c.discarded());
        assertFalse(ch.finish());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decodesTheSameWhateverTheSplits(Case c) {
        Random random = new Random(c.name().hashCode());
        for (int round = 0; round < 20; round++) {
            EmbeddedChannel ch = new EmbeddedChannel(new RtspFramingDecoder(FramingLimits.defaults()));
            List<Item> got = new ArrayList<>();
            int pos = 0;
            while (pos < c.wire().length) {
                int n = 1 + random.nextInt(Math.min(64, c.wire().length - pos));
                ch.writeInbound(Unpooled.wrappedBuffer(c.wire(), pos, n));
                got.addAll(drain(ch));
                pos += n;
            }
            assertThat(got).as("round %d", round).containsExactlyElementsOf(c.decoded());
            assertFalse(ch.finish());
        }
    }

    @Test
    void feedsRtspDecoderWholeMessagesInWireOrder() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspFramingDecoder(FramingLimits.defaults()),
                new RtspDecoder(4096, 8192, 65536), new HttpObjectAggregator(65536));
        byte[] rtp = {(byte) 0x80, 96, 0, 1};
        ch.writeInbound(Unpooled.wrappedBuffer(FramingCases.concat(Item.frame(0, rtp).wire(),
                FramingCases.DESCRIBE_RESPONSE.getBytes(StandardCharsets.ISO_8859_1), Item.frame(1, rtp).wire())));
        InterleavedFrame first = ch.readInbound();
        FullHttpResponse response = ch.readInbound();
        InterleavedFrame last = ch.readInbound();
        try {
            assertThat(first.channel()).isZero();
            assertThat(response.status().code()).isEqualTo(200);
            assertThat(response.content().toString(StandardCharsets.ISO_8859_1)).isEqualTo(FramingCases.SDP);
            assertThat(last.channel()).isEqualTo(1);
        } finally {
            ReferenceCountUtil.release(first);
            ReferenceCountUtil.release(response);
            ReferenceCountUtil.release(last);
        }
        assertFalse(ch.finish());
    }

    @Test
    void rejectsHeaderBlockLongerThanLimit() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspFramingDecoder(new FramingLimits(128, 1024, 1024)));
        String big = "RTSP/1.0 200 OK\r\nX-Pad: " + "a".repeat(200) + "\r\n\r\n";
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.copiedBuffer(big, StandardCharsets.US_ASCII)))
                .isInstanceOf(RtspFramingException.class)
                .hasMessage("RTSP header block is more than 128 bytes, limit is 128 (rtsp.maxHeaderBytes)");
        assertFalse(ch.finish());
    }

    @Test
    void rejectsBodyLongerThanLimit() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspFramingDecoder(new FramingLimits(128, 1024, 1024)));
        String msg = "RTSP/1.0 200 OK\r\nContent-Length: 5000\r\n\r\n";
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.copiedBuffer(msg, StandardCharsets.US_ASCII)))
                .isInstanceOf(RtspFramingException.class)
                .hasMessage("RTSP body is 5000 bytes, limit is 1024 (rtsp.maxBodyBytes)");
        assertFalse(ch.finish());
    }

    @Test
    void rejectsInterleavedFrameLongerThanLimit() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspFramingDecoder(new FramingLimits(128, 1024, 1500)));
        byte[] prefix = {'$', 0, 0x05, (byte) 0xDD};
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(prefix)))
                .isInstanceOf(RtspFramingException.class)
                .hasMessage("interleaved frame is 1501 bytes, limit is 1500 (rtsp.maxInterleavedBytes)");
        assertFalse(ch.finish());
    }

    @Test
    void rejectsContentLengthThatIsNotANumber() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspFramingDecoder(FramingLimits.defaults()));
        String msg = "RTSP/1.0 200 OK\r\nContent-Length: -4\r\n\r\n";
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.copiedBuffer(msg, StandardCharsets.US_ASCII)))
                .isInstanceOf(RtspProtocolException.class)
                .hasMessageContaining("'-4' is not a decimal number");
        assertFalse(ch.finish());
    }

    @Test
    void waitsForTheRestOfAPartialMethodName() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspFramingDecoder(FramingLimits.defaults()));
        ch.writeInbound(Unpooled.copiedBuffer("GET_PARA", StandardCharsets.US_ASCII));
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(Unpooled.copiedBuffer("METER rtsp://h/ RTSP/1.0\r\nCSeq: 1\r\n\r\n",
                StandardCharsets.US_ASCII));
        ByteBuf msg = ch.readInbound();
        assertThat(msg.toString(StandardCharsets.US_ASCII)).startsWith("GET_PARAMETER rtsp://h/");
        msg.release();
        assertFalse(ch.finish());
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> new FramingLimits(10, 10, 10)).hasMessageContaining("rtsp.maxHeaderBytes is 10");
        assertThatThrownBy(() -> new FramingLimits(8192, 10, 70000))
                .hasMessageContaining("rtsp.maxInterleavedBytes is 70000");
    }

    @Test
    void wholeTableRoundTripsThroughFramesAndTextAsOneStream() {
        List<Item> all = new ArrayList<>();
        List<byte[]> wire = new ArrayList<>();
        for (Case c : FramingCases.cases()) {
            if (c.discarded() == 0) {
                all.addAll(c.decoded());
                wire.add(c.wire());
            }
        }
        EmbeddedChannel ch = new EmbeddedChannel(new RtspFramingDecoder(FramingLimits.defaults()));
        ch.writeInbound(Unpooled.wrappedBuffer(FramingCases.concat(wire.toArray(new byte[0][]))));
        assertThat(drain(ch)).containsExactlyElementsOf(all);
        assertFalse(ch.finish());
    }

    /** Reads and releases every inbound message. */
    static List<Item> drain(EmbeddedChannel ch) {
        List<Item> out = new ArrayList<>();
        for (Object msg; (msg = ch.readInbound()) != null; ) {
            try {
                if (msg instanceof InterleavedFrame f) {
                    out.add(Item.frame(f.channel(), ByteBufUtil.getBytes(f.content())));
                } else {
                    out.add(new Item(-1, ByteBufUtil.getBytes((ByteBuf) msg)));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        return out;
    }
}
