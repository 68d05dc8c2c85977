package org.cctvgateway.sdp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.cctvgateway.media.Codec;
import org.cctvgateway.media.ParameterSets;
import org.cctvgateway.media.StreamInfo;

/**
 * Writes the SDP of a stream the gateway re-publishes (RFC 8866; H.264 fmtp per RFC 6184 §8.1,
 * H.265 per RFC 7798 §7.1). One video section, port 0 and {@code c=IN IP4 0.0.0.0} as RTSP
 * expects (the transport comes from SETUP), {@code a=range:npt=0-} for a live stream, and the
 * parameter sets in the fmtp line so that a player can set up its decoder before the first
 * keyframe. Lines end in CRLF.
 *
 * <p>Example output (H.264):
 * <pre>
 * v=0
 * o=- 1234 1 IN IP4 10.0.0.5
 * s=site-1/cam-07/main
 * c=IN IP4 0.0.0.0
 * t=0 0
 * a=tool:cctv-gateway
 * a=range:npt=0-
 * m=video 0 RTP/AVP 96
 * a=rtpmap:96 H264/90000
 * a=fmtp:96 packetization-mode=1;profile-level-id=64001f;sprop-parameter-sets=Z2QAH6zZ...,aOvjyyLA
 * a=framerate:25
 * a=control:trackID=0
 * </pre>
 */
public final class SdpWriter {
    /** The {@code a=tool} value. */
    public static final String TOOL = "cctv-gateway";

    private SdpWriter() {
    }

    /**
     * @param sessionName the {@code s=} value; one line, not empty
     * @param sessionId the {@code o=} session id, decimal digits
     * @param originAddress the gateway's address for {@code o=} (IPv4, IPv6 or a host name)
     * @param payloadType a dynamic payload type, 96..127
     * @param control the track's {@code a=control} value; no whitespace
     * @throws IllegalArgumentException when an argument would break the SDP syntax
     */
    public static String describe(StreamInfo info, String sessionName, String sessionId, String originAddress,
                                  int payloadType, String control) {
        checkText("sessionName", sessionName, true);
        checkText("originAddress", originAddress, false);
        checkText("control", control, false);
        if (sessionId.isEmpty() || sessionId.length() > 20 || !sessionId.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("sessionId '" + sessionId + "' must be 1..20 decimal digits");
        }
        if (payloadType < 96 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType + " is not dynamic (96..127)");
        }
        String addrType = originAddress.indexOf(':') >= 0 ? "IP6" : "IP4";
        StringBuilder b = new StringBuilder(512);
        line(b, "v=0");
        line(b, "o=- " + sessionId + " 1 IN " + addrType + " " + originAddress);
        line(b, "s=" + sessionName);
        line(b, "c=IN IP4 0.0.0.0");
        line(b, "t=0 0");
        line(b, "a=tool:" + TOOL);
        line(b, "a=range:npt=0-");
        line(b, "m=video 0 RTP/AVP " + payloadType);
        line(b, "a=rtpmap:" + payloadType + " " + info.codec().encodingName() + "/" + Codec.CLOCK_RATE);
        List<String> fmtp = fmtp(info.codec(), info.parameterSets());
        if (!fmtp.isEmpty()) {
            line(b, "a=fmtp:" + payloadType + " " + String.join(";", fmtp));
        }
        if (info.frameRate() > 0 && Double.isFinite(info.frameRate())) {
            line(b, "a=framerate:" + frameRate(info.frameRate()));
        }
        line(b, "a=control:" + control);
        return b.toString();
    }

    private static List<String> fmtp(Codec codec, ParameterSets sets) {
        Base64.Encoder base64 = Base64.getEncoder();
        List<String> params = new ArrayList<>();
        byte[] sps = sets.sps();
        byte[] pps = sets.pps();
        if (codec == Codec.H264) {
            params.add("packetization-mode=1");
            if (sps.length >= 4) {
                // profile_idc, constraint flags and level_idc follow the 1-byte NAL header (RFC 6184 §8.1).
                params.add(String.format(Locale.ROOT, "profile-level-id=%02x%02x%02x", sps[1], sps[2], sps[3]));
            }
            if (sps.length > 0 && pps.length > 0) {
                params.add("sprop-parameter-sets=" + base64.encodeToString(sps) + "," + base64.encodeToString(pps));
            }
            return params;
        }
        byte[] vps = sets.vps();
        if (vps.length > 0) {
            params.add("sprop-vps=" + base64.encodeToString(vps));
        }
        if (sps.length > 0) {
            params.add("sprop-sps=" + base64.encodeToString(sps));
        }
        if (pps.length > 0) {
            params.add("sprop-pps=" + base64.encodeToString(pps));
        }
        return params;
    }

    private static String frameRate(double fps) {
        return BigDecimal.valueOf(fps).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static void checkText(String name, String value, boolean spacesAllowed) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F || !spacesAllowed && c == ' ') {
                throw new IllegalArgumentException(name + " '" + value + "' contains a control character or space"
                        + " at index " + i);
            }
        }
    }

    private static void line(StringBuilder b, String line) {
        b.append(line).append("\r\n");
    }
}
