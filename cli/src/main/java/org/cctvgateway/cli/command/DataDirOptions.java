package org.cctvgateway.cli.command;

import java.nio.file.Path;
import org.cctvgateway.config.ConfigLoader;
import org.cctvgateway.config.GatewayConfig;
import picocli.CommandLine.Option;

/**
 * Where a command finds the gateway's state: the data directory of {@code --config FILE}
 * ({@code dataDir}, "data" by default), or {@code --data-dir DIR}, which wins over both.
 *
 * <p>Layout under the data directory: {@code registry.yaml} (sites, cameras, consent),
 * {@code vault/} (camera passwords), {@code pki/} (the gateway's CA, server certificate, agency
 * certificates, revocations, hashed agency credentials), {@code audit/} (the audit log),
 * {@code emergency.yaml} (emergency windows), {@code access-policy.yaml} (the access policy,
 * unless {@code --policy} names another file), {@code tls/} (the self-signed certificate used
 * before {@code pki init}).
 */
final class DataDirOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration (see examples/config/gateway.yaml); its dataDir is used.")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The gateway's data directory; overrides dataDir of --config. Default: data")
    Path dataDir;

    /** The configuration of {@code --config}, or the defaults, with {@code --data-dir} applied. */
    GatewayConfig config() {
        GatewayConfig cfg = config == null ? GatewayConfig.defaults() : new ConfigLoader().load(config);
        return dataDir == null ? cfg : cfg.withDataDir(dataDir.toString());
    }

    /** The data directory to use. */
    Path dataDir() {
        return dataDir != null ? dataDir : Path.of(config().dataDir());
    }
}
