package org.cctvgateway.spi;

import java.util.Objects;

/**
 * Who made a camera and which one it is. Unknown values are empty strings, never null.
 *
 * @param hardwareId the vendor's hardware id (ONVIF {@code HardwareId})
 * @param mac the MAC address of the first network interface, lower case with colons, or empty
 */
public record DeviceIdentity(String manufacturer, String model, String firmware, String serial, String hardwareId,
        String mac) {
    public DeviceIdentity {
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(hardwareId, "hardwareId");
        Objects.requireNonNull(mac, "mac");
    }

    /** An identity with every field unknown. */
    public static DeviceIdentity unknown() {
        return new DeviceIdentity("", "", "", "", "", "");
    }
}
