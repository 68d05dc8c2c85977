package org.cctvgateway.media;

import java.util.Objects;

/**
 * The normalized stream as viewers see it: codec, the picture size and profile read from the
 * SPS, the frame rate from the SPS VUI when it states one (0 otherwise), and the current
 * parameter sets. A new instance is published whenever the SPS changes.
 *
 * @param profile a readable profile name ("High", "Main", "Main 10", or "profile_idc N")
 * @param level the level as written ("4.0", "5.1"), or empty when unknown
 */
public record StreamInfo(Codec codec, int width, int height, double frameRate, String profile, String level,
                         ParameterSets parameterSets) {
    public StreamInfo {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(parameterSets, "parameterSets");
    }
}
