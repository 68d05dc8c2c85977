package org.cctvgateway.rtsp.server;

import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.cctvgateway.rtsp.codec.FramingLimits;
import org.cctvgateway.rtsp.codec.PortRange;
import org.cctvgateway.rtsp.codec.auth.DigestAuthenticator;

/**
 * How an {@link RtspServer} listens and serves. Build with {@link #builder()}; every field has
 * a default.
 *
 * @param bindAddress address to listen on; 127.0.0.1 by default (tests), the gateway passes
 *     {@code server.bind} (0.0.0.0)
 * @param port TCP port; 0 picks a free one ({@link RtspServer#localPort()} tells which)
 * @param tls TLS context for RTSPS (see {@link RtspTlsContexts}); empty serves plain RTSP
 * @param sessionTimeout a session with no request and no RTCP for this long is closed; 60s, the
 *     RTSP default, announced to clients in the Session header
 * @param viewerMaxLag a viewer whose connection stays unwritable for this long is disconnected;
 *     until then it skips to the next keyframe. 5s
 * @param udpPorts server RTP/RTCP port range for UDP viewers; empty = ephemeral ports
 * @param writeBufferWaterMark per-connection outbound buffer marks; above the high mark a viewer
 *     counts as not keeping up. 256 KiB / 1 MiB by default: about a second of a 4 Mbit/s stream
 * @param sendBufferBytes the kernel socket send buffer (SO_SNDBUF) of each connection; 0 leaves
 *     the OS default. A small buffer lets a stalled viewer be noticed sooner
 * @param framingLimits RTSP header, body and interleaved frame limits
 * @param auth Digest authentication of viewers; empty lets anyone in (use TLS client certificates)
 * @param maxPayloadBytes RTP payload bytes per packet; 1400 keeps packets within a 1500-byte MTU
 * @param maxSessions concurrent sessions over all connections; 256
 * @param access who may watch what, and the audit of sessions and refusals; empty serves anyone
 *     that passes {@code auth} (tests, the camera simulator)
 * @param accessRecheck how often every playing session is put to {@code access} again, so that a
 *     revoked certificate, a withdrawn consent or a closed emergency window also ends the sessions
 *     already running; 5s
 */
public record RtspServerOptions(String bindAddress, int port, Optional<SslContext> tls, Duration sessionTimeout,
                                Duration viewerMaxLag, Optional<PortRange> udpPorts,
                                WriteBufferWaterMark writeBufferWaterMark, int sendBufferBytes,
                                FramingLimits framingLimits, Optional<DigestAuthenticator> auth,
                                int maxPayloadBytes, int maxSessions, Optional<ViewerAccess> access,
                                Duration accessRecheck) {
    public RtspServerOptions {
        Objects.requireNonNull(access, "access");
        if (accessRecheck.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("accessRecheck is " + accessRecheck + ", must be at least 100ms");
        }
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(udpPorts, "udpPorts");
        Objects.requireNonNull(writeBufferWaterMark, "writeBufferWaterMark");
        Objects.requireNonNull(framingLimits, "framingLimits");
        Objects.requireNonNull(auth, "auth");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("server.port is " + port + ", must be 0-65535");
        }
        if (sessionTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("server.sessionTimeout is " + sessionTimeout + ", must be at least 1s");
        }
        if (viewerMaxLag.isNegative() || viewerMaxLag.isZero()) {
            throw new IllegalArgumentException("server.viewerMaxLag is " + viewerMaxLag + ", must be positive");
        }
        udpPorts.ifPresent(r -> {
            if (r.low() == 0 || r.low() % 2 != 0 || r.high() - r.low() < 1) {
                throw new IllegalArgumentException("UDP port range " + r.format()
                        + " must start at an even port above 0 and hold at least one RTP/RTCP pair");
            }
        });
        if (sendBufferBytes < 0) {
            throw new IllegalArgumentException("sendBufferBytes is " + sendBufferBytes + ", must be 0 or more");
        }
        if (maxPayloadBytes < 100 || maxPayloadBytes > 65_000) {
            throw new IllegalArgumentException("server.maxPayloadBytes is " + maxPayloadBytes
                    + ", must be 100-65000");
        }
        if (maxSessions < 1) {
            throw new IllegalArgumentException("server.maxSessions is " + maxSessions + ", must be at least 1");
        }
    }

    /** The options without viewer access control (the arity before {@code access} was added). */
    public RtspServerOptions(String bindAddress, int port, Optional<SslContext> tls, Duration sessionTimeout,
                             Duration viewerMaxLag, Optional<PortRange> udpPorts,
                             WriteBufferWaterMark writeBufferWaterMark, int sendBufferBytes,
                             FramingLimits framingLimits, Optional<DigestAuthenticator> auth,
                             int maxPayloadBytes, int maxSessions) {
        this(bindAddress, port, tls, sessionTimeout, viewerMaxLag, udpPorts, writeBufferWaterMark, sendBufferBytes,
                framingLimits, auth, maxPayloadBytes, maxSessions, Optional.empty(), Duration.ofSeconds(5));
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link RtspServerOptions}; each setter names the record component it sets. */
    public static final class Builder {
        private String bindAddress = "127.0.0.1";
        private int port;
        private SslContext tls;
        private Duration sessionTimeout = Duration.ofSeconds(60);
        private Duration viewerMaxLag = Duration.ofSeconds(5);
        private PortRange udpPorts;
        private WriteBufferWaterMark waterMark = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);
        private int sendBufferBytes;
        private FramingLimits framingLimits = FramingLimits.defaults();
        private DigestAuthenticator auth;
        private int maxPayloadBytes = 1400;
        private int maxSessions = 256;
        private ViewerAccess access;
        private Duration accessRecheck = Duration.ofSeconds(5);

        private Builder() {
        }

        public Builder bindAddress(String value) {
            this.bindAddress = value;
            return this;
        }

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        public Builder tls(SslContext value) {
            this.tls = value;
            return this;
        }

        public Builder sessionTimeout(Duration value) {
            this.sessionTimeout = value;
            return this;
        }

        public Builder viewerMaxLag(Duration value) {
            this.viewerMaxLag = value;
            return this;
        }

        public Builder udpPorts(PortRange value) {
            this.udpPorts = value;
            return this;
        }

        public Builder writeBufferWaterMark(WriteBufferWaterMark value) {
            this.waterMark = value;
            return this;
        }

        public Builder sendBufferBytes(int value) {
            this.sendBufferBytes = value;
            return this;
        }

        public Builder framingLimits(FramingLimits value) {
            this.framingLimits = value;
            return this;
        }

        public Builder auth(DigestAuthenticator value) {
            this.auth = value;
            return this;
        }

        public Builder maxPayloadBytes(int value) {
            this.maxPayloadBytes = value;
            return this;
        }

        public Builder maxSessions(int value) {
            this.maxSessions = value;
            return this;
        }

        public Builder access(ViewerAccess value) {
            this.access = value;
            return this;
        }

        public Builder accessRecheck(Duration value) {
            this.accessRecheck = value;
            return this;
        }

        public RtspServerOptions build() {
            return new RtspServerOptions(bindAddress, port, Optional.ofNullable(tls), sessionTimeout, viewerMaxLag,
                    Optional.ofNullable(udpPorts), waterMark, sendBufferBytes, framingLimits,
                    Optional.ofNullable(auth), maxPayloadBytes, maxSessions, Optional.ofNullable(access),
                    accessRecheck);
        }
    }
}
