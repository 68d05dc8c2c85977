package org.cctvgateway.registry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cctvgateway.GatewayException;
import org.cctvgateway.spi.CameraDescription;
import org.cctvgateway.spi.DeviceIdentity;

/**
 * What the probe found out about a camera, kept on record. Unknown values are empty strings.
 *
 * @param profiles the streams, in the camera's order; tokens are unique
 */
public record DeviceInfo(String vendor, String model, String firmware, String serial, String hardwareId, String mac,
        List<StreamProfile> profiles) {
    public DeviceInfo {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(hardwareId, "hardwareId");
        Objects.requireNonNull(mac, "mac");
        profiles = List.copyOf(profiles);
        Set<String> tokens = new HashSet<>();
        for (StreamProfile p : profiles) {
            if (!tokens.add(p.token())) {
                throw new GatewayException("stream profile token '" + p.token() + "' appears twice",
                        "each profile of a camera needs its own token");
            }
        }
    }

    /** The registry's copy of a probe's description. */
    public static DeviceInfo from(CameraDescription d) {
        DeviceIdentity i = d.identity();
        List<StreamProfile> list = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < d.profiles().size(); k++) {
            StreamProfile p = StreamProfile.from(d.profiles().get(k), k);
            if (!seen.add(p.token())) {
                // Some cameras repeat a profile name; keep them apart rather than refuse the camera.
                p = new StreamProfile(p.token() + "-" + (k + 1), p.name(), p.codec(), p.width(), p.height(), p.fps(),
                        p.streamUri());
                seen.add(p.token());
            }
            list.add(p);
        }
        return new DeviceInfo(i.manufacturer(), i.model(), i.firmware(), i.serial(), i.hardwareId(), i.mac(), list);
    }

    /** The profile with this token. */
    public Optional<StreamProfile> profile(String token) {
        return profiles.stream().filter(p -> p.token().equals(token)).findFirst();
    }
}
