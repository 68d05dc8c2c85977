package org.cctvgateway.onvif.device;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.cctvgateway.spi.DeviceIdentity;
import org.cctvgateway.spi.MediaProfile;

/**
 * What an {@link OnvifDeviceService} presents.
 *
 * @param identity manufacturer, model, firmware, serial, hardware id and MAC for GetDeviceInformation
 *     and GetNetworkInterfaces
 * @param profiles the media profiles, at least one; their stream URIs are returned as they are
 * @param username the one user allowed; empty for a device without authentication (every call is
 *     answered, as on a camera whose ONVIF user check is switched off)
 * @param password that user's password; {@link #toString()} hides it
 * @param scopes the discovery scopes returned by GetScopes ({@code onvif://www.onvif.org/...})
 * @param ntpServers NTP servers returned by GetNTP (addresses or names)
 * @param clockOffset added to our clock in GetSystemDateAndTime and subtracted when checking
 *     {@code Created}, to simulate a camera whose clock is wrong; zero for a correct clock
 */
public record OnvifDeviceConfig(DeviceIdentity identity, List<MediaProfile> profiles, String username,
        String password, List<String> scopes, List<String> ntpServers, Duration clockOffset) {
    public OnvifDeviceConfig {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(clockOffset, "clockOffset");
        profiles = List.copyOf(profiles);
        scopes = List.copyOf(scopes);
        ntpServers = List.copyOf(ntpServers);
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("a device needs at least one media profile");
        }
        if (profiles.stream().map(MediaProfile::token).distinct().count() != profiles.size()) {
            throw new IllegalArgumentException("profile tokens must be unique");
        }
    }

    /** A config with no NTP servers and a correct clock. */
    public static OnvifDeviceConfig of(DeviceIdentity identity, List<MediaProfile> profiles, String username,
            String password, List<String> scopes) {
        return new OnvifDeviceConfig(identity, profiles, username, password, scopes, List.of(), Duration.ZERO);
    }

    @Override
    public String toString() {
        return "OnvifDeviceConfig[identity=" + identity + ", profiles=" + profiles.size() + ", username=" + username
                + ", password=***, scopes=" + scopes + "]";
    }
}
