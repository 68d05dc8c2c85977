package org.cctvgateway.media;

/**
 * How much of the current GOP a {@link StreamHub} keeps for viewers that join mid-GOP. When a GOP
 * outgrows either limit (a camera with a 10 s keyframe interval at a high bit rate), the cache is
 * dropped until the next keyframe and late joiners wait for that keyframe instead.
 *
 * @param maxCachedGopBytes payload bytes cached, default 16 MiB (a 60 s GOP at 2 Mbit/s)
 * @param maxCachedUnits access units cached, default 600 (24 s at 25 fps)
 */
public record HubLimits(long maxCachedGopBytes, int maxCachedUnits) {
    public static final HubLimits DEFAULT = new HubLimits(16L << 20, 600);

    public HubLimits {
        if (maxCachedGopBytes <= 0) {
            throw new IllegalArgumentException("maxCachedGopBytes must be positive, was " + maxCachedGopBytes);
        }
        if (maxCachedUnits <= 0) {
            throw new IllegalArgumentException("maxCachedUnits must be positive, was " + maxCachedUnits);
        }
    }
}
