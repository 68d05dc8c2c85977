package org.cctvgateway.spi;

/**
 * How sure a {@link CameraAdapterProvider} is that it can handle a {@link ProbeTarget}. The
 * constants are ordered: a higher ordinal wins when the host picks among several providers.
 */
public enum MatchConfidence {
    /** The provider cannot handle the target. */
    NONE,
    /** Nothing speaks against it, but nothing points to it either. */
    POSSIBLE,
    /** The port or hints suggest this provider's protocol. */
    LIKELY,
    /** Discovery already told us the device speaks this provider's protocol. */
    CERTAIN;

    /** True when this confidence is strictly higher than {@code other}. */
    public boolean beats(MatchConfidence other) {
        return compareTo(other) > 0;
    }
}
