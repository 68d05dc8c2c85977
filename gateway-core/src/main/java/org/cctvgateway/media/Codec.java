package org.cctvgateway.media;

import java.util.Locale;
import java.util.Optional;

/** The video codecs the gateway carries. Both use a 90 kHz RTP clock (RFC 6184, RFC 7798). */
public enum Codec {
    H264("H264"),
    H265("H265");

    /** Every video codec here runs its RTP timestamps at 90 kHz. */
    public static final int CLOCK_RATE = 90_000;

    private final String encodingName;

    Codec(String encodingName) {
        this.encodingName = encodingName;
    }

    /** The encoding name used in SDP {@code a=rtpmap} lines. */
    public String encodingName() {
        return encodingName;
    }

    /** The codec for an SDP encoding name ({@code H264}, {@code H265}, or the alias {@code HEVC}). */
    public static Optional<Codec> fromEncodingName(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        switch (n) {
            case "H264":
                return Optional.of(H264);
            case "H265":
            case "HEVC":
                return Optional.of(H265);
            default:
                return Optional.empty();
        }
    }
}
