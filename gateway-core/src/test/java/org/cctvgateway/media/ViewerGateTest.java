package org.cctvgateway.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cctvgateway.media.ViewerGate.Decision.DELIVER;
import static org.cctvgateway.media.ViewerGate.Decision.DISCONNECT;
import static org.cctvgateway.media.ViewerGate.Decision.DROP;

import io.micrometer.core.instrument.MockClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ViewerGateTest {
    private final MockClock clock = new MockClock();
    private final ViewerGate gate = new ViewerGate(Duration.ofSeconds(5), clock);

    @Test
    void deliversWhileWritable() {
        assertThat(gate.offer(true, true)).isEqualTo(DELIVER);
        assertThat(gate.offer(false, true)).isEqualTo(DELIVER);
        assertThat(gate.dropped()).isZero();
    }

    @Test
    void dropsUntilNextKeyframeOnceNotWritable() {
        gate.offer(true, true);
        assertThat(gate.offer(false, false)).isEqualTo(DROP);
        assertThat(gate.offer(false, true)).as("writable again but no keyframe").isEqualTo(DROP);
        assertThat(gate.offer(true, false)).as("keyframe but still not writable").isEqualTo(DROP);
        assertThat(gate.offer(true, true)).isEqualTo(DELIVER);
        assertThat(gate.offer(false, true)).isEqualTo(DELIVER);
        assertThat(gate.dropped()).isEqualTo(3);
    }

    @Test
    void disconnectsAfterDroppingLongerThanMaxLag() {
        gate.offer(false, false);
        clock.add(Duration.ofSeconds(5));
        assertThat(gate.offer(false, true)).as("exactly max lag").isEqualTo(DROP);
        clock.add(Duration.ofMillis(1));
        assertThat(gate.offer(false, true)).isEqualTo(DISCONNECT);
        assertThat(gate.offer(true, true)).as("disconnect is final").isEqualTo(DISCONNECT);
        assertThat(gate.dropped()).isEqualTo(4);
    }

    @Test
    void lagClockRestartsAfterRecovery() {
        gate.offer(false, false);
        clock.add(Duration.ofSeconds(4));
        assertThat(gate.offer(true, true)).isEqualTo(DELIVER);
        clock.add(Duration.ofSeconds(2));
        assertThat(gate.offer(false, false)).isEqualTo(DROP);
        clock.add(Duration.ofSeconds(4));
        assertThat(gate.offer(false, false)).isEqualTo(DROP);
    }

    @Test
    void rejectsNonPositiveMaxLag() {
        assertThatThrownBy(() -> new ViewerGate(Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxLag must be positive, was PT0S");
    }
}
