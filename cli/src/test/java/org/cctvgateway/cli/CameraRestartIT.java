package org.cctvgateway.cli;

import org.cctvgateway.testing.ExternalProcess;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cctvgateway.media.Codec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A camera that reboots mid-stream: the gateway reconnects on its own, and an ffmpeg viewer
 * that stays connected throughout sees its timestamps keep going forward, never back.
 */
class CameraRestartIT {
    @TempDir
    Path tmp;

    @Test
    void connectedFfmpegViewerSurvivesCameraRestartWithMonotonicTimestamps() throws Exception {
        try (SimulatedSite site = new SimulatedSite(tmp.resolve("data"), Duration.ofSeconds(5), Codec.H264)) {
            site.awaitStreaming(Duration.ofSeconds(20));
            Path frames = tmp.resolve("frames.crc");
            try (ExternalProcess ff = ExternalProcess.start("ffmpeg", "-nostdin", "-v", "error",
                    "-rtsp_transport", "tcp", "-i", site.url(1), "-map", "0:v", "-c", "copy", "-t", "14",
                    "-f", "framecrc", frames.toString())) {
                awaitLines(frames, 50, Duration.ofSeconds(20));
                site.stopCamera(1);
                Thread.sleep(1000);
                site.restartCamera(1, Codec.H264);
                ExternalProcess.Result r = ff.await(Duration.ofSeconds(60));
                assertThat(r.exitCode()).as("ffmpeg exit; stderr: %s", r.stderr()).isZero();
            }
            List<Long> pts = framePts(frames);
            assertThat(pts.size()).as("frames written by ffmpeg").isGreaterThan(200);
            // ffmpeg's RTSP demuxer leaves the first packet's pts unset (it does the same with its
            // own RTP muxer as the sender), and -c copy writes it as 0; the check starts after it.
            for (int i = 2; i < pts.size(); i++) {
                assertThat(pts.get(i)).as("pts of frame %d after %d", i, pts.get(i - 1)).isGreaterThan(pts.get(i - 1));
            }
            assertThat(site.pipeline(1).status().reconnects()).as("gateway reconnects to the camera").isPositive();
        }
    }

    /** The pts column of ffmpeg's framecrc output: "stream, dts, pts, duration, size, crc". */
    private static List<Long> framePts(Path file) throws Exception {
        List<Long> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] cols = line.split(",");
            out.add(Long.parseLong(cols[2].trim()));
        }
        return out;
    }

    private static void awaitLines(Path file, int lines, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.readAllLines(file).size() >= lines) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("ffmpeg wrote fewer than " + lines + " frames within " + limit);
    }
}
