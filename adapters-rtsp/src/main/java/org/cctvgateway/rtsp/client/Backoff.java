package org.cctvgateway.rtsp.client;

import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter and a cap: after the n-th consecutive failure the wait is
 * {@code min(max, initial * 2^(n-1))}, drawn uniformly from its upper half so that many
 * cameras failing together (a switch restart) do not reconnect in lockstep.
 */
final class Backoff {
    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random values in [0, 1) */
    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The wait after {@code failures} consecutive failures (1 or more). */
    Duration next(int failures) {
        long base = initial.toMillis();
        for (int i = 1; i < failures && base < max.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toMillis());
        double r = Math.min(Math.max(random.getAsDouble(), 0), 1);
        return Duration.ofMillis(base / 2 + (long) (r * (base - base / 2)));
    }
}
