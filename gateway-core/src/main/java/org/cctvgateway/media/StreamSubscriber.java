package org.cctvgateway.media;

/**
 * A consumer of one {@link StreamHub}, typically one viewer's session. Callbacks come from the
 * publishing thread (or, for the replay on subscribe, the subscribing thread) while the hub holds
 * its lock: they must not block, and should hand work to their own event loop. A callback that
 * throws gets the subscriber removed.
 */
public interface StreamSubscriber {

    /** The stream as it is from the next unit on; called first on subscribe when known. */
    void onStreamInfo(StreamInfo info);

    /**
     * Borrows {@code unit}: the same object goes to every subscriber. Call {@link AccessUnit#retain()}
     * to keep it past this call, and release it when done.
     */
    void onAccessUnit(AccessUnit unit);

    /** The hub closed; no more calls follow. */
    default void onHubClosed() {
    }
}
