package org.cctvgateway.policy;

import java.util.Objects;
import java.util.Optional;
import org.cctvgateway.registry.SharingMode;

/**
 * Decides whether an agency may see a camera, from the {@link AccessPolicy} and the facts in an
 * {@link AccessRequest}. Pure: no I/O, no clock; the same request always gets the same decision.
 * Thread-safe.
 *
 * <p>The checks, in order, the first failing one giving the refusal (all 403):
 * <ol>
 *   <li>the agency is in the policy;</li>
 *   <li>the owner's sharing mode is not {@code off};</li>
 *   <li>the consent has not expired, and the camera is active with consent on record;</li>
 *   <li>the camera is in the agency's reach (site type, site or camera);</li>
 *   <li>the agency may be served under the owner's sharing mode;</li>
 *   <li>for {@code emergency-only}, an emergency window is open for the site now.</li>
 * </ol>
 */
public final class AccessDecider {
    /** The RTSP status of every refusal made here. */
    public static final int FORBIDDEN = 403;

    private final AccessPolicy policy;

    public AccessDecider(AccessPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    public AccessPolicy policy() {
        return policy;
    }

    public Decision decide(AccessRequest r) {
        String cam = "camera " + r.cameraPath();
        Optional<AgencyGrant> found = policy.grant(r.agency());
        if (found.isEmpty()) {
            String why = policy.problem().map(p -> " (the access policy file cannot be used: " + p
                    + "; nobody may see anything until it is fixed)")
                    .orElse(policy.present() ? "" : " (there is no access policy file " + policy.source()
                            + ", so nobody may see anything)");
            return deny("agency '" + r.agency() + "' is not in the access policy" + why);
        }
        AgencyGrant grant = found.get();
        if (r.mode() == SharingMode.OFF) {
            return deny("the owner set sharing to off for " + cam);
        }
        if (r.consentExpiry().isPresent() && !r.now().isBefore(r.consentExpiry().get())) {
            return deny("consent for " + cam + " expired on " + r.consentExpiry().get());
        }
        if (!r.cameraServable()) {
            return deny(cam + " is not being served: it is not active or has no valid consent on record");
        }
        String reach = grant.reach(r.siteId(), r.siteType(), r.cameraId());
        if (reach == null) {
            return deny("agency '" + r.agency() + "' is not allowed site type " + r.siteType().label()
                    + " by the access policy (nor site " + r.siteId() + " or " + cam + ")");
        }
        if (!grant.sharingModes().contains(r.mode())) {
            return deny(cam + " is shared " + r.mode().label() + " and agency '" + r.agency()
                    + "' may not be served " + r.mode().label() + " cameras by the access policy");
        }
        if (r.mode() == SharingMode.EMERGENCY_ONLY) {
            Optional<EmergencyWindow> open = r.openWindowsForSite().stream()
                    .filter(w -> w.siteId().equals(r.siteId()) && w.isOpenAt(r.now()))
                    .max(java.util.Comparator.comparing(EmergencyWindow::end));
            if (open.isEmpty()) {
                return deny(cam + " is shared emergency-only and no emergency window is open for site " + r.siteId()
                        + " (open one with: cctv-gateway emergency open --site " + r.siteId()
                        + " --reason TEXT --case NUMBER --for 2h)");
            }
            EmergencyWindow w = open.get();
            return new Decision.Allow("emergency-only sharing, emergency window " + w.id() + " (case "
                    + w.caseNumber() + ") open until " + w.end() + ", agency " + r.agency() + " allowed " + reach);
        }
        return new Decision.Allow(r.mode().label() + " sharing, agency " + r.agency() + " allowed " + reach);
    }

    private static Decision deny(String reason) {
        return new Decision.Deny(FORBIDDEN, reason);
    }
}
