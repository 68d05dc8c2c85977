package org.cctvgateway.cli.command;

import io.micrometer.core.instrument.Clock;
import org.cctvgateway.cli.runtime.GatewayMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.cli.output.JsonLines;
import org.cctvgateway.cli.runtime.GatewayRuntime;
import org.cctvgateway.cli.runtime.StreamPipeline;
import org.cctvgateway.cli.simulator.CameraSimulator;
import org.cctvgateway.cli.simulator.Clip;
import org.cctvgateway.config.AdminConfig;
import org.cctvgateway.config.ConfigLoader;
import org.cctvgateway.config.GatewayConfig;
import org.cctvgateway.config.ServerConfig;
import org.cctvgateway.config.StreamConfig;
import org.cctvgateway.media.Codec;
import org.cctvgateway.cli.simulator.CameraAuth;
import org.cctvgateway.rtsp.transport.Transports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cctv-gateway demo}: the simulated site. Three simulated cameras (a hotel lobby, a
 * plaza entrance, a school gate), each behind a camera password, pulled by the gateway and
 * re-published over RTSPS, with the command to watch each one.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs a simulated site: three simulated cameras and the gateway re-publishing them over",
                       "RTSPS, and prints the command to watch each stream. Ctrl-C stops everything."})
public final class DemoCommand implements Callable<Integer> {
    private static final String[][] SITE = {
        {"hotel-01", "lobby"}, {"plaza-01", "entrance"}, {"school-01", "gate"}};
    private static final String CAMERA_USER = "gateway";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--port", defaultValue = "8322",
            description = "RTSPS port of the gateway. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--admin-port", defaultValue = "9464",
            description = "Port of /metrics and /health; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int adminPort;

    @Option(names = "--data-dir", defaultValue = "data",
            description = "Where the gateway keeps its TLS certificate. Default: ${DEFAULT-VALUE}.")
    String dataDir;

    @Option(names = "--codec", defaultValue = "h264",
            description = "h264 or h265 for the simulated cameras. Default: ${DEFAULT-VALUE}.")
    String codec;

    @Option(names = "--no-tls", description = "Serve plain rtsp:// instead of rtsps:// (loopback tests only).")
    boolean noTls;

    @Option(names = "--duration", defaultValue = "0s",
            description = "Stop after this long (e.g. 30s); 0s runs until Ctrl-C. Default: ${DEFAULT-VALUE}.")
    String duration;

    @Override
    public Integer call() throws Exception {
        common.applyLogLevel();
        Duration runFor = SimulateCommand.parseDuration(duration);
        Codec c = SimulateCommand.parseCodec(codec);
        PrintWriter out = spec.commandLine().getOut();
        String cameraPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        try (Lifetime life = new Lifetime()) {
            MultiThreadIoEventLoopGroup group = Transports.newEventLoopGroup(0);
            life.own(() -> group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS));
            CameraSimulator sim = life.own(CameraSimulator.start(SITE.length, "127.0.0.1", 0, Clip.bundled(c),
                    Optional.of(CameraAuth.forUser("simulated camera", CAMERA_USER, cameraPassword)),
                    group, Clock.SYSTEM));
            List<StreamConfig> streams = new ArrayList<>();
            for (int i = 0; i < SITE.length; i++) {
                streams.add(new StreamConfig(SITE[i][0], SITE[i][1], "main", sim.cameras().get(i).url(), CAMERA_USER,
                        "DEMO_CAMERA_PASSWORD", null, "tcp", false));
            }
            ServerConfig server = new ServerConfig("127.0.0.1", port,
                    new org.cctvgateway.config.TlsConfig(!noTls, null, null, null, null),
                    null, null, null, null, null, null);
            GatewayConfig cfg = new GatewayConfig(dataDir, server, new AdminConfig(true, "127.0.0.1", adminPort),
                    null, streams);
            List<String> problems = ConfigLoader.validate(cfg);
            if (!problems.isEmpty()) {
                throw new org.cctvgateway.ConfigException("", String.join("; ", problems), "check the demo's options");
            }
            PrometheusMeterRegistry registry = GatewayMetrics.newRegistry();
            GatewayRuntime rt = life.own(GatewayRuntime.start(cfg,
                    name -> name.equals("DEMO_CAMERA_PASSWORD") ? cameraPassword : null, registry, Clock.SYSTEM,
                    group));
            awaitStreams(rt, Duration.ofSeconds(15));
            report(out, rt);
            life.await(runFor);
        }
        return 0;
    }

    private static void awaitStreams(GatewayRuntime rt, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (rt.pipelines().stream().allMatch(p -> p.hub().streamInfo().isPresent())) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private void report(PrintWriter out, GatewayRuntime rt) {
        boolean tls = rt.tlsEnabled();
        for (StreamPipeline p : rt.pipelines()) {
            String url = rt.urlFor("127.0.0.1", p.path());
            String watch = "ffplay -rtsp_transport tcp " + url;
            if (common.json) {
                Map<String, Object> line = new LinkedHashMap<>();
                String[] parts = p.path().split("/");
                line.put("site", parts[0]);
                line.put("camera", parts[1]);
                line.put("url", url);
                line.put("watch", watch);
                line.put("state", p.status().state().name().toLowerCase(java.util.Locale.ROOT));
                p.hub().streamInfo().ifPresent(i -> {
                    line.put("codec", i.codec().name().toLowerCase(java.util.Locale.ROOT));
                    line.put("width", i.width());
                    line.put("height", i.height());
                });
                JsonLines.print(out, line);
            } else {
                out.println(p.path());
                out.println("    " + url + "   (" + p.status().state().name().toLowerCase(java.util.Locale.ROOT)
                        + p.hub().streamInfo().map(i -> ", " + i.codec() + " " + i.width() + "x" + i.height())
                                .orElse("")
                        + ")");
                out.println("    watch: " + watch);
            }
        }
        if (!common.json) {
            out.println();
            rt.fingerprint().ifPresent(f -> out.println("Gateway TLS certificate (self-signed) SHA-256: " + f));
            if (tls) {
                out.println("VLC: vlc " + rt.urlFor("127.0.0.1", rt.pipelines().get(0).path())
                        + "  (accept the self-signed certificate when asked)");
            }
            rt.adminPort().ifPresent(p -> out.println("Metrics: http://127.0.0.1:" + p
                    + "/metrics   Health: http://127.0.0.1:"
                    + p + "/health"));
            out.println("The gateway is running; press Ctrl-C to stop.");
        }
        out.flush();
    }
}
