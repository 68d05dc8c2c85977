package org.cctvgateway.cli;

import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.cli.runtime.GatewayRuntime;
import org.cctvgateway.cli.runtime.StreamPipeline;
import org.cctvgateway.cli.simulator.CameraSimulator;
import org.cctvgateway.cli.simulator.Clip;
import org.cctvgateway.config.AdminConfig;
import org.cctvgateway.config.GatewayConfig;
import org.cctvgateway.config.IngestConfig;
import org.cctvgateway.config.ServerConfig;
import org.cctvgateway.config.StreamConfig;
import org.cctvgateway.config.TlsConfig;
import org.cctvgateway.media.Codec;
import org.cctvgateway.cli.simulator.CameraAuth;

/**
 * A site on loopback for end-to-end tests: simulated cameras (behind a camera password) and the
 * gateway re-publishing them over RTSPS on free ports, all in this JVM, on the production code.
 */
final class SimulatedSite implements AutoCloseable {
    static final String CAMERA_USER = "admin";
    static final String CAMERA_PASSWORD = "Cam3ra-S3cret-Pw";

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    final PrometheusMeterRegistry registry = org.cctvgateway.cli.runtime.GatewayMetrics.newRegistry();
    final List<CameraSimulator> cameras = new ArrayList<>();
    private final List<Integer> lastPorts = new ArrayList<>();
    final GatewayRuntime gateway;
    final GatewayConfig config;

    /** One camera per codec given, each re-published at {@code site-1/cam-N/main}. */
    SimulatedSite(Path dataDir, Duration viewerMaxLag, Codec... codecs) {
        this(dataDir, viewerMaxLag, 0, codecs);
    }

    /** With {@code viewerSendBuffer} bytes of kernel send buffer per viewer (0: the default). */
    SimulatedSite(Path dataDir, Duration viewerMaxLag, long viewerSendBuffer, Codec... codecs) {
        this(dataDir, viewerMaxLag, viewerSendBuffer, 0, codecs);
    }

    /** With {@code viewerQueue} bytes queued per viewer before it counts as slow (0: the default). */
    SimulatedSite(Path dataDir, Duration viewerMaxLag, long viewerSendBuffer, long viewerQueue, Codec... codecs) {
        List<StreamConfig> streams = new ArrayList<>();
        try {
            for (int i = 0; i < codecs.length; i++) {
                CameraSimulator sim = CameraSimulator.start(1, "127.0.0.1", 0, Clip.bundled(codecs[i]),
                        Optional.of(CameraAuth.forUser("test camera", CAMERA_USER, CAMERA_PASSWORD)), group, Clock.SYSTEM);
                cameras.add(sim);
                lastPorts.add(sim.cameras().get(0).port());
                streams.add(new StreamConfig("site-1", "cam-" + (i + 1), "main", sim.cameras().get(0).url(),
                        CAMERA_USER, "CAMERA_PW", null, "tcp", false));
            }
            ServerConfig server = new ServerConfig("127.0.0.1", 0, TlsConfig.defaults(), null, viewerMaxLag, null, null,
                    viewerSendBuffer == 0 ? null : viewerSendBuffer, viewerQueue == 0 ? null : viewerQueue);
            IngestConfig ingest = new IngestConfig(null, null, null, null, Duration.ofMillis(200), Duration.ofSeconds(2));
            config = new GatewayConfig(dataDir.toString(), server, new AdminConfig(true, "127.0.0.1", 0), ingest,
                    streams);
            gateway = GatewayRuntime.start(config, name -> name.equals("CAMERA_PW") ? CAMERA_PASSWORD : null,
                    registry, Clock.SYSTEM, group);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Stops simulated camera {@code camera} (1-based), the way a camera reboots and drops its sessions. */
    void stopCamera(int camera) {
        cameras.get(camera - 1).close();
    }

    /** Starts camera {@code camera} again on the port it had, with a new random RTP timeline. */
    void restartCamera(int camera, Codec codec) {
        int port = cameras.get(camera - 1).cameras().isEmpty() ? lastPorts.get(camera - 1)
                : cameras.get(camera - 1).cameras().get(0).port();
        cameras.get(camera - 1).close();
        cameras.set(camera - 1, CameraSimulator.start(1, "127.0.0.1", port, Clip.bundled(codec),
                Optional.of(CameraAuth.forUser("test camera", CAMERA_USER, CAMERA_PASSWORD)), group, Clock.SYSTEM));
    }

    String url(int camera) {
        return gateway.urlFor("127.0.0.1", "site-1/cam-" + camera + "/main");
    }

    StreamPipeline pipeline(int camera) {
        return gateway.pipelines().get(camera - 1);
    }

    /** Waits until every stream has its first picture at the gateway. */
    void awaitStreaming(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (gateway.pipelines().stream().allMatch(p -> p.hub().streamInfo().isPresent())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("streams not up within " + limit + ": " + gateway.health());
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
        cameras.forEach(CameraSimulator::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
