package org.cctvgateway.registry;

import java.util.Objects;
import java.util.Optional;
import org.cctvgateway.GatewayException;

/**
 * Which of a camera's profiles the gateway re-publishes as {@code main} and, if any, as {@code sub}.
 *
 * @param main the token of the main (full quality) profile
 * @param sub the token of the sub (low bandwidth) profile, different from {@code main}
 */
public record StreamRoles(String main, Optional<String> sub) {
    public StreamRoles {
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(sub, "sub");
        if (main.isBlank()) {
            throw new GatewayException("the main stream role names no profile", "give the main profile's token");
        }
        if (sub.isPresent() && sub.get().equals(main)) {
            throw new GatewayException("profile '" + main + "' is chosen as both main and sub stream",
                    "pick a different profile for sub, or none");
        }
    }

    /** Main and sub from the camera's first two profiles (cameras list the main stream first). */
    public static StreamRoles firstTwo(DeviceInfo device) {
        if (device.profiles().isEmpty()) {
            throw new GatewayException("the camera offers no stream profile", "check the camera's media settings");
        }
        return new StreamRoles(device.profiles().get(0).token(), device.profiles().size() > 1
                ? Optional.of(device.profiles().get(1).token()) : Optional.empty());
    }
}
