package org.cctvgateway.rtsp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cctvgateway.rtsp.codec.FramingCases.Item;

/**
 * Fuzz properties of {@link RtspFramingDecoder}: on any input it emits frames and messages or
 * raises its declared exceptions, and leaks nothing; a stream made of valid frames and
 * messages decodes to the same items however it is split.
 */
class RtspFramingDecoderFuzzTest {

    @FuzzTest
    void arbitraryBytesOnlyRaiseDeclaredExceptions(byte[] input) {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspFramingDecoder(new FramingLimits(256, 512, 1024)));
        try {
            int pos = 0;
            int step = 1 + (input.length == 0 ? 0 : (input[0] & 0x3f));
            while (pos < input.length) {
                int n = Math.min(step, input.length - pos);
                ch.writeInbound(Unpooled.wrappedBuffer(input, pos, n));
                RtspFramingDecoderTest.drain(ch);
                pos += n;
            }
        } catch (RtspFramingException | RtspProtocolException expected) {
            // The declared outcomes for input that cannot be framed.
        } finally {
            RtspFramingDecoderTest.drain(ch);
            ch.finishAndReleaseAll();
        }
    }

    @FuzzTest
    void splitsDoNotChangeTheItems(FuzzedDataProvider data) {
        List<Item> items = new ArrayList<>();
        List<byte[]> wire = new ArrayList<>();
        int count = data.consumeInt(1, 8);
        for (int i = 0; i < count; i++) {
            Item item;
            if (data.consumeBoolean()) {
                item = Item.frame(data.consumeInt(0, 255), data.consumeBytes(data.consumeInt(0, 300)));
            } else {
                String body = data.consumeAsciiString(data.consumeInt(0, 100)).replace("\n", "");
                String head = data.pickValue(List.of("RTSP/1.0 200 OK", "OPTIONS rtsp://h/ RTSP/1.0",
                        "SET_PARAMETER rtsp://h/x RTSP/1.0"));
                item = Item.text(head + "\r\nCSeq: " + i + "\r\nContent-Length: "
                        + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n\r\n" + body);
            }
            items.add(item);
            wire.add(item.wire());
        }
        byte[] all = FramingCases.concat(wire.toArray(new byte[0][]));
        EmbeddedChannel ch = new EmbeddedChannel(new RtspFramingDecoder(FramingLimits.defaults()));
        List<Item> got = new ArrayList<>();
        int pos = 0;
        while (pos < all.length) {
            int n = data.remainingBytes() > 0 ? data.consumeInt(1, all.length - pos) : all.length - pos;
            ch.writeInbound(Unpooled.wrappedBuffer(all, pos, n));
            got.addAll(RtspFramingDecoderTest.drain(ch));
            pos += n;
        }
        assertThat(got).containsExactlyElementsOf(items);
        assertThat(ch.finish()).isFalse();
    }
}
