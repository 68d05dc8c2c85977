package org.cctvgateway.validation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cctvgateway.spi.CameraDescription;

/**
 * Everything known about a camera when it is validated: what its adapter declared and what the gateway measured.
 *
 * @param camera the camera id or host, as shown in the report
 * @param declared the adapter's description, when a probe succeeded
 * @param measured stream measurements by role ({@code "main"}, {@code "sub"}); a role absent was not sampled
 * @param clockOffset camera clock minus gateway clock as measured (ONVIF GetSystemDateAndTime or RTCP);
 *     when empty the declared offset or the main stream's clock drift is used
 * @param defaultCredentials accounts that logged in with a factory default; empty when none did. The caller runs
 *     the check; an empty list is read as "checked, none exposed"
 * @param unauthenticatedAccess calls that answered without a login ({@code "rtsp DESCRIBE"},
 *     {@code "onvif GetProfiles"}); empty when none did
 * @param httpsAvailable the camera's web management answers over HTTPS
 * @param httpAvailable the camera's web management answers over plain HTTP
 * @param placement field of view and target distance given at enrollment
 * @param defaultCredentialsChecked false when the factory-default logins were not tried
 * @param passwordStrength the judgement of the password the operator gave for the camera (never the password);
 *     empty when no password was given, so its strength is unknown
 */
public record CameraFacts(String camera, Optional<CameraDescription> declared, Map<String, StreamFacts> measured,
        Optional<Duration> clockOffset, List<ExposedAccount> defaultCredentials, List<String> unauthenticatedAccess,
        boolean httpsAvailable, boolean httpAvailable, Optional<Placement> placement,
        boolean defaultCredentialsChecked, Optional<PasswordStrength.Assessment> passwordStrength) {
    public CameraFacts {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(declared, "declared");
        measured = Map.copyOf(measured);
        Objects.requireNonNull(clockOffset, "clockOffset");
        defaultCredentials = List.copyOf(defaultCredentials);
        unauthenticatedAccess = List.copyOf(unauthenticatedAccess);
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(passwordStrength, "passwordStrength");
        for (Map.Entry<String, StreamFacts> e : measured.entrySet()) {
            if (!e.getKey().equals(e.getValue().role())) {
                throw new IllegalArgumentException("measured stream under key '" + e.getKey() + "' has role '"
                        + e.getValue().role() + "'");
            }
        }
    }

    /** The measured facts of {@code role}, when sampled. */
    public Optional<StreamFacts> stream(String role) {
        return Optional.ofNullable(measured.get(role));
    }

    /** Facts from a run that did try the factory-default logins. */
    public CameraFacts(String camera, Optional<CameraDescription> declared, Map<String, StreamFacts> measured,
            Optional<Duration> clockOffset, List<ExposedAccount> defaultCredentials, List<String> unauthenticatedAccess,
            boolean httpsAvailable, boolean httpAvailable, Optional<Placement> placement) {
        this(camera, declared, measured, clockOffset, defaultCredentials, unauthenticatedAccess, httpsAvailable,
                httpAvailable, placement, true, Optional.empty());
    }

    /** Facts without a judgement of the operator's password (none was given). */
    public CameraFacts(String camera, Optional<CameraDescription> declared, Map<String, StreamFacts> measured,
            Optional<Duration> clockOffset, List<ExposedAccount> defaultCredentials, List<String> unauthenticatedAccess,
            boolean httpsAvailable, boolean httpAvailable, Optional<Placement> placement,
            boolean defaultCredentialsChecked) {
        this(camera, declared, measured, clockOffset, defaultCredentials, unauthenticatedAccess, httpsAvailable,
                httpAvailable, placement, defaultCredentialsChecked, Optional.empty());
    }
}
