package org.cctvgateway.rtsp.client;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Clock;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.cctvgateway.media.Codec;
import org.cctvgateway.rtsp.codec.auth.DigestAlgorithm;
import org.cctvgateway.rtsp.codec.auth.DigestAuthenticator;
import org.cctvgateway.rtsp.codec.auth.UserSecret;
import org.cctvgateway.spi.SourceState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

class RtspStreamSourceTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static EventLoopGroup group;
    private FakeCamera camera;
    private RtspStreamSource source;
    private final RecordingSink sink = new RecordingSink();

    @BeforeAll
    static void startGroup() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    @BeforeEach
    void startCamera() throws InterruptedException {
        camera = new FakeCamera(group);
    }

    @AfterEach
    void stopAll() {
        if (source != null) {
            source.close();
        }
        camera.close();
        assertThat(camera.maxOpen.get()).as("sessions open at the same time").isLessThanOrEqualTo(1);
    }

    private RtspSourceOptions options(URI url, String user, String password) {
        return RtspSourceOptions.defaults(url, user, password)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(800),
                        Duration.ofMillis(800))
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(400));
    }

    private RtspStreamSource start(RtspSourceOptions options) {
        source = new RtspStreamSource(options, "site/cam-1/main", group, Clock.SYSTEM);
        source.start(sink);
        return source;
    }

    private DigestAuthenticator digest(DigestAlgorithm alg) {
        return new DigestAuthenticator(new DigestAuthenticator.Options("IP Camera(C1234)", List.of(alg),
                Duration.ofMinutes(5), false), DigestAuthenticator.users(Map.of("admin",
                new UserSecret.Password("12345"))), new byte[32], java.time.Clock.systemUTC(), new SecureRandom());
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void streamsOverTcpWithoutAuthentication() {
        start(options(camera.url(FakeCamera.VIDEO_PATH), "", ""));
        await("10 access units arrive", () -> sink.units.get() >= 10);
        assertThat(sink.events).startsWith("track", "unit");
        assertThat(sink.tracks.get(0).codec()).isEqualTo(Codec.H264);
        assertThat(sink.tracks.get(0).payloadType()).isEqualTo(96);
        assertThat(sink.keyframes.get()).isPositive();
        assertThat(source.status().state()).isEqualTo(SourceState.STREAMING);
        assertThat(source.framesReceived()).isGreaterThanOrEqualTo(10);
        assertThat(source.bytesReceived()).isPositive();
        assertThat(camera.requests).startsWith("OPTIONS " + camera.url(FakeCamera.VIDEO_PATH),
                "DESCRIBE " + camera.url(FakeCamera.VIDEO_PATH),
                "SETUP " + camera.url(FakeCamera.VIDEO_PATH) + "/trackID=1",
                "PLAY " + camera.url(FakeCamera.VIDEO_PATH) + "/");
    }

    @ParameterizedTest
    @EnumSource(value = DigestAlgorithm.class, names = {"MD5", "SHA_256"})
    void authenticatesWithDigest(DigestAlgorithm alg) {
        camera.script.auth = digest(alg);
        start(options(camera.url(FakeCamera.VIDEO_PATH), "admin", "12345"));
        await("access units arrive", () -> sink.units.get() >= 5);
        assertThat(camera.authorizations).isNotEmpty()
                .allSatisfy(a -> assertThat(a).startsWith("Digest ").contains("algorithm=" + alg.token()));
        assertThat(source.status().state()).isEqualTo(SourceState.STREAMING);
    }

    @Test
    void wrongPasswordShows401AndBacksOff() {
        camera.script.auth = digest(DigestAlgorithm.MD5);
        start(options(camera.url(FakeCamera.VIDEO_PATH), "admin", "hunter2"));
        await("the camera was tried twice", () -> camera.connections.get() >= 2);
        String url = camera.url(FakeCamera.VIDEO_PATH).toString();
        assertThat(source.status().lastError()).isEqualTo("camera at " + url + " refused the credentials (401)");
        assertThat(source.status().state()).isIn(SourceState.BACKING_OFF, SourceState.CONNECTING);
        assertThat(source.status().reconnects()).isPositive();
        assertThat(sink.events).isEmpty();
        // One request and one resend with credentials per attempt, never more.
        assertThat(camera.requestCount("OPTIONS")).isLessThanOrEqualTo(2L * camera.connections.get());
    }

    @Test
    void missingCredentialsAreNamedInTheStatus() {
        camera.script.auth = digest(DigestAlgorithm.MD5);
        start(options(camera.url(FakeCamera.VIDEO_PATH), "", ""));
        await("the first attempt failed", () -> !source.status().lastError().isEmpty());
        assertThat(source.status().lastError()).endsWith("asks for credentials (401) and none are configured");
    }

    @Test
    void neverLogsThePassword() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        try {
            camera.script.auth = digest(DigestAlgorithm.MD5);
            URI withCredentials = URI.create("rtsp://admin:hunter2@127.0.0.1:" + camera.port()
                    + FakeCamera.VIDEO_PATH);
            RtspSourceOptions opts = RtspSourceOptions.fromUrl(withCredentials);
            assertThat(opts.url().toString()).doesNotContain("hunter2");
            assertThat(opts.toString()).doesNotContain("hunter2");
            start(options(opts.url(), opts.username(), opts.password()));
            await("the camera was tried twice", () -> camera.connections.get() >= 2);
            assertThat(source.status().toString()).doesNotContain("hunter2");
        } finally {
            root.detachAppender(appender);
        }
        assertThat(appender.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage())
                .doesNotContain("hunter2").doesNotContain("Authorization"));
    }

    @Test
    void followsRedirect() {
        camera.script.redirectFromPath = "/old";
        start(options(camera.url("/old"), "", ""));
        await("access units arrive", () -> sink.units.get() >= 5);
        assertThat(camera.requests).contains("DESCRIBE " + camera.url("/old"),
                "DESCRIBE " + camera.url(FakeCamera.VIDEO_PATH));
        assertThat(camera.connections.get()).isEqualTo(2);
    }

    record Controls(String name, String contentBase, String sessionControl, String trackControl, String setupPath,
                    String playPath) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Controls> controls() {
        String p = FakeCamera.VIDEO_PATH;
        return List.of(
                new Controls("relative on Content-Base", "SELF", "*", "trackID=1", p + "/trackID=1", p + "/"),
                new Controls("no Content-Base: request URL, appended", null, null, "track1", p + "/track1", p),
                new Controls("absolute controls", null, "BASE", "BASE/video", p + "/video", p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controls")
    void resolvesControlUrls(Controls c) {
        camera.script.contentBase = c.contentBase();
        camera.script.sessionControl = c.sessionControl();
        camera.script.trackControl = c.trackControl();
        start(options(camera.url(FakeCamera.VIDEO_PATH), "", ""));
        await("access units arrive", () -> sink.units.get() >= 3);
        assertThat(camera.requests).contains("SETUP " + camera.url(c.setupPath()), "PLAY " + camera.url(c.playPath()));
    }

    @Test
    void streamsOverUdpWithCaptureTimesFromSenderReports() {
        start(options(camera.url(FakeCamera.VIDEO_PATH), "", "").withTransport(RtspSourceOptions.Transport.UDP));
        await("access units stamped by the camera clock arrive", () -> sink.cameraClockUnits.get() >= 5);
        Instant capture = Instant.ofEpochSecond(0, sink.lastCaptureTimeNanos);
        assertThat(capture).isBetween(FakeCamera.SR_EPOCH, FakeCamera.SR_EPOCH.plusSeconds(3600));
        assertThat(camera.requests).anyMatch(r -> r.startsWith("SETUP "));
        assertThat(source.reconnects()).isZero();
    }

    @Test
    void sendsKeepAlivesAndReceiverReports() {
        camera.script.sessionTimeoutSeconds = 1;
        start(options(camera.url(FakeCamera.VIDEO_PATH), "", ""));
        await("a GET_PARAMETER keep-alive arrives", () -> camera.requestCount("GET_PARAMETER") >= 1);
        await("an RTCP receiver report arrives", () -> camera.rtcpReceived.get() >= 1);
        assertThat(source.status().state()).isEqualTo(SourceState.STREAMING);
    }

    @Test
    void keepsAliveWithOptionsWhenGetParameterIsNotListed() {
        camera.script.sessionTimeoutSeconds = 1;
        camera.script.getParameter = false;
        start(options(camera.url(FakeCamera.VIDEO_PATH), "", ""));
        await("an OPTIONS keep-alive arrives", () -> camera.keepAlives.get() >= 1);
        assertThat(camera.requestCount("GET_PARAMETER")).isZero();
    }

    @Test
    void reconnectsAfterTheCameraDropsTheConnection() {
        camera.script.dropFirstConnectionAfterFrames = 15;
        start(options(camera.url(FakeCamera.VIDEO_PATH), "", ""));
        await("the second session delivers", () -> sink.events.size() >= 5 && sink.units.get() > 20);
        assertThat(sink.events).startsWith("track", "unit", "discontinuity", "track", "unit");
        assertThat(source.reconnects()).isEqualTo(1);
        assertThat(source.status().lastError()).contains("closed the connection");
        assertThat(source.status().state()).isEqualTo(SourceState.STREAMING);
    }

    @Test
    void reconnectsWhenPlayingSendsNoVideo() {
        camera.script.sendVideo = false;
        start(options(camera.url(FakeCamera.VIDEO_PATH), "", ""));
        await("the camera was tried twice", () -> camera.connections.get() >= 2);
        assertThat(source.status().lastError()).endsWith("sent no video within 800 ms of PLAY");
        assertThat(sink.events).doesNotContain("unit");
    }

    @Test
    void backsOffWhenTheCameraRefusesConnections() {
        URI closed = URI.create("rtsp://127.0.0.1:" + camera.port() + "/x");
        camera.close();
        start(options(closed, "", ""));
        await("a failure is reported", () -> !source.status().lastError().isEmpty());
        assertThat(source.status().lastError()).isEqualTo("camera at " + closed + " refused the connection");
    }

    @Test
    void closeSendsTeardownAndStops() {
        start(options(camera.url(FakeCamera.VIDEO_PATH), "", ""));
        await("access units arrive", () -> sink.units.get() >= 3);
        source.close();
        source.close();
        assertThat(camera.teardowns.get()).isEqualTo(1);
        assertThat(source.status().state()).isEqualTo(SourceState.CLOSED);
        int units = sink.units.get();
        await("the camera saw the connection close", () -> camera.open.get() == 0);
        assertThat(sink.units.get()).isEqualTo(units);
    }
}
