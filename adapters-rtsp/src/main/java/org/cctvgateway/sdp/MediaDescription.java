package org.cctvgateway.sdp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code m=} section (RFC 8866 §5.14) with the attributes the gateway reads.
 *
 * @param type the media type ({@code video}, {@code audio}, {@code application}, ...)
 * @param port the port; 0 in RTSP, where the transport is negotiated by SETUP
 * @param protocol e.g. {@code RTP/AVP}
 * @param payloadTypes the numeric formats of the m= line, in order
 * @param rtpMaps {@code a=rtpmap} by payload type
 * @param fmtp {@code a=fmtp} parameters by payload type, keys as written, insertion order kept
 * @param control {@code a=control}, when present
 * @param otherAttributes every other attribute by name (first occurrence; "" for a flag)
 */
public record MediaDescription(String type, int port, String protocol, List<Integer> payloadTypes,
                               Map<Integer, RtpMap> rtpMaps, Map<Integer, Map<String, String>> fmtp,
                               Optional<String> control, Map<String, String> otherAttributes) {
    public MediaDescription {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(control, "control");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        payloadTypes = List.copyOf(payloadTypes);
        rtpMaps = Collections.unmodifiableMap(new LinkedHashMap<>(rtpMaps));
        LinkedHashMap<Integer, Map<String, String>> f = new LinkedHashMap<>();
        fmtp.forEach((pt, params) -> f.put(pt, Collections.unmodifiableMap(new LinkedHashMap<>(params))));
        fmtp = Collections.unmodifiableMap(f);
        otherAttributes = Collections.unmodifiableMap(new LinkedHashMap<>(otherAttributes));
    }

    /** The fmtp parameters of a payload type, or an empty map. */
    public Map<String, String> fmtpOf(int payloadType) {
        return fmtp.getOrDefault(payloadType, Map.of());
    }
}
