package org.cctvgateway.rtsp.server;

import org.cctvgateway.testing.ExternalProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.epoll.EpollIoHandler;
import java.time.Duration;
import java.util.List;
import org.cctvgateway.media.Codec;
import org.cctvgateway.rtsp.transport.Transports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.CsvSource;

/** Real players against the server: ffprobe and ffmpeg over TCP and UDP, H.264 and H.265. */
class RtspServerPlaybackTest {
    private static final Duration FRAME = Duration.ofMillis(10);
    private static final String PATH = "/site/cam/main";

    private ServerFixture fx;

    @BeforeEach
    void start() {
        fx = new ServerFixture();
        fx.start(RtspServerOptions.builder().build());
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    /** The same playback on the native epoll transport, whose UDP path sends packets as iovecs via sendmmsg. */
    @ParameterizedTest(name = "{0} over {1} on epoll")
    @CsvSource({"H264, tcp", "H264, udp", "H265, udp"})
    void ffmpegDecodesFiveSecondsWithoutErrorOnEpoll(Codec codec, String transport) throws Exception {
        assumeTrue(Transports.epollAvailable(), "the native epoll transport is not available here");
        fx.close();
        fx = new ServerFixture(EpollIoHandler.newFactory());
        fx.start(RtspServerOptions.builder().build());
        assertThat(Transports.isEpoll(fx.group)).isTrue();
        ffmpegDecodesFiveSecondsWithoutError(codec, transport);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void ffprobeSeesCodecAndResolution(Codec codec) throws Exception {
        ClipFeeder.Clip clip = codec == Codec.H264 ? ClipFeeder.Clip.h264() : ClipFeeder.Clip.h265();
        fx.mount(PATH, clip, FRAME);
        ExternalProcess.Result r = ExternalProcess.run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                "-show_streams", "-of", "json", fx.url("rtsp", PATH)), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode stream = new ObjectMapper().readTree(r.stdout()).path("streams").path(0);
        assertThat(stream.path("codec_name").asText()).isEqualTo(codec == Codec.H264 ? "h264" : "hevc");
        assertThat(stream.path("width").asInt()).isEqualTo(clip.width());
        assertThat(stream.path("height").asInt()).isEqualTo(clip.height());
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({"H264, tcp", "H264, udp", "H265, tcp", "H265, udp"})
    void ffmpegDecodesFiveSecondsWithoutError(Codec codec, String transport) throws Exception {
        fx.mount(PATH, codec == Codec.H264 ? ClipFeeder.Clip.h264() : ClipFeeder.Clip.h265(), FRAME);
        ExternalProcess.Result r = ExternalProcess.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-xerror",
                "-rtsp_transport", transport, "-i", fx.url("rtsp", PATH), "-t", "5", "-f", "framecrc", "-"),
                Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(frames(r.stdout())).isGreaterThanOrEqualTo(100);
        assertThat(fx.counter("gateway.stream.frames.out", "site", "site", "camera", "cam")).isPositive();
    }

    static long frames(String framecrc) {
        return framecrc.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).count();
    }
}
