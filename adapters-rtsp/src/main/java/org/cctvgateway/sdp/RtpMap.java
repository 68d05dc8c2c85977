package org.cctvgateway.sdp;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code a=rtpmap} value (RFC 8866 §6.6): {@code <encoding name>/<clock rate>[/<parameters>]}.
 *
 * @param parameters the encoding parameters (audio channels), when given
 */
public record RtpMap(String encodingName, int clockRate, Optional<String> parameters) {
    public RtpMap {
        Objects.requireNonNull(encodingName, "encodingName");
        Objects.requireNonNull(parameters, "parameters");
        if (encodingName.isBlank()) {
            throw new IllegalArgumentException("encoding name is blank");
        }
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive, was " + clockRate);
        }
    }
}
