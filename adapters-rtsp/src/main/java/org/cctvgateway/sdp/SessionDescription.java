package org.cctvgateway.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed SDP session description (RFC 8866), reduced to what an RTSP client needs.
 *
 * <p>Limits of {@link #parse(String)}, each raising {@link SdpParseException} with the value and
 * the limit:
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>limit</th><th>value</th></tr>
 *   <tr><td>whole text</td><td>{@value #MAX_CHARS} characters</td></tr>
 *   <tr><td>lines</td><td>{@value #MAX_LINES}</td></tr>
 *   <tr><td>one line</td><td>{@value #MAX_LINE_CHARS} characters</td></tr>
 * </table>
 *
 * @param origin the {@code o=} value as written, or "" when absent
 * @param sessionName the {@code s=} value, trimmed, or "" when absent
 * @param control the session-level {@code a=control}, when present
 * @param media the {@code m=} sections in order
 */
public record SessionDescription(String origin, String sessionName, Optional<String> control,
                                 List<MediaDescription> media) {
    public static final int MAX_CHARS = 64 * 1024;
    public static final int MAX_LINES = 1000;
    public static final int MAX_LINE_CHARS = 4096;

    public SessionDescription {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(sessionName, "sessionName");
        Objects.requireNonNull(control, "control");
        media = List.copyOf(media);
    }

    /**
     * Parses an SDP text. Tolerates LF-only line ends, trailing whitespace, blank lines and a
     * leading byte-order mark; ignores unknown line types and attributes.
     *
     * @throws SdpParseException when a limit is exceeded, the first line is not {@code v=0}, a
     *         line is not {@code <letter>=<value>}, or an {@code m=}, {@code a=rtpmap} or
     *         {@code a=fmtp} line cannot be read
     */
    public static SessionDescription parse(String text) {
        return SdpParser.parse(text);
    }

    /**
     * The first video track the gateway can ingest: the first {@code video} section whose first
     * payload type with an H.264 or H.265 ({@code HEVC}) rtpmap is readable by our depacketizers
     * (H.264 packetization-mode 0 or 1; H.265 without DONL, i.e. {@code sprop-max-don-diff} 0).
     * Audio, application and static payload types without rtpmap are skipped.
     *
     * <p>Parameter sets come from {@code sprop-parameter-sets} (H.264) or
     * {@code sprop-vps/sps/pps} (H.265). A value that is not valid base64, or not a parameter set
     * of the codec, is ignored and the set stays empty: cameras repeat them in-band before each
     * keyframe, so a garbled SDP value must not stop ingest. {@code parameterSets().complete()}
     * tells whether the SDP provided all of them.
     */
    public Optional<VideoTrack> firstSupportedVideo() {
        return SdpParser.firstSupportedVideo(this);
    }
}
