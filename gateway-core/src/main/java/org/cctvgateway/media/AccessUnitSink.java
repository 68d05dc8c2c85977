package org.cctvgateway.media;

/**
 * Where a stream source delivers what it receives. Calls come from one thread at a time, in
 * order: {@link #onTrack} after each (re)connection, then access units, with
 * {@link #onDiscontinuity} whenever the timeline or the decoding state is broken (loss,
 * reconnect, camera restart).
 */
public interface AccessUnitSink {

    /** The track as announced by the camera for the session that starts now. */
    void onTrack(TrackInfo track);

    /** Takes ownership of {@code unit}: the sink releases it. */
    void onAccessUnit(AccessUnit unit);

    /**
     * The next unit does not continue the previous one: the camera reconnected, restarted or
     * jumped its clock. The sink keeps its own output continuous across it.
     */
    void onDiscontinuity(String reason);
}
