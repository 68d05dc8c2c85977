package org.cctvgateway.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;

/**
 * How the gateway pulls from cameras.
 *
 * @param connectTimeout TCP (and TLS) connect; 5s
 * @param requestTimeout each RTSP request; 5s
 * @param firstFrameTimeout a camera that accepts PLAY but sends no video for this long is
 *     treated as failed and reconnected; 5s
 * @param stallTimeout no video for this long while playing means the camera stalled; 5s
 * @param backoffInitial first wait after a failure; doubled (with jitter) up to
 *     {@code backoffMax}; 1s
 * @param backoffMax the longest wait between attempts; 30s, so a camera that comes back is
 *     picked up within half a minute without hammering one that does not
 */
public record IngestConfig(
        @JsonDeserialize(using = DurationDeserializer.class) @JsonSerialize(using = DurationSerializer.class)
        Duration connectTimeout,
        @JsonDeserialize(using = DurationDeserializer.class) @JsonSerialize(using = DurationSerializer.class)
        Duration requestTimeout,
        @JsonDeserialize(using = DurationDeserializer.class) @JsonSerialize(using = DurationSerializer.class)
        Duration firstFrameTimeout,
        @JsonDeserialize(using = DurationDeserializer.class) @JsonSerialize(using = DurationSerializer.class)
        Duration stallTimeout,
        @JsonDeserialize(using = DurationDeserializer.class) @JsonSerialize(using = DurationSerializer.class)
        Duration backoffInitial,
        @JsonDeserialize(using = DurationDeserializer.class) @JsonSerialize(using = DurationSerializer.class)
        Duration backoffMax) {
    public IngestConfig {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(5) : requestTimeout;
        firstFrameTimeout = firstFrameTimeout == null ? Duration.ofSeconds(5) : firstFrameTimeout;
        stallTimeout = stallTimeout == null ? Duration.ofSeconds(5) : stallTimeout;
        backoffInitial = backoffInitial == null ? Duration.ofSeconds(1) : backoffInitial;
        backoffMax = backoffMax == null ? Duration.ofSeconds(30) : backoffMax;
    }

    public static IngestConfig defaults() {
        return new IngestConfig(null, null, null, null, null, null);
    }
}
