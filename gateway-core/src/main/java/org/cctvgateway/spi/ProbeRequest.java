package org.cctvgateway.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * One probe of one camera.
 *
 * @param target where the camera is
 * @param credentials the user and password to try, {@link Credentials#none()} for anonymous
 * @param timeout the limit for each network call of the probe; positive
 */
public record ProbeRequest(ProbeTarget target, Credentials credentials, Duration timeout) {
    public ProbeRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + " must be positive");
        }
    }
}
