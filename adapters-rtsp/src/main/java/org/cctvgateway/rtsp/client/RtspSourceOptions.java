package org.cctvgateway.rtsp.client;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.cctvgateway.rtsp.codec.FramingLimits;

/**
 * How an {@link RtspStreamSource} reaches one camera stream.
 *
 * @param url the stream URL, {@code rtsp://} or {@code rtsps://}, without user-info (credentials
 *     go in {@code username}/{@code password}; {@link #fromUrl} moves them there)
 * @param username empty when the camera needs none
 * @param password never logged, never in {@link #toString()}
 * @param transport TCP (interleaved, the default: works through NAT and firewalls, no loss
 *     from UDP drops) or UDP
 * @param connectTimeout TCP (and TLS) connect, default 5 s
 * @param requestTimeout each RTSP request's answer, default 5 s
 * @param firstFrameTimeout PLAY answered but no access unit yet: failed, default 5 s
 * @param stallTimeout no access unit while playing: failed, default 5 s
 * @param backoffInitial first wait after a failure, default 1 s; doubles per failure
 * @param backoffMax the cap of the wait, default 30 s
 * @param trustAllTls accept any server certificate on rtsps:// (self-signed cameras); off by
 *     default, when the certificate and host name are verified
 * @param limits framing limits of the RTSP connection
 */
public record RtspSourceOptions(URI url, String username, String password, Transport transport,
                                Duration connectTimeout, Duration requestTimeout, Duration firstFrameTimeout,
                                Duration stallTimeout, Duration backoffInitial, Duration backoffMax,
                                boolean trustAllTls, FramingLimits limits) {

    /** How RTP reaches the gateway. */
    public enum Transport { TCP, UDP }

    public RtspSourceOptions {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(limits, "limits");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("rtsp") && !scheme.equals("rtsps")) {
            throw new IllegalArgumentException("url scheme '" + url.getScheme() + "' is not rtsp or rtsps");
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("url " + url + " has no host");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("url must not carry user-info; use username/password "
                    + "(RtspSourceOptions.fromUrl moves them)");
        }
        positive("connectTimeout", connectTimeout);
        positive("requestTimeout", requestTimeout);
        positive("firstFrameTimeout", firstFrameTimeout);
        positive("stallTimeout", stallTimeout);
        positive("backoffInitial", backoffInitial);
        positive("backoffMax", backoffMax);
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("backoffMax " + backoffMax + " is shorter than backoffInitial "
                    + backoffInitial);
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** TCP, 5 s timeouts, 1-30 s backoff, verified TLS, default framing limits. */
    public static RtspSourceOptions defaults(URI url, String username, String password) {
        return new RtspSourceOptions(url, username, password, Transport.TCP, Duration.ofSeconds(5),
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(30), false, FramingLimits.defaults());
    }

    /** Defaults for a URL that may carry {@code user:password@}; the credentials move out of it. */
    public static RtspSourceOptions fromUrl(URI urlWithCredentials) {
        var creds = org.cctvgateway.rtsp.codec.RtspUrls.credentials(urlWithCredentials);
        return defaults(org.cctvgateway.rtsp.codec.RtspUrls.withoutUserInfo(urlWithCredentials),
                creds.map(c -> c.username()).orElse(""), creds.map(c -> c.password()).orElse(""));
    }

    public RtspSourceOptions withTransport(Transport value) {
        return new RtspSourceOptions(url, username, password, value, connectTimeout, requestTimeout,
                firstFrameTimeout, stallTimeout, backoffInitial, backoffMax, trustAllTls, limits);
    }

    public RtspSourceOptions withTimeouts(Duration connect, Duration request, Duration firstFrame, Duration stall) {
        return new RtspSourceOptions(url, username, password, transport, connect, request, firstFrame, stall,
                backoffInitial, backoffMax, trustAllTls, limits);
    }

    public RtspSourceOptions withBackoff(Duration initial, Duration max) {
        return new RtspSourceOptions(url, username, password, transport, connectTimeout, requestTimeout,
                firstFrameTimeout, stallTimeout, initial, max, trustAllTls, limits);
    }

    public RtspSourceOptions withTrustAllTls(boolean value) {
        return new RtspSourceOptions(url, username, password, transport, connectTimeout, requestTimeout,
                firstFrameTimeout, stallTimeout, backoffInitial, backoffMax, value, limits);
    }

    /** True when a user name is configured. */
    public boolean hasCredentials() {
        return !username.isEmpty();
    }

    /** The port to connect to: the URL's, else 554 for rtsp and 322 for rtsps (RFC 2326 §3.2). */
    public int port() {
        if (url.getPort() > 0) {
            return url.getPort();
        }
        return tls() ? 322 : 554;
    }

    public boolean tls() {
        return url.getScheme().equalsIgnoreCase("rtsps");
    }

    @Override
    public String toString() {
        return "RtspSourceOptions[url=" + url + ", username=" + username + ", password=***, transport=" + transport
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", firstFrameTimeout=" + firstFrameTimeout + ", stallTimeout=" + stallTimeout
                + ", backoff=" + backoffInitial + ".." + backoffMax + ", trustAllTls=" + trustAllTls + "]";
    }
}
