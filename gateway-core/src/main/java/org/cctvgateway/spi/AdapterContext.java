package org.cctvgateway.spi;

import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * What the host gives an adapter when it creates one.
 *
 * @param clock wall and monotonic time; adapters never read the system clock directly
 * @param defaultTimeout the timeout for one call when a request does not set one; positive
 * @param blockingExecutor where adapters run blocking work (HTTP, SOAP), never an event loop
 * @param maxReplyBytes the largest reply body an adapter reads from a camera; positive
 */
public record AdapterContext(Clock clock, Duration defaultTimeout, Executor blockingExecutor, int maxReplyBytes) {
    /** The default reply size limit: 1 MiB, far above any real ONVIF or vendor API reply. */
    public static final int DEFAULT_MAX_REPLY_BYTES = 1 << 20;
    /** The default per-call timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public AdapterContext {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        Objects.requireNonNull(blockingExecutor, "blockingExecutor");
        if (defaultTimeout.isNegative() || defaultTimeout.isZero()) {
            throw new IllegalArgumentException("defaultTimeout " + defaultTimeout + " must be positive");
        }
        if (maxReplyBytes <= 0) {
            throw new IllegalArgumentException("maxReplyBytes " + maxReplyBytes + " must be positive");
        }
    }

    /** The system clock, a 10 s timeout, the common pool and a 1 MiB reply limit. */
    public static AdapterContext defaults() {
        return new AdapterContext(Clock.SYSTEM, DEFAULT_TIMEOUT, ForkJoinPool.commonPool(), DEFAULT_MAX_REPLY_BYTES);
    }
}
