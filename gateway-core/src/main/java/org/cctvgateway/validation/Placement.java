package org.cctvgateway.validation;

/**
 * Where the camera looks, given at enrollment: used for pixel density (IEC 62676-4).
 *
 * @param horizontalFovDegrees the horizontal field of view, degrees, in (0, 180)
 * @param targetDistanceMeters the distance to the target the camera must cover, metres, > 0
 */
public record Placement(double horizontalFovDegrees, double targetDistanceMeters) {
    public Placement {
        if (!(horizontalFovDegrees > 0 && horizontalFovDegrees < 180)) {
            throw new IllegalArgumentException("horizontal field of view " + horizontalFovDegrees
                    + " degrees is outside (0, 180)");
        }
        if (!(targetDistanceMeters > 0) || Double.isInfinite(targetDistanceMeters)) {
            throw new IllegalArgumentException("target distance " + targetDistanceMeters + " m must be > 0");
        }
    }
}
