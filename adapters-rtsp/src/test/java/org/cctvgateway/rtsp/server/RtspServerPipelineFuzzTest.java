package org.cctvgateway.rtsp.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import org.cctvgateway.media.HubLimits;
import org.cctvgateway.media.StreamHub;
import org.cctvgateway.rtsp.codec.FramingLimits;

/**
 * Property: any bytes a client sends are answered or close the connection; no exception
 * escapes the pipeline and nothing leaks (the leak extension checks after each input).
 */
class RtspServerPipelineFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void survivesAnyClientBytes(byte[] data) {
        EmbeddedServer es = new EmbeddedServer(RtspServerOptions.builder().sessionTimeout(Duration.ofSeconds(5))
                .framingLimits(new FramingLimits(2048, 4096, 2048)).build());
        StreamHub hub = new StreamHub("/site/cam/main", HubLimits.DEFAULT);
        try {
            es.mounts.register("/site/cam/main", hub);
            ClipFeeder.feed(hub, ClipFeeder.Clip.h264(), 2);
            // Two writes, split in the middle, so partial messages are exercised too. The first
            // half may already close the connection (seed regression-closed-by-first-half).
            int half = data.length / 2;
            es.channel.writeInbound(es.channel.alloc().buffer().writeBytes(data, 0, half));
            if (es.channel.isOpen()) {
                es.channel.writeInbound(es.channel.alloc().buffer().writeBytes(data, half, data.length - half));
            }
            ClipFeeder.feed(hub, ClipFeeder.Clip.h264(), 2);
            es.channel.runPendingTasks();
            es.channel.checkException();
        } finally {
            hub.close();
            es.channel.runPendingTasks();
            es.drain();
            es.channel.finishAndReleaseAll();
        }
    }
}
