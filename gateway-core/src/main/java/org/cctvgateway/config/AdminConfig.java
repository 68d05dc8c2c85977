package org.cctvgateway.config;

/**
 * The admin HTTP endpoint: {@code /metrics} (Prometheus text) and {@code /health}.
 *
 * @param enabled true by default
 * @param bind 127.0.0.1 by default: metrics stay on the gateway unless an operator opens them
 * @param port 9464 by default, the port Prometheus exporters conventionally use
 */
public record AdminConfig(Boolean enabled, String bind, Integer port) {
    public AdminConfig {
        enabled = enabled == null || enabled;
        bind = bind == null ? "127.0.0.1" : bind;
        port = port == null ? 9464 : port;
    }

    public static AdminConfig defaults() {
        return new AdminConfig(null, null, null);
    }
}
