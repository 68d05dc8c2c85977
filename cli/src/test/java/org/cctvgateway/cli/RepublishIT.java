package org.cctvgateway.cli;

import org.cctvgateway.testing.ExternalProcess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cctvgateway.media.Codec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway end to end with ffmpeg and ffprobe as the real clients: simulated cameras (H.264
 * and H.265, behind Digest authentication) pulled by the gateway and re-published over RTSPS.
 */
class RepublishIT {
    @TempDir
    static Path tmp;

    private static SimulatedSite site;

    @BeforeAll
    static void startSite() throws Exception {
        site = new SimulatedSite(tmp.resolve("data"), Duration.ofSeconds(5), Codec.H264, Codec.H265);
        site.awaitStreaming(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopSite() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void ffprobeReadsCodecAndResolutionOfEachSourceOverRtsps() throws Exception {
        String[][] expected = {{"h264", "640", "360"}, {"hevc", "640", "360"}};
        for (int cam = 1; cam <= 2; cam++) {
            try (ExternalProcess probe = ExternalProcess.start("ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                    "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height", "-of", "json",
                    site.url(cam))) {
                ExternalProcess.Result r = probe.await(Duration.ofSeconds(30));
                assertThat(r.exitCode()).as("ffprobe exit; stderr: %s", r.stderr()).isZero();
                JsonNode stream = new ObjectMapper().readTree(r.stdout()).path("streams").path(0);
                assertThat(stream.path("codec_name").asText()).isEqualTo(expected[cam - 1][0]);
                assertThat(stream.path("width").asText()).isEqualTo(expected[cam - 1][1]);
                assertThat(stream.path("height").asText()).isEqualTo(expected[cam - 1][2]);
            }
        }
    }

    @Test
    void gstreamerDecodesEachStreamOverRtsps() throws Exception {
        String[][] chains = {{"rtph264depay", "h264parse", "avdec_h264"}, {"rtph265depay", "h265parse", "avdec_h265"}};
        for (int cam = 1; cam <= 2; cam++) {
            String[] c = chains[cam - 1];
            // tls-validation-flags=0: the test gateway's certificate is self-signed. The pipeline
            // ends (EOS) once the sink has 100 decoded frames; that is what is asserted, not the
            // exit code, because rtspsrc sometimes closes its own connection at EOS and then fails
            // to send PAUSE on it ("Received end-of-file"), after every frame was decoded.
            ExternalProcess.Result r = ExternalProcess.run(List.of("gst-launch-1.0", "rtspsrc",
                    "location=" + site.url(cam), "tls-validation-flags=0", "protocols=tcp", "!", c[0], "!", c[1], "!",
                    c[2], "!", "fakesink", "num-buffers=100", "sync=false"), Duration.ofSeconds(40));
            assertThat(r.stdout()).as("gst-launch for camera %d (exit %d); stderr: %s", cam, r.exitCode(), r.stderr())
                    .contains("Got EOS from element \"pipeline0\"");
            assertThat(r.stdout() + r.stderr()).doesNotContain("Internal data stream error")
                    .doesNotContain("not-negotiated").doesNotContain("decoding error");
        }
    }

    @Test
    void ffmpegDecodesTenSecondsWithoutAnError() throws Exception {
        try (ExternalProcess ff = ExternalProcess.start("ffmpeg", "-nostdin", "-v", "error", "-xerror",
                "-rtsp_transport", "tcp", "-i", site.url(1), "-t", "10", "-f", "null", "-")) {
            ExternalProcess.Result r = ff.await(Duration.ofSeconds(40));
            assertThat(r.exitCode()).as("ffmpeg exit; stderr: %s", r.stderr()).isZero();
            assertThat(r.stderr()).isEmpty();
        }
    }

    @Test
    void twentyViewersOnOneCameraEachReceiveEveryFrame() throws Exception {
        List<CountingViewer> viewers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                viewers.add(new CountingViewer(site.url(1), site.group));
            }
            // 6 s at 25 fps is 150 frames; each viewer must see at least 120 of them in a row
            // (allowing for the time to connect), with no frame missing in between.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && viewers.stream().anyMatch(v -> v.frames.get() < 150)) {
                Thread.sleep(100);
            }
        } finally {
            viewers.forEach(CountingViewer::close);
        }
        for (CountingViewer v : viewers) {
            assertThat(v.frames.get()).as("frames received").isGreaterThanOrEqualTo(150);
            assertThat(v.gaps.get()).as("frames missing (timestamp steps %s)", v.gapSteps).isZero();
            assertThat(v.backwards.get()).as("timestamps going back").isZero();
            assertThat(v.sessions.get()).as("sessions (a reconnect would mean a drop)").isEqualTo(1);
        }
    }

    @Test
    void metricsAndHealthAreServed() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        int port = site.gateway.adminPort().orElseThrow();
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("gateway_stream_frames_in_total{camera=\"cam-1\",profile=\"main\",site=\"site-1\"}")
                .contains("gateway_stream_received_bytes_total{camera=\"cam-2\"")
                .contains("gateway_stream_state{")
                .contains("jvm_memory_used_bytes{");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode doc = new ObjectMapper().readTree(health.body());
        List<String> states = new ArrayList<>();
        doc.path("streams").forEach(s -> states.add(s.path("state").asText()));
        assertThat(states).containsExactly("streaming", "streaming");
    }
}
