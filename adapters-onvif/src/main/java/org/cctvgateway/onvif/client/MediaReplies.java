package org.cctvgateway.onvif.client;

import static org.cctvgateway.onvif.soap.Xml.ANY_NS;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cctvgateway.onvif.soap.Namespaces;
import org.cctvgateway.onvif.soap.SoapProtocolException;
import org.cctvgateway.onvif.soap.Xml;
import org.w3c.dom.Element;

/**
 * Parsers of ONVIF media (ver10) and media2 (ver20) replies. Optional video settings that the
 * firmware leaves out (no GOP, no bitrate: seen from Axis and Uniview) read as 0, meaning unknown.
 * Throws only {@link SoapProtocolException}.
 */
public final class MediaReplies {
    /** Upper bound on profiles kept; real cameras have 2 to 16 per channel. */
    static final int MAX_PROFILES = 64;
    /** Upper bound on a token's length; tokens are echoed back into requests. */
    static final int MAX_TOKEN_CHARS = 64;

    private MediaReplies() {
    }

    /**
     * A profile's video settings as the media service reports them.
     *
     * @param hasVideoEncoder false when the profile has no video encoder configuration (Media2
     *     firmware that is incomplete, audio or metadata profiles)
     */
    public record ProfileSummary(String name, String token, boolean hasVideoEncoder, String encoding, int width,
            int height, double frameRateLimit, int bitrateLimitKbps, int gopLength) {
        public ProfileSummary {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(encoding, "encoding");
        }
    }

    /** Media ver10 GetProfilesResponse. */
    public static List<ProfileSummary> profiles10(Element body) {
        List<ProfileSummary> out = new ArrayList<>();
        for (Element p : Xml.children(body, Namespaces.TRT, "Profiles")) {
            if (out.size() == MAX_PROFILES) {
                break;
            }
            String token = token(p);
            String name = Xml.childText(p, ANY_NS, "Name");
            var vec = Xml.child(p, ANY_NS, "VideoEncoderConfiguration");
            if (vec.isEmpty()) {
                out.add(new ProfileSummary(name, token, false, "", 0, 0, 0, 0, 0));
                continue;
            }
            Element v = vec.get();
            String encoding = ReplyValues.encoding(Xml.childText(v, ANY_NS, "Encoding"));
            // ver10 keeps the GOP in a codec-specific child: H264/GovLength or MPEG4/GovLength.
            String gov = Xml.child(v, ANY_NS, "H264").or(() -> Xml.child(v, ANY_NS, "MPEG4"))
                    .map(c -> Xml.childText(c, ANY_NS, "GovLength")).orElse("");
            out.add(summary(name, token, v, encoding, gov));
        }
        return out;
    }

    /** Media2 GetProfilesResponse. */
    public static List<ProfileSummary> profiles20(Element body) {
        List<ProfileSummary> out = new ArrayList<>();
        for (Element p : Xml.children(body, Namespaces.TR2, "Profiles")) {
            if (out.size() == MAX_PROFILES) {
                break;
            }
            String token = token(p);
            String name = Xml.childText(p, ANY_NS, "Name");
            var vec = Xml.child(p, ANY_NS, "Configurations").flatMap(c -> Xml.child(c, ANY_NS, "VideoEncoder"));
            if (vec.isEmpty()) {
                out.add(new ProfileSummary(name, token, false, "", 0, 0, 0, 0, 0));
                continue;
            }
            Element v = vec.get();
            // Media2 keeps the GOP in an attribute of VideoEncoder.
            out.add(summary(name, token, v, ReplyValues.encoding(Xml.childText(v, ANY_NS, "Encoding")),
                    v.getAttribute("GovLength").strip()));
        }
        return out;
    }

    private static ProfileSummary summary(String name, String token, Element vec, String encoding, String gov) {
        var res = Xml.child(vec, ANY_NS, "Resolution");
        int width = res.map(r -> ReplyValues.nonNegativeInt(Xml.childText(r, ANY_NS, "Width"))).orElse(0);
        int height = res.map(r -> ReplyValues.nonNegativeInt(Xml.childText(r, ANY_NS, "Height"))).orElse(0);
        var rc = Xml.child(vec, ANY_NS, "RateControl");
        double fps = rc.map(r -> ReplyValues.nonNegativeDouble(Xml.childText(r, ANY_NS, "FrameRateLimit"))).orElse(0.0);
        int kbps = rc.map(r -> ReplyValues.nonNegativeInt(Xml.childText(r, ANY_NS, "BitrateLimit"))).orElse(0);
        return new ProfileSummary(name, token, true, encoding, width, height, fps, kbps,
                ReplyValues.nonNegativeInt(gov));
    }

    /** GetStreamUriResponse (ver10 {@code MediaUri/Uri}) or Media2 ({@code Uri}), also GetSnapshotUri. */
    public static String uri(Element body) {
        String uri = Xml.child(body, ANY_NS, "MediaUri").map(m -> Xml.childText(m, ANY_NS, "Uri"))
                .orElseGet(() -> Xml.childText(body, ANY_NS, "Uri"));
        if (uri.isEmpty()) {
            throw new SoapProtocolException(body.getLocalName() + " has no Uri");
        }
        if (uri.length() > 2048) {
            throw new SoapProtocolException(body.getLocalName() + " Uri is " + uri.length()
                    + " characters, limit is 2048");
        }
        return uri;
    }

    private static String token(Element profile) {
        String token = profile.getAttribute("token").strip();
        if (token.isEmpty()) {
            throw new SoapProtocolException("media profile has no token attribute");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new SoapProtocolException("media profile token is " + token.length() + " characters, limit is "
                    + MAX_TOKEN_CHARS);
        }
        return token;
    }
}
