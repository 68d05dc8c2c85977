package org.cctvgateway.registry;

import org.cctvgateway.GatewayException;

/**
 * Where a camera looks, for the map and for DORI (how far it can detect, observe, recognise, identify).
 *
 * @param bearingDeg compass bearing of the view's centre, degrees clockwise from north, 0..360
 * @param hfovDeg horizontal field of view, degrees, greater than 0 and at most 180
 * @param distanceM distance to the target area, metres, greater than 0
 */
public record Facing(double bearingDeg, double hfovDeg, double distanceM) {
    public Facing {
        if (!(bearingDeg >= 0 && bearingDeg <= 360)) {
            throw new GatewayException("bearing " + bearingDeg + " is outside 0..360 degrees",
                    "give the compass bearing the camera faces, 0 = north, 90 = east");
        }
        if (!(hfovDeg > 0 && hfovDeg <= 180)) {
            throw new GatewayException("horizontal field of view " + hfovDeg + " is outside (0, 180] degrees",
                    "take it from the camera's data sheet for the lens in use, e.g. 90");
        }
        if (!(distanceM > 0) || Double.isInfinite(distanceM)) {
            throw new GatewayException("target distance " + distanceM + " m must be greater than 0",
                    "give the distance to the area the camera must cover, in metres, e.g. 10");
        }
    }
}
