package org.cctvgateway.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OutputTimelineTest {
    private static final long H = 3600;

    /** Inputs (null marks a discontinuity) and the outputs they must map to. */
    record Case(String name, List<Long> in, List<Long> out) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        long big = 1L << 33;
        return Stream.of(
                new Case("steady 25 fps starts at 0", List.of(big, big + H, big + 2 * H), List.of(0L, H, 2 * H)),
                new Case("lost frames keep their gap", List.of(0L, H, 5 * H, 6 * H), List.of(0L, H, 5 * H, 6 * H)),
                new Case("forward jump of an hour re-anchors", List.of(0L, H, 2 * H, 2 * H + 324_000_000L,
                        3 * H + 324_000_000L), List.of(0L, H, 2 * H, 3 * H, 4 * H)),
                new Case("backward jump (camera restart) re-anchors", List.of(900_000L, 903_600L, 907_200L, 10L,
                        3610L), List.of(0L, H, 2 * H, 3 * H, 4 * H)),
                new Case("small step back stays increasing", List.of(0L, H, 2 * H, 2 * H - 100, 3 * H),
                        List.of(0L, H, 2 * H, 2 * H + 1, 3 * H)),
                new Case("repeated timestamp stays increasing", List.of(0L, H, H), List.of(0L, H, H + 1)),
                new Case("discontinuity re-anchors on the typical interval", Arrays.asList(0L, 3000L, 6000L, 9000L,
                        null, 500L, 3500L), List.of(0L, 3000L, 6000L, 9000L, 12000L, 15000L)),
                new Case("discontinuity before any interval uses 25 fps", Arrays.asList(0L, null, 77L),
                        List.of(0L, H)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void mapsInputToContinuousOutput(Case c) {
        OutputTimeline timeline = new OutputTimeline();
        List<Long> out = new ArrayList<>();
        for (Long in : c.in()) {
            if (in == null) {
                timeline.discontinuity();
            } else {
                out.add(timeline.map(in));
            }
        }
        assertThat(out).isEqualTo(c.out());
    }
}
