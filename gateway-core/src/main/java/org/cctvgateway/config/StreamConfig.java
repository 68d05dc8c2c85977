package org.cctvgateway.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.Objects;

/**
 * One camera stream the gateway pulls and re-publishes at
 * {@code rtsps://HOST:PORT/<site>/<camera>/<profile>}.
 *
 * @param site the site id, a path segment ([a-z0-9_-], up to 64 characters)
 * @param camera the camera id, a path segment like {@code site}
 * @param profile the stream role, {@code main} by default ({@code sub} for a low-rate stream)
 * @param url the camera's {@code rtsp://} or {@code rtsps://} URL; credentials in it are
 *     allowed but better given by {@code username} and {@code passwordEnv}/{@code passwordFile}
 * @param username the camera account, empty when none
 * @param passwordEnv the name of an environment variable holding the password
 * @param passwordFile a file holding the password (first line), readable by the gateway only
 * @param transport {@code tcp} (default: interleaved RTP, passes NAT and firewalls) or {@code udp}
 * @param trustAllTls for {@code rtsps://} cameras with self-signed certificates: skip
 *     verification (off by default)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record StreamConfig(String site, String camera, String profile, String url, String username,
                           String passwordEnv, String passwordFile, String transport, Boolean trustAllTls) {
    public StreamConfig {
        site = site == null ? "" : site;
        camera = camera == null ? "" : camera;
        profile = profile == null ? "main" : profile;
        url = url == null ? "" : url;
        username = username == null ? "" : username;
        passwordEnv = passwordEnv == null ? "" : passwordEnv;
        passwordFile = passwordFile == null ? "" : passwordFile;
        transport = transport == null ? "tcp" : transport.toLowerCase(Locale.ROOT);
        trustAllTls = trustAllTls != null && trustAllTls;
    }

    /** The path the stream is re-published under, without the leading slash. */
    public String path() {
        return site + "/" + camera + "/" + profile;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamConfig s && s.site.equals(site) && s.camera.equals(camera)
                && s.profile.equals(profile) && s.url.equals(url) && s.username.equals(username)
                && s.passwordEnv.equals(passwordEnv) && s.passwordFile.equals(passwordFile)
                && s.transport.equals(transport) && s.trustAllTls.equals(trustAllTls);
    }

    @Override
    public int hashCode() {
        return Objects.hash(site, camera, profile, url, username, passwordEnv, passwordFile, transport, trustAllTls);
    }
}
