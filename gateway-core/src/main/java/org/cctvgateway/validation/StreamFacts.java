package org.cctvgateway.validation;

import java.util.Objects;

/**
 * What the gateway measured on one stream during a sampling window. A value that was not measured is
 * {@code NaN} (doubles), {@code -1} (ints) or empty ({@code codec}); a rule that needs it gives
 * {@link Outcome#UNKNOWN}.
 *
 * @param role {@code "main"} (evidence) or {@code "sub"} (live view)
 * @param codec {@code "H264"} or {@code "H265"} as read from the stream, empty when unknown
 * @param width pixels, from the SPS; -1 when unknown
 * @param height pixels, from the SPS; -1 when unknown
 * @param frameRate measured frames per second
 * @param bitrateKbps measured kbit/s of video payload
 * @param gopSeconds measured seconds between key frames
 * @param timeToFirstKeyframeSeconds seconds from the first frame to the first key frame
 * @param packetLossRatio lost RTP packets / expected, 0..1
 * @param timestampJitterMs RTP timestamp irregularity against the arrival clock, milliseconds
 * @param parameterSetsInBand SPS/PPS (and VPS) seen in the stream itself
 * @param parameterSetsInSdp SPS/PPS (and VPS) given in the SDP {@code sprop-*} attributes
 * @param senderReports RTCP sender reports received
 * @param clockDriftSeconds camera wall clock (from sender reports) minus gateway clock, seconds
 * @param largestRtpPacketBytes the largest RTP packet seen, bytes; -1 when unknown
 * @param startSeconds time from connect to the first frame; {@code NaN} when no frame arrived
 */
public record StreamFacts(String role, String codec, int width, int height, double frameRate, double bitrateKbps,
        double gopSeconds, double timeToFirstKeyframeSeconds, double packetLossRatio, double timestampJitterMs,
        boolean parameterSetsInBand, boolean parameterSetsInSdp, boolean senderReports, double clockDriftSeconds,
        int largestRtpPacketBytes, double startSeconds) {
    public StreamFacts {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(codec, "codec");
        if (width < -1 || height < -1 || largestRtpPacketBytes < -1) {
            throw new IllegalArgumentException("width, height and largestRtpPacketBytes are -1 (unknown) or >= 0");
        }
    }

    /** A stream that was tried and gave no frame: every value unknown and {@code startSeconds} NaN. */
    public static StreamFacts unreachable(String role) {
        return new StreamFacts(role, "", -1, -1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, false, false, false, Double.NaN, -1, Double.NaN);
    }

    /** True when a frame arrived. */
    public boolean reached() {
        return !Double.isNaN(startSeconds);
    }
}
