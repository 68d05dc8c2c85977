package org.cctvgateway.media;

import java.util.Objects;

/**
 * What a source learned about its video track when it connected: the codec, RTP payload type
 * and clock rate, and the parameter sets it announced out of band (SDP
 * {@code sprop-parameter-sets}, {@code sprop-vps/sps/pps}); these may be empty when the camera
 * sends them only in-band.
 */
public record TrackInfo(Codec codec, int payloadType, int clockRate, ParameterSets parameterSets) {
    public TrackInfo {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(parameterSets, "parameterSets");
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clockRate must be positive, was " + clockRate);
        }
    }
}
