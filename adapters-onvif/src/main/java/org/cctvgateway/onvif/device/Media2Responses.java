package org.cctvgateway.onvif.device;

import static org.cctvgateway.onvif.soap.Xml.escape;

import java.net.URI;
import java.util.List;
import org.cctvgateway.onvif.soap.Namespaces;
import org.cctvgateway.spi.MediaProfile;

/**
 * The body XML of Media2 (ONVIF ver20 media WSDL, Profile T) answers. Media2 is where H.265 is
 * legal: its {@code Encoding} is a free string and the GOP length and codec profile are attributes
 * of the encoder configuration.
 */
final class Media2Responses {
    private static final String NS = " xmlns:tr2=\"" + Namespaces.TR2 + "\" xmlns:tt=\"" + Namespaces.TT + "\"";

    private Media2Responses() {
    }

    static String profiles(List<MediaProfile> profiles) {
        StringBuilder b = new StringBuilder("<tr2:GetProfilesResponse" + NS + ">");
        for (int i = 0; i < profiles.size(); i++) {
            MediaProfile p = profiles.get(i);
            b.append("<tr2:Profiles token=\"").append(escape(p.token())).append("\" fixed=\"true\"><tr2:Name>")
                    .append(escape(p.name())).append("</tr2:Name><tr2:Configurations>")
                    .append(videoSource("tr2:VideoSource", p)).append(encoder("tr2:VideoEncoder", p, i))
                    .append("</tr2:Configurations></tr2:Profiles>");
        }
        return b.append("</tr2:GetProfilesResponse>").toString();
    }

    static String videoEncoderConfigurations(List<MediaProfile> profiles) {
        StringBuilder b = new StringBuilder("<tr2:GetVideoEncoderConfigurationsResponse" + NS + ">");
        for (int i = 0; i < profiles.size(); i++) {
            b.append(encoder("tr2:Configurations", profiles.get(i), i));
        }
        return b.append("</tr2:GetVideoEncoderConfigurationsResponse>").toString();
    }

    static String videoSourceConfigurations(List<MediaProfile> profiles) {
        return "<tr2:GetVideoSourceConfigurationsResponse" + NS + ">" + videoSource("tr2:Configurations",
                profiles.get(0)) + "</tr2:GetVideoSourceConfigurationsResponse>";
    }

    static String streamUri(URI uri) {
        return "<tr2:GetStreamUriResponse" + NS + "><tr2:Uri>" + escape(uri.toASCIIString())
                + "</tr2:Uri></tr2:GetStreamUriResponse>";
    }

    static String snapshotUri(URI uri) {
        return "<tr2:GetSnapshotUriResponse" + NS + "><tr2:Uri>" + escape(uri.toASCIIString())
                + "</tr2:Uri></tr2:GetSnapshotUriResponse>";
    }

    private static String videoSource(String element, MediaProfile p) {
        return "<" + element + " token=\"vsc0\"><tt:Name>VideoSource</tt:Name><tt:UseCount>1</tt:UseCount>"
                + "<tt:SourceToken>vs0</tt:SourceToken><tt:Bounds x=\"0\" y=\"0\" width=\"" + p.width()
                + "\" height=\"" + p.height() + "\"/></" + element + ">";
    }

    private static String encoder(String element, MediaProfile p, int index) {
        String profile = "H265".equals(p.encoding()) ? "Main" : "H264".equals(p.encoding()) ? "Main" : "";
        return "<" + element + " token=\"vec" + index + "\" GovLength=\"" + p.gopLength() + "\""
                + (profile.isEmpty() ? "" : " Profile=\"" + profile + "\"") + "><tt:Name>" + escape(p.name())
                + "</tt:Name><tt:UseCount>1</tt:UseCount><tt:Encoding>" + escape(p.encoding())
                + "</tt:Encoding><tt:Resolution><tt:Width>" + p.width() + "</tt:Width><tt:Height>" + p.height()
                + "</tt:Height></tt:Resolution><tt:RateControl ConstantBitRate=\"false\"><tt:FrameRateLimit>"
                + p.frameRateLimit() + "</tt:FrameRateLimit><tt:BitrateLimit>" + p.bitrateLimitKbps()
                + "</tt:BitrateLimit></tt:RateControl><tt:Quality>5</tt:Quality></" + element + ">";
    }
}
