package org.cctvgateway.registry;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.cctvgateway.GatewayException;
import org.cctvgateway.internal.Urls;

/**
 * A camera on record. Never holds a password: those live in the credentials vault, keyed by camera id.
 *
 * @param id see {@link Ids}; never reused, not even after the camera is retired
 * @param siteId the site it belongs to
 * @param adapterId the adapter that speaks to it ({@code onvif}, {@code rtsp}, {@code hikvision}, ...)
 * @param endpoint {@code host[:port]} or a URI; any user-info is stripped on construction
 * @param device what the probe found, with the stream profiles
 * @param location where it is, for the map
 * @param facing where it looks, for the map and DORI
 * @param streams which profiles are re-published as main and sub; both name profiles of {@code device}
 * @param compliance the last compliance report's summary
 * @param consent the owner's consent; without it the camera is never served
 * @param enrolledAt when it was enrolled
 * @param updatedAt when its record last changed
 */
public record Camera(String id, String siteId, String adapterId, String endpoint, DeviceInfo device,
        Optional<GeoPoint> location, Optional<Facing> facing, StreamRoles streams,
        Optional<ComplianceSummary> compliance, CameraState state, Optional<Consent> consent, Instant enrolledAt,
        Instant updatedAt) {
    public Camera {
        Ids.check("camera id", id);
        Ids.check("site id", siteId);
        Objects.requireNonNull(adapterId, "adapterId");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(facing, "facing");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(compliance, "compliance");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(enrolledAt, "enrolledAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (adapterId.isBlank()) {
            throw new GatewayException("camera " + id + " has no adapter id", "e.g. onvif or rtsp");
        }
        endpoint = Urls.redact(endpoint.strip());
        if (endpoint.isEmpty()) {
            throw new GatewayException("camera " + id + " has an empty endpoint",
                    "give host[:port] or the stream URI, e.g. 192.168.1.64:80");
        }
        for (String role : streams.sub().isPresent() ? new String[] {streams.main(), streams.sub().get()}
                : new String[] {streams.main()}) {
            if (device.profile(role).isEmpty()) {
                throw new GatewayException("camera " + id + ": stream role names profile '" + role
                        + "', which the camera does not have", "choose one of "
                        + device.profiles().stream().map(StreamProfile::token).toList());
            }
        }
        if (updatedAt.isBefore(enrolledAt)) {
            throw new GatewayException("camera " + id + " was updated (" + updatedAt + ") before it was enrolled ("
                    + enrolledAt + ")", "fix the times in the registry file");
        }
    }

    /**
     * True when the gateway may re-publish this camera at {@code now}: ACTIVE, with consent that has not
     * expired and whose sharing mode is not off. Whether a given agency may see it is the access policy's
     * question, asked afterwards.
     */
    public boolean servableAt(Instant now) {
        return state == CameraState.ACTIVE && consent.map(c -> c.permitsServingAt(now)).orElse(false);
    }

    /** This camera in another state, updated at {@code now}. */
    public Camera withState(CameraState newState, Instant now) {
        return new Camera(id, siteId, adapterId, endpoint, device, location, facing, streams, compliance, newState,
                consent, enrolledAt, now);
    }

    /** This camera with a new consent, updated at {@code now}. */
    public Camera withConsent(Consent newConsent, Instant now) {
        return new Camera(id, siteId, adapterId, endpoint, device, location, facing, streams, compliance, state,
                Optional.of(newConsent), enrolledAt, now);
    }

    /** This camera with a new compliance summary, updated at {@code now}. */
    public Camera withCompliance(ComplianceSummary summary, Instant now) {
        return new Camera(id, siteId, adapterId, endpoint, device, location, facing, streams, Optional.of(summary),
                state, consent, enrolledAt, now);
    }

    /** This camera with its enrollment and update times set. */
    public Camera withTimes(Instant enrolled, Instant updated) {
        return new Camera(id, siteId, adapterId, endpoint, device, location, facing, streams, compliance, state,
                consent, enrolled, updated);
    }
}
