package org.cctvgateway.config;

import java.util.List;

/**
 * The gateway's whole configuration. Every setting has a default, so the gateway starts with no
 * file at all; {@link ConfigLoader} reads YAML into it and validates every value.
 *
 * @param dataDir where the gateway keeps what it writes (TLS material now; registry, vault and
 *     audit log later); {@code data} under the working directory by default
 * @param streams the cameras to re-publish; none by default
 * @param onvif the gateway presented as an ONVIF device; off by default
 */
public record GatewayConfig(String dataDir, ServerConfig server, AdminConfig admin, IngestConfig ingest,
                            List<StreamConfig> streams, OnvifConfig onvif) {
    public GatewayConfig {
        dataDir = dataDir == null ? "data" : dataDir;
        server = server == null ? ServerConfig.defaults() : server;
        admin = admin == null ? AdminConfig.defaults() : admin;
        ingest = ingest == null ? IngestConfig.defaults() : ingest;
        streams = streams == null ? List.of() : List.copyOf(streams);
        onvif = onvif == null ? OnvifConfig.defaults() : onvif;
    }

    /** This configuration with another data directory (a command's {@code --data-dir}). */
    public GatewayConfig withDataDir(String dir) {
        return new GatewayConfig(dir, server, admin, ingest, streams, onvif);
    }

    /** A configuration without the ONVIF device service. */
    public GatewayConfig(String dataDir, ServerConfig server, AdminConfig admin, IngestConfig ingest,
                         List<StreamConfig> streams) {
        this(dataDir, server, admin, ingest, streams, null);
    }

    public static GatewayConfig defaults() {
        return new GatewayConfig(null, null, null, null, null, null);
    }
}
