package org.cctvgateway.cli.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Clock;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.cli.simulator.CameraSimulator;
import org.cctvgateway.cli.simulator.Clip;
import org.cctvgateway.media.Codec;
import org.cctvgateway.testing.ExternalProcess;
import org.cctvgateway.validation.StreamFacts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sampler's figures against ffprobe's reading of the same simulated stream, read at the same
 * time: resolution exactly, frame rate and bitrate within 5 %.
 */
class StreamSamplerIT {
    private static MultiThreadIoEventLoopGroup group;
    private static CameraSimulator sim;

    @BeforeAll
    static void start() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        sim = CameraSimulator.start(1, "127.0.0.1", 0, Clip.bundled(Codec.H264), Optional.empty(), group,
                Clock.SYSTEM);
    }

    @AfterAll
    static void stop() {
        sim.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void measuredFiguresAgreeWithFfprobe() throws Exception {
        String url = sim.cameras().get(0).url();
        try (ExternalProcess ffprobe = ExternalProcess.start("ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                "-read_intervals", "%+5", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height:packet=pts_time,size", "-of", "json", url)) {
            StreamSampler.Result result = new StreamSampler(group, Clock.SYSTEM, Duration.ofSeconds(5))
                    .sample("main", URI.create(url), "", "", Duration.ofSeconds(5));
            ExternalProcess.Result probe = ffprobe.await(Duration.ofSeconds(30));
            assertThat(probe.exitCode()).as(probe.stderr()).isZero();
            JsonNode json = new ObjectMapper().readTree(probe.stdout());
            JsonNode stream = json.path("streams").get(0);
            List<JsonNode> packets = list(json.path("packets"));
            assertThat(packets).hasSizeGreaterThan(50);
            double first = packets.get(0).path("pts_time").asDouble();
            double last = packets.get(packets.size() - 1).path("pts_time").asDouble();
            long bytes = 0;
            for (int i = 0; i < packets.size() - 1; i++) {
                bytes += packets.get(i).path("size").asLong();
            }
            double fps = (packets.size() - 1) / (last - first);
            double kbps = bytes * 8 / 1000.0 / (last - first);

            StreamFacts f = result.facts();
            assertThat(result.error()).isEmpty();
            assertThat(f.codec()).isEqualTo("H264");
            assertThat(stream.path("codec_name").asText()).isEqualTo("h264");
            assertThat(f.width()).isEqualTo(stream.path("width").asInt());
            assertThat(f.height()).isEqualTo(stream.path("height").asInt());
            assertThat(f.frameRate()).isCloseTo(fps, within(fps * 0.05));
            assertThat(f.bitrateKbps()).isCloseTo(kbps, within(kbps * 0.05));
            assertThat(f.senderReports()).isTrue();
            assertThat(f.clockDriftSeconds()).isBetween(-1.0, 0.5);
            assertThat(f.parameterSetsInBand()).isTrue();
            assertThat(f.gopSeconds()).isPositive();
            assertThat(f.startSeconds()).isBetween(0.0, 5.0);
            assertThat(f.timestampJitterMs()).isCloseTo(0.0, within(1.0));
            assertThat(f.largestRtpPacketBytes()).as("12-byte header + at most 1400 payload").isEqualTo(1412);
        }
    }

    @Test
    void aStreamThatDoesNotAnswerIsUnreachableWithTheReason() {
        URI nowhere = URI.create("rtsp://127.0.0.1:" + sim.cameras().get(0).port() + "/no-such-path");
        StreamSampler.Result result = new StreamSampler(group, Clock.SYSTEM, Duration.ofSeconds(2))
                .sample("main", nowhere, "", "", Duration.ofSeconds(2));
        assertThat(result.facts().reached()).isFalse();
        assertThat(result.error()).isNotEmpty();
    }

    private static List<JsonNode> list(JsonNode array) {
        java.util.ArrayList<JsonNode> out = new java.util.ArrayList<>();
        array.forEach(out::add);
        return out;
    }
}
