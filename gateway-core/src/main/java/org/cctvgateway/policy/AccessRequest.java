package org.cctvgateway.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cctvgateway.registry.SharingMode;
import org.cctvgateway.registry.SiteType;

/**
 * Everything {@link AccessDecider} needs to decide one viewing request, gathered by the server from
 * the authenticated agency, the registry and the emergency windows.
 *
 * @param agency the agency the session is tied to (certificate CN or Digest user name)
 * @param siteId the camera's site
 * @param siteType the site's kind
 * @param cameraId the camera, unique within its site
 * @param mode the sharing mode the owner chose for the camera
 * @param cameraServable whether the camera is active and its consent is on record and valid
 * @param consentExpiry when the consent ends, if it has an end
 * @param now the time of the request
 * @param openWindowsForSite the emergency windows recorded for the site (only those open at
 *     {@code now} count)
 */
public record AccessRequest(String agency, String siteId, SiteType siteType, String cameraId, SharingMode mode,
                            boolean cameraServable, Optional<Instant> consentExpiry, Instant now,
                            List<EmergencyWindow> openWindowsForSite) {
    public AccessRequest {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(siteType, "siteType");
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(consentExpiry, "consentExpiry");
        Objects.requireNonNull(now, "now");
        openWindowsForSite = List.copyOf(openWindowsForSite);
    }

    /** {@code site/camera}, the camera's name in messages and in the policy. */
    public String cameraPath() {
        return siteId + "/" + cameraId;
    }
}
