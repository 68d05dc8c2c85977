package org.cctvgateway.sdp;

import java.util.Objects;
import java.util.Optional;
import org.cctvgateway.media.TrackInfo;

/**
 * The video track the gateway will ingest: codec, payload type, clock rate and the parameter
 * sets announced in the SDP (empty when absent or unreadable; the depacketized stream carries
 * them in-band then), plus the track's {@code a=control} URL, relative or absolute.
 */
public record VideoTrack(TrackInfo track, Optional<String> control) {
    public VideoTrack {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(control, "control");
    }
}
