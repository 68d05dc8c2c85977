package org.cctvgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.cctvgateway.media.Codec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A viewer that stops reading is skipped and then disconnected; it never slows the others. */
class SlowViewerIT {
    @TempDir
    Path tmp;

    @Test
    void stalledViewerIsDisconnectedWhileOthersReceiveEveryFrame() throws Exception {
        try (SimulatedSite site = new SimulatedSite(tmp.resolve("data"), Duration.ofSeconds(2), 32 * 1024, 128 * 1024, Codec.H264)) {
            site.awaitStreaming(Duration.ofSeconds(20));
            try (StalledViewer stalled = new StalledViewer(site.url(1));
                 CountingViewer healthy = new CountingViewer(site.url(1), site.group)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline && healthy.frames.get() < 200) {
                    Thread.sleep(100);
                }
                assertThat(healthy.frames.get()).as("frames at the healthy viewer").isGreaterThanOrEqualTo(200);
                assertThat(healthy.gaps.get()).as("frames the healthy viewer missed").isZero();
                assertThat(healthy.sessions.get()).isEqualTo(1);
                assertThat(stalled.closedByServer(15_000)).as("stalled viewer disconnected").isTrue();
            }
            assertThat(site.registry.scrape()).containsPattern(
                    "gateway_stream_viewer_disconnects_total\\{[^}]*camera=\"cam-1\"[^}]*\\} [1-9]");
        }
    }
}
