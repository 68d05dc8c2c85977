package org.cctvgateway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Proves the leak check works: a buffer dropped without release inside this test is reported by
 * {@link RecordingLeakDetector} and turned into a failure by {@link LeakCheckExtension}. Each
 * test removes its own deliberate leak so the suite still passes.
 */
class LeakCheckExtensionTest {

    /** Bounded: each attempt is a few GC rounds. */
    private static final int MAX_ATTEMPTS = 10;

    @Test
    void detectorIsInstalledThroughTheSystemProperty() {
        ByteBufAllocator.DEFAULT.buffer(1).release();
        assertThat(RecordingLeakDetector.installed()).isTrue();
    }

    @Test
    void recordsABufferThatWasNeverReleased() {
        String tag = RecordingLeakDetector.DELIBERATE_LEAK_HINT + "-" + UUID.randomUUID();
        leakOneBuffer(tag);

        List<RecordingLeakDetector.Leak> found = awaitLeakTagged(tag);

        assertThat(found).hasSize(1);
        assertThat(found.get(0).records()).contains(tag);
    }

    @Test
    void checkFailsWithTheLeakRecordsAndThenForgetsThem() {
        String tag = RecordingLeakDetector.DELIBERATE_LEAK_HINT + "-" + UUID.randomUUID();
        leakOneBuffer(tag);
        awaitPresent(tag);

        assertThatThrownBy(() -> LeakCheckExtension.check("checkFailsWithTheLeakRecords"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("leak")
                .hasMessageContaining(tag);
        assertThat(RecordingLeakDetector.leaks()).noneMatch(l -> l.records().contains(tag));
    }

    @Test
    void releasedBufferIsNotReported() {
        String tag = RecordingLeakDetector.DELIBERATE_LEAK_HINT + "-" + UUID.randomUUID();
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(64);
        buf.touch(tag);
        buf.release();

        LeakCheckExtension.collectLeaks();

        assertThat(RecordingLeakDetector.leaks()).noneMatch(l -> l.records().contains(tag));
    }

    /** Allocates, touches and drops a buffer; a separate method so no local keeps it reachable. */
    private static void leakOneBuffer(String tag) {
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(64);
        buf.writeInt(42);
        buf.touch(tag);
    }

    private static void awaitPresent(String tag) {
        for (int i = 0; i < MAX_ATTEMPTS; i++) {
            LeakCheckExtension.collectLeaks();
            if (RecordingLeakDetector.leaks().stream().anyMatch(l -> l.records().contains(tag))) {
                return;
            }
        }
        throw new AssertionError("leak tagged " + tag + " was never reported; leak detection is broken");
    }

    /** Waits (bounded) for the leak, then removes and returns its records. */
    private static List<RecordingLeakDetector.Leak> awaitLeakTagged(String tag) {
        awaitPresent(tag);
        return RecordingLeakDetector.removeIf(l -> l.records().contains(tag));
    }
}
