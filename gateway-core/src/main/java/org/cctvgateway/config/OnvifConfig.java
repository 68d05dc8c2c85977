package org.cctvgateway.config;

/**
 * The gateway presented as an ONVIF device (Profile S: Device and Media services), so that a
 * video management system that speaks ONVIF can add the gateway like a camera: each
 * re-published stream is one media profile, whose stream URI is the {@code rtsps://} address on
 * the host the client reached.
 *
 * @param enabled off by default: it lists every re-published stream, so it is opened on purpose
 * @param bind address of the device service; 0.0.0.0 (all) by default
 * @param port 8080 by default, a port ONVIF clients commonly try
 * @param username the ONVIF user; required, since anonymous access does not exist
 * @param passwordEnv the environment variable holding that user's password
 */
public record OnvifConfig(Boolean enabled, String bind, Integer port, String username, String passwordEnv) {
    public OnvifConfig {
        enabled = enabled != null && enabled;
        bind = bind == null ? "0.0.0.0" : bind;
        port = port == null ? 8080 : port;
        username = username == null ? "" : username;
        passwordEnv = passwordEnv == null ? "" : passwordEnv;
    }

    public static OnvifConfig defaults() {
        return new OnvifConfig(null, null, null, null, null);
    }
}
