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
import org.cctvgateway.cli.runtime.AgencyGateway;
import org.cctvgateway.cli.runtime.GatewayRuntime;
import org.cctvgateway.cli.runtime.StreamPipeline;
import org.cctvgateway.config.ConfigLoader;
import org.cctvgateway.config.GatewayConfig;
import java.util.Optional;
import org.cctvgateway.pki.GatewayCa;
import org.cctvgateway.policy.AccessPolicy;
import org.cctvgateway.registry.RegistryStore;
import org.cctvgateway.vault.VaultKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cctv-gateway serve}: the gateway. Once the gateway's CA exists ({@code pki init}) it
 * re-publishes every active, consented camera of the registry to the agencies the access policy
 * allows, each identified by its client certificate or its Digest credentials, and audits every
 * session and refusal; without it, only the cameras of the configuration file, as a quick test.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the gateway.",
                       "Re-publishes every active, consented camera of the registry to agencies (after `pki init`)",
                       "and the streams of --config at rtsps://HOST:8322/<site>/<camera>/<role>, with metrics at",
                       "http://127.0.0.1:9464/metrics and the camera catalog at /catalog."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration (see examples/config/gateway.yaml). "
                    + "Without it: all defaults, no cameras.")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The gateway's data directory; overrides dataDir of --config. Default: data")
    Path dataDir;

    @Option(names = "--policy", paramLabel = "FILE",
            description = "The access policy (which agency may see what). Default: DATA/access-policy.yaml")
    Path policy;

    @Option(names = "--vault-passphrase-env", paramLabel = "VAR",
            description = "Environment variable holding the vault passphrase; default: the key file "
                    + "DATA/vault/vault.key.")
    String vaultPassphraseEnv;

    @Option(names = "--print-config", description = "Print the effective configuration as YAML and exit.")
    boolean printConfig;

    @Option(names = "--duration", defaultValue = "0s",
            description = "Stop after this long (e.g. 1h); 0s runs until Ctrl-C. Default: ${DEFAULT-VALUE}.")
    String duration;

    java.util.function.Function<String, String> environment = System::getenv;

    @Override
    public Integer call() throws Exception {
        common.applyLogLevel();
        Duration runFor = SimulateCommand.parseDuration(duration);
        ConfigLoader loader = new ConfigLoader();
        GatewayConfig loaded = config == null ? GatewayConfig.defaults() : loader.load(config);
        GatewayConfig cfg = dataDir == null ? loaded : loaded.withDataDir(dataDir.toString());
        PrintWriter out = spec.commandLine().getOut();
        if (printConfig) {
            out.print(loader.write(cfg));
            out.flush();
            return 0;
        }
        Path data = Path.of(cfg.dataDir());
        PrometheusMeterRegistry registry = GatewayMetrics.newRegistry();
        try (Lifetime life = new Lifetime()) {
            Optional<String> agencyNote = Optional.empty();
            GatewayRuntime rt;
            if (GatewayCa.exists(data)) {
                rt = startWithAgencyAccess(cfg, data, registry, life);
                Path policyFile = policy != null ? policy : AccessPolicy.defaultFile(data);
                agencyNote = Optional.of("Agency access: a client certificate from the gateway CA (SHA-256 "
                        + GatewayCa.load(data).caFingerprint() + ") or agency Digest credentials; policy "
                        + policyFile + (java.nio.file.Files.exists(policyFile) ? "" : " (missing: nobody may watch)")
                        + ". Every session and refusal is audited.");
            } else {
                int enrolled = RegistryStore.load(data.resolve(RegistryStore.FILE_NAME))
                        .servableCameras(java.time.Instant.now()).size();
                if (enrolled > 0) {
                    org.slf4j.LoggerFactory.getLogger(ServeCommand.class).warn("{} enrolled camera(s) are not "
                            + "re-published: agencies need the gateway's CA first; run: cctv-gateway pki init",
                            enrolled);
                }
                rt = life.own(GatewayRuntime.start(cfg, environment, registry, Clock.SYSTEM, null));
            }
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
                agencyNote.ifPresent(out::println);
                out.println(rt.pipelines().size() + " stream(s) served; RTSP" + (rt.tlsEnabled() ? "S" : "")
                        + " on port " + rt.rtspPort() + rt.adminPort().map(p -> ", metrics on http://"
                        + cfg.admin().bind() + ":" + p + "/metrics").orElse("") + ". Press Ctrl-C to stop.");
                if (rt.pipelines().isEmpty()) {
                    out.println("No cameras to re-publish yet: enroll them (cctv-gateway enroll HOST --site ID ...) "
                            + "or list streams in a YAML file (see examples/config/gateway.yaml) and run: "
                            + "cctv-gateway serve --config FILE");
                }
            }
            out.flush();
            life.await(runFor);
        }
        return 0;
    }

    /** The gateway with the registry's cameras, served to agencies under the access policy. */
    private GatewayRuntime startWithAgencyAccess(GatewayConfig cfg, Path data, PrometheusMeterRegistry registry,
                                                 Lifetime life) {
        Path policyFile = policy != null ? policy : AccessPolicy.defaultFile(data);
        VaultKey key = VaultKey.resolve(Optional.ofNullable(vaultPassphraseEnv), data, environment);
        return life.own(AgencyGateway.start(cfg, data, policyFile, key, environment, registry, null,
                java.time.Clock.systemUTC())).runtime();
    }
}
