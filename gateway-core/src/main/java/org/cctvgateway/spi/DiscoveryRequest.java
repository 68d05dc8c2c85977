package org.cctvgateway.spi;

import java.net.NetworkInterface;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One discovery run.
 *
 * @param timeout how long to listen; positive
 * @param targets hosts or CIDR ranges to probe by unicast, for networks where multicast does not cross
 *     VLANs; empty for multicast only
 * @param networkInterface the interface to send multicast on; empty for the default multicast interface
 * @param maxProbesPerSecond the rate limit of unicast probes; positive
 */
public record DiscoveryRequest(Duration timeout, List<String> targets, Optional<NetworkInterface> networkInterface,
        int maxProbesPerSecond) {
    /** The default unicast probe rate. */
    public static final int DEFAULT_MAX_PROBES_PER_SECOND = 50;

    public DiscoveryRequest {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(networkInterface, "networkInterface");
        targets = List.copyOf(targets);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + " must be positive");
        }
        if (maxProbesPerSecond <= 0) {
            throw new IllegalArgumentException("maxProbesPerSecond " + maxProbesPerSecond + " must be positive");
        }
    }

    /** Multicast only on the default interface, at the default probe rate. */
    public static DiscoveryRequest multicast(Duration timeout) {
        return new DiscoveryRequest(timeout, List.of(), Optional.empty(), DEFAULT_MAX_PROBES_PER_SECOND);
    }
}
