package org.cctvgateway.spi;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The network services a camera offers.
 *
 * @param ntpServers the NTP servers the camera uses (addresses or names), empty when none or unknown
 * @param ntpFromDhcp true when the camera takes its NTP servers from DHCP
 * @param onvifProfiles the ONVIF profiles the camera claims ({@code "S"}, {@code "T"}, {@code "G"}...),
 *     from its scopes
 */
public record NetworkServices(OptionalInt httpPort, OptionalInt httpsPort, OptionalInt rtspPort,
        List<String> ntpServers, boolean ntpFromDhcp, List<String> onvifProfiles) {
    public NetworkServices {
        Objects.requireNonNull(httpPort, "httpPort");
        Objects.requireNonNull(httpsPort, "httpsPort");
        Objects.requireNonNull(rtspPort, "rtspPort");
        ntpServers = List.copyOf(ntpServers);
        onvifProfiles = List.copyOf(onvifProfiles);
        checkPort("httpPort", httpPort);
        checkPort("httpsPort", httpsPort);
        checkPort("rtspPort", rtspPort);
    }

    /** Nothing known. */
    public static NetworkServices unknown() {
        return new NetworkServices(OptionalInt.empty(), OptionalInt.empty(), OptionalInt.empty(), List.of(), false,
                List.of());
    }

    private static void checkPort(String name, OptionalInt port) {
        if (port.isPresent() && (port.getAsInt() < 1 || port.getAsInt() > 65535)) {
            throw new IllegalArgumentException(name + " " + port.getAsInt() + " is outside 1..65535");
        }
    }
}
