package org.cctvgateway.sdp;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cctvgateway.media.Codec;
import org.cctvgateway.media.NalUnits;
import org.cctvgateway.media.ParameterSets;
import org.cctvgateway.media.TrackInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The line parser behind {@link SessionDescription#parse}; see there for limits and tolerance. */
final class SdpParser {
    private static final Logger LOG = LoggerFactory.getLogger(SdpParser.class);

    private String origin = "";
    private String sessionName = "";
    private String sessionControl;
    private final List<MediaDescription> media = new ArrayList<>();
    private MediaBuilder current;

    private SdpParser() {
    }

    private static final class MediaBuilder {
        String type;
        int port;
        String protocol;
        final List<Integer> payloadTypes = new ArrayList<>();
        final Map<Integer, RtpMap> rtpMaps = new LinkedHashMap<>();
        final Map<Integer, Map<String, String>> fmtp = new LinkedHashMap<>();
        String control;
        final Map<String, String> other = new LinkedHashMap<>();

        MediaDescription build() {
            return new MediaDescription(type, port, protocol, payloadTypes, rtpMaps, fmtp,
                    Optional.ofNullable(control), other);
        }
    }

    static SessionDescription parse(String text) {
        if (text.length() > SessionDescription.MAX_CHARS) {
            throw new SdpParseException("SDP is " + text.length() + " characters, limit is "
                    + SessionDescription.MAX_CHARS);
        }
        SdpParser p = new SdpParser();
        int lineNo = 0;
        int pos = text.startsWith("\uFEFF") ? 1 : 0;
        boolean sawVersion = false;
        while (pos < text.length()) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? text.length() : nl;
            lineNo++;
            if (lineNo > SessionDescription.MAX_LINES) {
                throw new SdpParseException("SDP has more than " + SessionDescription.MAX_LINES + " lines, limit is "
                        + SessionDescription.MAX_LINES);
            }
            if (end - pos > SessionDescription.MAX_LINE_CHARS) {
                throw SdpParseException.atLine(lineNo, "line is " + (end - pos) + " characters, limit is "
                        + SessionDescription.MAX_LINE_CHARS);
            }
            String line = text.substring(pos, end).strip();
            pos = end + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.length() < 2 || line.charAt(1) != '=') {
                throw SdpParseException.atLine(lineNo, "expected '<type>=<value>', got '" + shorten(line) + "'");
            }
            if (!sawVersion) {
                if (!line.startsWith("v=") || !line.substring(2).strip().equals("0")) {
                    throw SdpParseException.atLine(lineNo, "expected 'v=0' first, got '" + shorten(line) + "'");
                }
                sawVersion = true;
                continue;
            }
            p.line(lineNo, line.charAt(0), line.substring(2));
        }
        if (!sawVersion) {
            throw new SdpParseException("SDP is empty: no 'v=0' line");
        }
        if (p.current != null) {
            p.media.add(p.current.build());
        }
        return new SessionDescription(p.origin, p.sessionName, Optional.ofNullable(p.sessionControl), p.media);
    }

    private void line(int lineNo, char type, String value) {
        switch (type) {
            case 'v':
                throw SdpParseException.atLine(lineNo, "second 'v=' line");
            case 'o':
                origin = value.strip();
                break;
            case 's':
                sessionName = value.strip();
                break;
            case 'm':
                if (current != null) {
                    media.add(current.build());
                }
                current = media(lineNo, value);
                break;
            case 'a':
                attribute(lineNo, value);
                break;
            default:
                // c=, t=, b=, i=, u=, e=, p=, z=, k=, r= and unknown types carry nothing we use.
                break;
        }
    }

    private static MediaBuilder media(int lineNo, String value) {
        String[] f = value.strip().split("\\s+");
        if (f.length < 3) {
            throw SdpParseException.atLine(lineNo, "m= needs '<media> <port> <proto> <fmt>...', got '"
                    + shorten(value) + "'");
        }
        MediaBuilder m = new MediaBuilder();
        m.type = f[0];
        String port = f[1];
        int slash = port.indexOf('/');
        m.port = parseInt(lineNo, "m= port", slash < 0 ? port : port.substring(0, slash), 0, 65535);
        m.protocol = f[2];
        boolean rtp = m.protocol.toUpperCase(Locale.ROOT).contains("RTP/");
        for (int i = 3; i < f.length; i++) {
            if (rtp) {
                m.payloadTypes.add(parseInt(lineNo, "m= payload type", f[i], 0, 127));
            }
        }
        return m;
    }

    private void attribute(int lineNo, String value) {
        int colon = value.indexOf(':');
        String name = (colon < 0 ? value : value.substring(0, colon)).strip();
        String arg = colon < 0 ? "" : value.substring(colon + 1).strip();
        if (current == null) {
            if (name.equals("control")) {
                sessionControl = arg;
            }
            return;
        }
        switch (name) {
            case "rtpmap":
                rtpmap(lineNo, arg);
                break;
            case "fmtp":
                fmtp(lineNo, arg);
                break;
            case "control":
                current.control = arg;
                break;
            default:
                current.other.putIfAbsent(name, arg);
                break;
        }
    }

    private void rtpmap(int lineNo, String arg) {
        String[] f = arg.split("\\s+", 2);
        if (f.length < 2) {
            throw SdpParseException.atLine(lineNo, "rtpmap needs '<pt> <encoding>/<clock rate>', got '"
                    + shorten(arg) + "'");
        }
        int pt = parseInt(lineNo, "rtpmap payload type", f[0], 0, 127);
        String[] enc = f[1].strip().split("/", 3);
        if (enc.length < 2 || enc[0].isBlank()) {
            throw SdpParseException.atLine(lineNo, "rtpmap needs '<encoding>/<clock rate>', got '"
                    + shorten(f[1]) + "'");
        }
        int rate = parseInt(lineNo, "rtpmap clock rate", enc[1].strip(), 1, Integer.MAX_VALUE);
        Optional<String> params = enc.length > 2 ? Optional.of(enc[2].strip()) : Optional.empty();
        current.rtpMaps.putIfAbsent(pt, new RtpMap(enc[0].strip(), rate, params));
    }

    private void fmtp(int lineNo, String arg) {
        String[] f = arg.split("\\s+", 2);
        int pt = parseInt(lineNo, "fmtp payload type", f[0], 0, 127);
        Map<String, String> params = new LinkedHashMap<>();
        if (f.length > 1) {
            // Cameras differ in spacing ("a; b") and often end with ';'; empty items are skipped.
            for (String item : f[1].split(";")) {
                String kv = item.strip();
                if (kv.isEmpty()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                // Split at the first '=' only: base64 values end in '=' padding.
                String key = (eq < 0 ? kv : kv.substring(0, eq)).strip();
                String val = eq < 0 ? "" : kv.substring(eq + 1).strip();
                params.putIfAbsent(key, val);
            }
        }
        current.fmtp.putIfAbsent(pt, params);
    }

    private static int parseInt(int lineNo, String what, String s, int min, int max) {
        long v;
        try {
            if (s.isEmpty() || s.length() > 10) {
                throw new NumberFormatException();
            }
            v = Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw SdpParseException.atLine(lineNo, what + " '" + shorten(s) + "' is not a number");
        }
        if (v < min || v > max) {
            throw SdpParseException.atLine(lineNo, what + " " + v + " is outside " + min + ".." + max);
        }
        return (int) v;
    }

    private static String shorten(String s) {
        String t = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        StringBuilder b = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            b.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return b.toString();
    }

    static Optional<VideoTrack> firstSupportedVideo(SessionDescription sd) {
        for (MediaDescription m : sd.media()) {
            if (!m.type().equalsIgnoreCase("video")) {
                continue;
            }
            for (int pt : m.payloadTypes()) {
                RtpMap map = m.rtpMaps().get(pt);
                if (map == null) {
                    continue; // a static payload type (e.g. 26 JPEG) carries no H.264/H.265
                }
                Optional<Codec> codec = Codec.fromEncodingName(map.encodingName());
                if (codec.isEmpty()) {
                    continue;
                }
                Map<String, String> fmtp = lowerKeys(m.fmtpOf(pt));
                if (!supported(codec.get(), fmtp)) {
                    continue;
                }
                ParameterSets sets = parameterSets(codec.get(), fmtp);
                TrackInfo track = new TrackInfo(codec.get(), pt, map.clockRate(), sets);
                return Optional.of(new VideoTrack(track, m.control()));
            }
        }
        return Optional.empty();
    }

    private static boolean supported(Codec codec, Map<String, String> fmtp) {
        if (codec == Codec.H264) {
            String mode = fmtp.getOrDefault("packetization-mode", "0");
            return mode.equals("0") || mode.equals("1");
        }
        String donDiff = fmtp.getOrDefault("sprop-max-don-diff", "0");
        return donDiff.equals("0");
    }

    private static Map<String, String> lowerKeys(Map<String, String> fmtp) {
        Map<String, String> out = new LinkedHashMap<>();
        fmtp.forEach((k, v) -> out.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
        return out;
    }

    private static ParameterSets parameterSets(Codec codec, Map<String, String> fmtp) {
        ParameterSets sets = ParameterSets.empty(codec);
        List<String> keys = codec == Codec.H264 ? List.of("sprop-parameter-sets")
                : List.of("sprop-vps", "sprop-sps", "sprop-pps");
        for (String key : keys) {
            String value = fmtp.get(key);
            if (value == null) {
                continue;
            }
            for (String item : value.split(",")) {
                sets = withFirst(sets, key, item.strip());
            }
        }
        return sets;
    }

    /** Adds a base64 NAL unit if it is a parameter set of the codec not seen yet; ignores garbage. */
    private static ParameterSets withFirst(ParameterSets sets, String key, String base64) {
        byte[] nal;
        try {
            nal = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            LOG.debug("ignoring {} value that is not base64 ({}); parameter sets will come in-band", key,
                    e.getMessage());
            return sets;
        }
        if (nal.length == 0 || !NalUnits.isParameterSet(sets.codec(), NalUnits.type(sets.codec(), nal))) {
            LOG.debug("ignoring {} value that is not a {} parameter set", key, sets.codec());
            return sets;
        }
        if (alreadyHas(sets, NalUnits.type(sets.codec(), nal))) {
            return sets; // the first set of each kind wins
        }
        return sets.with(nal);
    }

    private static boolean alreadyHas(ParameterSets sets, int type) {
        if (type == NalUnits.H264_SPS && sets.codec() == Codec.H264 || type == NalUnits.H265_SPS) {
            return sets.sps().length > 0;
        }
        if (type == NalUnits.H264_PPS && sets.codec() == Codec.H264 || type == NalUnits.H265_PPS) {
            return sets.pps().length > 0;
        }
        return sets.vps().length > 0;
    }
}
