package org.cctvgateway.rtsp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SegmentBatcherTest {
    /** Packet sizes in, then what comes out: "s:N" a single datagram, "g:SIZExCOUNT" a group. */
    record Case(String name, int[] sizes, List<String> out) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("one packet goes alone", new int[] {500}, List.of("s:500")),
                new Case("fragments and a shorter last one form one group", new int[] {1400, 1400, 1400, 300},
                        List.of("g:1400x4")),
                new Case("a larger packet starts a new group", new int[] {200, 1400, 1400, 90},
                        List.of("s:200", "g:1400x3")),
                new Case("after a shorter last segment a new group starts", new int[] {1400, 600, 1400, 1400},
                        List.of("g:1400x2", "g:1400x2")),
                new Case("small packets of one size group too", new int[] {20, 20, 20}, List.of("g:20x3")),
                new Case("shorter after shorter", new int[] {900, 800, 700}, List.of("g:900x2", "s:700")),
                new Case("64 segments at most", IntStream.range(0, 70).map(i -> 100).toArray(),
                        List.of("g:100x64", "g:100x6")),
                new Case("65507 bytes at most", IntStream.range(0, 50).map(i -> 1400).toArray(),
                        List.of("g:1400x46", "g:1400x4")),
                new Case("nothing in, nothing out", new int[0], List.of()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void groupsRunsOfEqualSizedPacketsInOrder(Case c) {
        List<String> out = new ArrayList<>();
        List<ByteBuf> seen = new ArrayList<>();
        SegmentBatcher batcher = new SegmentBatcher(new SegmentBatcher.Output() {
            @Override
            public void single(ByteBuf packet) {
                out.add("s:" + packet.readableBytes());
                seen.add(packet);
            }

            @Override
            public void segmented(List<ByteBuf> packets, int segmentSize) {
                for (int i = 0; i < packets.size() - 1; i++) {
                    assertThat(packets.get(i).readableBytes()).isEqualTo(segmentSize);
                }
                assertThat(packets.get(packets.size() - 1).readableBytes()).isBetween(1, segmentSize);
                assertThat(packets.stream().mapToInt(ByteBuf::readableBytes).sum())
                        .isLessThanOrEqualTo(SegmentBatcher.MAX_BYTES);
                out.add("g:" + segmentSize + "x" + packets.size());
                seen.addAll(packets);
            }
        });
        List<ByteBuf> in = new ArrayList<>();
        for (int i = 0; i < c.sizes().length; i++) {
            ByteBuf p = Unpooled.buffer(c.sizes()[i]).writeZero(c.sizes()[i]).setByte(0, i);
            in.add(p);
            batcher.add(p);
        }
        batcher.flush();
        assertThat(out).isEqualTo(c.out());
        assertThat(seen).containsExactlyElementsOf(in);
        seen.forEach(ByteBuf::release);
    }

    @Test
    void discardReleasesWhatIsHeld() {
        SegmentBatcher batcher = new SegmentBatcher(new SegmentBatcher.Output() {
            @Override
            public void single(ByteBuf packet) {
                throw new AssertionError("nothing may be sent");
            }

            @Override
            public void segmented(List<ByteBuf> packets, int segmentSize) {
                throw new AssertionError("nothing may be sent");
            }
        });
        ByteBuf a = Unpooled.buffer().writeZero(100);
        ByteBuf b = Unpooled.buffer().writeZero(100);
        batcher.add(a);
        batcher.add(b);
        batcher.discard();
        batcher.flush();
        assertThat(a.refCnt()).isZero();
        assertThat(b.refCnt()).isZero();
    }
}
