package org.cctvgateway.cli.command;

import io.micrometer.core.instrument.Clock;
import org.cctvgateway.cli.runtime.GatewayMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cctvgateway.cli.output.JsonLines;
import org.cctvgateway.cli.runtime.GatewayRuntime;
import org.cctvgateway.cli.runtime.StreamPipeline;
import org.cctvgateway.config.ConfigLoader;
import org.cctvgateway.config.GatewayConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cctv-gateway serve}: the gateway, re-publishing the cameras of its configuration. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the gateway: pulls every configured camera stream and re-publishes it at",
                       "rtsps://HOST:8322/<site>/<camera>/<profile>, with metrics at http://127.0.0.1:9464/metrics."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration (see examples/config/gateway.yaml). "
                    + "Without it: all defaults, no cameras.")
    Path config;

    @Option(names = "--print-config", description = "Print the effective configuration as YAML and exit.")
    boolean printConfig;

    @Option(names = "--duration", defaultValue = "0s",
            description = "Stop after this long (e.g. 1h); 0s runs until Ctrl-C. Default: ${DEFAULT-VALUE}.")
    String duration;

    @Override
    public Integer call() throws Exception {
        common.applyLogLevel();
        Duration runFor = SimulateCommand.parseDuration(duration);
        ConfigLoader loader = new ConfigLoader();
        GatewayConfig cfg = config == null ? GatewayConfig.defaults() : loader.load(config);
        PrintWriter out = spec.commandLine().getOut();
        if (printConfig) {
            out.print(loader.write(cfg));
            out.flush();
            return 0;
        }
        PrometheusMeterRegistry registry = GatewayMetrics.newRegistry();
        try (Lifetime life = new Lifetime()) {
            GatewayRuntime rt = life.own(GatewayRuntime.start(cfg, System::getenv, registry, Clock.SYSTEM, null));
            String host = cfg.server().bind().equals("0.0.0.0") ? "HOST" : cfg.server().bind();
            for (StreamPipeline p : rt.pipelines()) {
                String url = rt.urlFor(host, p.path());
                if (common.json) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("path", p.path());
                    line.put("url", url);
                    JsonLines.print(out, line);
                } else {
                    out.println(p.path() + "  " + url);
                }
            }
            if (!common.json) {
                rt.fingerprint().ifPresent(f -> out.println("TLS certificate SHA-256 fingerprint: " + f));
                out.println(rt.pipelines().size() + " stream(s) configured; RTSP" + (rt.tlsEnabled() ? "S" : "")
                        + " on port " + rt.rtspPort() + rt.adminPort().map(p -> ", metrics on http://"
                        + cfg.admin().bind() + ":" + p + "/metrics").orElse("") + ". Press Ctrl-C to stop.");
                if (rt.pipelines().isEmpty()) {
                    out.println("No cameras configured: add them under 'streams:' in a YAML file "
                            + "(see examples/config/gateway.yaml) and run: cctv-gateway serve --config FILE");
                }
            }
            out.flush();
            life.await(runFor);
        }
        return 0;
    }
}
