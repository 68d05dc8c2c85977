package org.cctvgateway.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;

/**
 * The re-publishing server.
 *
 * @param bind address to listen on; {@code 0.0.0.0} (all) by default, since the Safe City
 *     network reaches the gateway from outside
 * @param port 8322 by default: the conventional RTSPS port (322) moved above 1024 so the
 *     gateway needs no privileges
 * @param tls on by default; plain RTSP only for tests on loopback
 * @param sessionTimeout a viewer that sends no request or RTCP for this long is closed; 60s,
 *     the RTSP default players expect
 * @param viewerMaxLag a viewer whose connection stays too full to write for this long is
 *     disconnected; until then it skips to the next keyframe. 5s
 * @param maxPayloadBytes RTP payload bytes per packet on the way out; 1400 keeps packets under
 *     a 1500-byte MTU with room for VPN and tunnel headers
 * @param maxSessions concurrent viewer sessions, all streams together; 256
 * @param viewerSendBuffer the kernel send buffer of each viewer connection. 512KiB, about one
 *     second of a 4 Mbit/s stream: left to the kernel, it grows to several megabytes, which for
 *     a viewer on a congested link means seconds of stale video queued before the gateway can
 *     notice and skip ahead. Still ample for 40 Mbit/s at 100 ms round trip. 0 leaves it to the
 *     kernel.
 * @param viewerQueue how much the gateway queues for one viewer before it counts as slow and
 *     starts skipping to the next keyframe. 1MiB: about two seconds of a 4 Mbit/s stream, and
 *     room for a whole cached GOP sent to a new viewer at once. The viewer is disconnected when
 *     it stays slow for {@code viewerMaxLag}.
 */
public record ServerConfig(String bind, Integer port, TlsConfig tls,
                           @JsonDeserialize(using = DurationDeserializer.class)
                           @JsonSerialize(using = DurationSerializer.class) Duration sessionTimeout,
                           @JsonDeserialize(using = DurationDeserializer.class)
                           @JsonSerialize(using = DurationSerializer.class) Duration viewerMaxLag,
                           Integer maxPayloadBytes, Integer maxSessions,
                           @JsonDeserialize(using = SizeDeserializer.class)
                           @JsonSerialize(using = SizeSerializer.class) Long viewerSendBuffer,
                           @JsonDeserialize(using = SizeDeserializer.class)
                           @JsonSerialize(using = SizeSerializer.class) Long viewerQueue) {
    public ServerConfig {
        bind = bind == null ? "0.0.0.0" : bind;
        port = port == null ? 8322 : port;
        tls = tls == null ? TlsConfig.defaults() : tls;
        sessionTimeout = sessionTimeout == null ? Duration.ofSeconds(60) : sessionTimeout;
        viewerMaxLag = viewerMaxLag == null ? Duration.ofSeconds(5) : viewerMaxLag;
        maxPayloadBytes = maxPayloadBytes == null ? 1400 : maxPayloadBytes;
        maxSessions = maxSessions == null ? 256 : maxSessions;
        viewerSendBuffer = viewerSendBuffer == null ? 512L * 1024 : viewerSendBuffer;
        viewerQueue = viewerQueue == null ? 1024L * 1024 : viewerQueue;
    }

    public static ServerConfig defaults() {
        return new ServerConfig(null, null, null, null, null, null, null, null, null);
    }
}
