package org.cctvgateway.validation;

import java.util.Optional;

/**
 * Pixel density at the scene, as IEC 62676-4 defines it: the horizontal pixels of the picture spread over the
 * width of the scene at the target distance. A lens with horizontal field of view {@code hfov} sees a scene
 * {@code 2 * d * tan(hfov / 2)} metres wide at distance {@code d}, so
 * {@code pixels per metre = width / (2 * d * tan(hfov / 2))}.
 */
public final class Dori {
    private Dori() {
    }

    /** Pixels per metre at the target for a picture {@code horizontalPixels} wide. */
    public static double pixelsPerMetre(int horizontalPixels, Placement placement) {
        if (horizontalPixels <= 0) {
            throw new IllegalArgumentException("horizontal pixels " + horizontalPixels + " must be > 0");
        }
        double sceneWidth = 2 * placement.targetDistanceMeters()
                * Math.tan(Math.toRadians(placement.horizontalFovDegrees()) / 2);
        return horizontalPixels / sceneWidth;
    }

    /** The highest level {@code pixelsPerMetre} reaches in {@code edition}; empty when below detection. */
    public static Optional<DoriLevel> achieved(double pixelsPerMetre, DoriEdition edition) {
        DoriLevel best = null;
        for (DoriLevel level : DoriLevel.values()) {
            if (pixelsPerMetre >= edition.pixelsPerMetre(level)) {
                best = level;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The highest level a picture {@code horizontalPixels} wide reaches at {@code placement}. */
    public static Optional<DoriLevel> achieved(int horizontalPixels, Placement placement, DoriEdition edition) {
        return achieved(pixelsPerMetre(horizontalPixels, placement), edition);
    }

    /** The farthest distance, metres, at which {@code level} is reached with this width and field of view. */
    public static double maxDistanceMeters(int horizontalPixels, double horizontalFovDegrees, DoriLevel level,
            DoriEdition edition) {
        return horizontalPixels / (edition.pixelsPerMetre(level) * 2
                * Math.tan(Math.toRadians(horizontalFovDegrees) / 2));
    }
}
