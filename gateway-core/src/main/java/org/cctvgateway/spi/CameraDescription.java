package org.cctvgateway.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the gateway needs to know about a camera to pull its video.
 *
 * @param adapterId the id of the adapter that probed it
 * @param identity make, model, firmware and serial
 * @param clockOffset camera clock minus local clock, when the camera told its time
 * @param services the network services the camera offers
 * @param profiles the media profiles, in the camera's order; the first is usually the main stream
 */
public record CameraDescription(String adapterId, DeviceIdentity identity, Optional<Duration> clockOffset,
        NetworkServices services, List<MediaProfile> profiles) {
    public CameraDescription {
        Objects.requireNonNull(adapterId, "adapterId");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(clockOffset, "clockOffset");
        Objects.requireNonNull(services, "services");
        profiles = List.copyOf(profiles);
    }
}
