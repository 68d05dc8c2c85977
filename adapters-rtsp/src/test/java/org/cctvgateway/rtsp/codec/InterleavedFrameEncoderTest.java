package org.cctvgateway.rtsp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.rtsp.RtspEncoder;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.cctvgateway.rtsp.codec.FramingCases.Case;
import org.cctvgateway.rtsp.codec.FramingCases.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InterleavedFrameEncoderTest {

    static java.util.stream.Stream<Case> frameCases() {
        return FramingCases.cases().stream()
                .filter(c -> c.discarded() == 0 && c.decoded().stream().allMatch(i -> i.channel() >= 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frameCases")
    void encodesToTheWireBytesOfTheTable(Case c) {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameEncoder());
        for (Item item : c.decoded()) {
            ch.writeOutbound(new InterleavedFrame(item.channel(), Unpooled.wrappedBuffer(item.bytes())));
        }
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            all.writeBytes(b);
            b.release();
        }
        assertThat(ByteBufUtil.getBytes(all)).isEqualTo(c.wire());
        all.release();
        assertFalse(ch.finish());
    }

    @Test
    void sendsThePayloadWithoutCopyingIt() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameEncoder());
        ByteBuf payload = Unpooled.wrappedBuffer(new byte[] {1, 2, 3});
        ch.writeOutbound(new InterleavedFrame(3, payload));
        ByteBuf prefix = ch.readOutbound();
        ByteBuf body = ch.readOutbound();
        assertThat(ByteBufUtil.getBytes(prefix)).containsExactly('$', 3, 0, 3);
        assertThat(body).isSameAs(payload);
        assertThat(payload.refCnt()).isEqualTo(1);
        prefix.release();
        body.release();
        assertFalse(ch.finish());
    }

    @Test
    void passesThroughRtspEncoderKeepingOrder() {
        EmbeddedChannel ch = new EmbeddedChannel(new InterleavedFrameEncoder(), new RtspEncoder());
        ch.writeOutbound(new InterleavedFrame(0, Unpooled.wrappedBuffer(new byte[] {9})));
        ch.writeOutbound(new DefaultFullHttpRequest(RtspVersions.RTSP_1_0, RtspMethods.OPTIONS, "rtsp://h/"));
        ByteBuf all = Unpooled.buffer();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            all.writeBytes((ByteBuf) o);
            ReferenceCountUtil.release(o);
        }
        String text = all.toString(StandardCharsets.ISO_8859_1);
        all.release();
        assertThat(text).startsWith("$\u0000\u0000\u0001\u0009OPTIONS rtsp://h/ RTSP/1.0\r\n");
        assertFalse(ch.finish());
    }

    @Test
    void rejectsChannelOutOfRange() {
        ByteBuf payload = Unpooled.buffer(1);
        assertThatThrownBy(() -> new InterleavedFrame(256, payload)).hasMessageContaining("must be 0-255");
        payload.release();
    }
}
