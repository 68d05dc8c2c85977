package org.cctvgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Clock;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.cctvgateway.cli.runtime.GatewayMetrics;
import org.cctvgateway.cli.runtime.GatewayRuntime;
import org.cctvgateway.cli.simulator.CameraAuth;
import org.cctvgateway.cli.simulator.CameraSimulator;
import org.cctvgateway.cli.simulator.Clip;
import org.cctvgateway.config.AdminConfig;
import org.cctvgateway.config.GatewayConfig;
import org.cctvgateway.config.IngestConfig;
import org.cctvgateway.config.ServerConfig;
import org.cctvgateway.config.StreamConfig;
import org.cctvgateway.config.TlsConfig;
import org.cctvgateway.media.Codec;
import org.cctvgateway.spi.SourceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Camera passwords never reach a log line (at debug level too), the health document, the
 * metrics or an error message: neither one given in the stream URL nor a wrong one.
 */
class CredentialRedactionIT {
    private static final String RIGHT = "Cam3ra-S3cret-Pw";
    private static final String WRONG = "Wr0ng-Pa55w0rd-X";

    @TempDir
    Path tmp;

    @Test
    void passwordsAppearInNoLogLineHealthDocumentOrMetric() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger gateway = (Logger) LoggerFactory.getLogger("org.cctvgateway");
        Level before = gateway.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        gateway.setLevel(Level.DEBUG);
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        try (CameraSimulator sim = CameraSimulator.start(1, "127.0.0.1", 0, Clip.bundled(Codec.H264),
                Optional.of(CameraAuth.forUser("camera", "admin", RIGHT)), group, Clock.SYSTEM)) {
            int port = sim.cameras().get(0).port();
            List<StreamConfig> streams = List.of(
                    new StreamConfig("s", "in-url", "main", "rtsp://admin:" + RIGHT + "@127.0.0.1:" + port + "/live",
                            null, null, null, null, null),
                    new StreamConfig("s", "wrong", "main", "rtsp://127.0.0.1:" + port + "/live", "admin", "PW", null,
                            null, null));
            GatewayConfig cfg = new GatewayConfig(tmp.toString(), new ServerConfig("127.0.0.1", 0, TlsConfig.defaults(),
                    null, null, null, null, null, null), new AdminConfig(true, "127.0.0.1", 0),
                    new IngestConfig(null, null, null, null, Duration.ofMillis(200), Duration.ofSeconds(1)), streams);
            var registry = GatewayMetrics.newRegistry();
            try (GatewayRuntime rt = GatewayRuntime.start(cfg, n -> n.equals("PW") ? WRONG : null, registry,
                    Clock.SYSTEM, group)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (System.nanoTime() < deadline && !(rt.pipelines().get(0).hub().streamInfo().isPresent()
                        && rt.pipelines().get(1).status().reconnects() >= 2)) {
                    Thread.sleep(100);
                }
                assertThat(rt.pipelines().get(0).status().state()).isEqualTo(SourceState.STREAMING);
                assertThat(rt.pipelines().get(1).status().state()).isNotEqualTo(SourceState.STREAMING);
                assertThat(rt.pipelines().get(1).status().lastError()).contains("401");
                String health = new ObjectMapper().writeValueAsString(rt.health());
                assertThat(health).doesNotContain(RIGHT).doesNotContain(WRONG).contains("401");
                assertThat(registry.scrape()).doesNotContain(RIGHT).doesNotContain(WRONG);
            }
        } finally {
            root.detachAppender(logs);
            gateway.setLevel(before);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        String everything = logs.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
        assertThat(logs.list).as("log lines captured").hasSizeGreaterThan(5);
        assertThat(everything).doesNotContain(RIGHT).doesNotContain(WRONG);
    }
}
