package org.cctvgateway.policy;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.cctvgateway.pki.AgencyNames;
import org.cctvgateway.registry.SharingMode;
import org.cctvgateway.registry.SiteType;

/**
 * What one agency may see, as the access policy states it. A camera is in the agency's reach when
 * its site's type is in {@code siteTypes}, or its site is in {@code sites}, or the camera itself
 * ({@code site/camera}) is in {@code cameras}; and the owner's sharing mode for it must be in
 * {@code sharingModes}.
 *
 * @param name the agency (as in its certificate CN and Digest user name)
 * @param siteTypes kinds of premises all of whose cameras are in reach
 * @param sites site ids all of whose cameras are in reach
 * @param cameras single cameras in reach, each {@code site/camera}
 * @param sharingModes the owners' sharing modes this agency may be served under; never {@code off}
 */
public record AgencyGrant(String name, Set<SiteType> siteTypes, Set<String> sites, Set<String> cameras,
                          Set<SharingMode> sharingModes) {
    /** The sharing modes granted when a policy entry does not list any: every mode that can be served. */
    public static final Set<SharingMode> SERVABLE_MODES =
            Set.copyOf(EnumSet.of(SharingMode.CONTINUOUS, SharingMode.ON_REQUEST, SharingMode.EMERGENCY_ONLY));

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public AgencyGrant {
        if (!AgencyNames.isValid(name)) {
            throw new IllegalArgumentException("agency name '" + name + "' is not valid: use 1-40 lower-case "
                    + "letters, digits or '-', starting with a letter or digit");
        }
        siteTypes = Set.copyOf(siteTypes);
        sites = Set.copyOf(sites);
        cameras = Set.copyOf(cameras);
        sharingModes = Set.copyOf(sharingModes);
        for (String s : sites) {
            if (!ID.matcher(s).matches()) {
                throw new IllegalArgumentException("site id '" + s + "' is not valid: use 1-64 of a-z, 0-9, '-' "
                        + "or '_', starting with a letter or digit");
            }
        }
        for (String c : cameras) {
            int slash = c.indexOf('/');
            if (slash < 0 || !ID.matcher(c.substring(0, slash)).matches()
                    || !ID.matcher(c.substring(slash + 1)).matches()) {
                throw new IllegalArgumentException("camera '" + c + "' is not of the form site/camera, "
                        + "e.g. hotel-1/lobby");
            }
        }
        if (sharingModes.contains(SharingMode.OFF)) {
            throw new IllegalArgumentException("sharing mode 'off' cannot be granted: an owner who chose off "
                    + "shares nothing; remove it");
        }
        if (sharingModes.isEmpty()) {
            throw new IllegalArgumentException("sharingModes is empty, so the agency could see nothing; "
                    + "leave the key out to grant every mode, or list some");
        }
        Objects.requireNonNull(name, "name");
    }

    /** Why a camera is in reach, in words ({@code site type hotel}), or null when it is not. */
    String reach(String siteId, SiteType siteType, String cameraId) {
        if (cameras.contains(siteId + "/" + cameraId)) {
            return "camera " + siteId + "/" + cameraId;
        }
        if (sites.contains(siteId)) {
            return "site " + siteId;
        }
        if (siteTypes.contains(siteType)) {
            return "site type " + siteType.label();
        }
        return null;
    }
}
