package org.cctvgateway.onvif.device;

import static org.cctvgateway.onvif.soap.Xml.escape;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.cctvgateway.onvif.soap.Namespaces;
import org.cctvgateway.spi.DeviceIdentity;
import org.cctvgateway.spi.MediaProfile;

/**
 * The body XML of each answer, in the ONVIF ver10 schema shapes (Device and Media WSDLs). Prefixes
 * are declared on each response element: {@code tds}, {@code trt} and {@code tt}.
 */
final class DeviceResponses {
    private static final String NS = " xmlns:tds=\"" + Namespaces.TDS + "\" xmlns:trt=\"" + Namespaces.TRT
            + "\" xmlns:tt=\"" + Namespaces.TT + "\"";

    private DeviceResponses() {
    }

    static String systemDateAndTime(Instant now) {
        ZonedDateTime t = now.atZone(ZoneOffset.UTC);
        return "<tds:GetSystemDateAndTimeResponse" + NS + "><tds:SystemDateAndTime>"
                + "<tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>"
                + "<tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone><tt:UTCDateTime><tt:Time><tt:Hour>" + t.getHour()
                + "</tt:Hour><tt:Minute>" + t.getMinute() + "</tt:Minute><tt:Second>" + t.getSecond()
                + "</tt:Second></tt:Time><tt:Date><tt:Year>" + t.getYear() + "</tt:Year><tt:Month>"
                + t.getMonthValue() + "</tt:Month><tt:Day>" + t.getDayOfMonth() + "</tt:Day></tt:Date></tt:UTCDateTime>"
                + "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>";
    }

    static String deviceInformation(DeviceIdentity id) {
        return "<tds:GetDeviceInformationResponse" + NS + "><tds:Manufacturer>" + escape(id.manufacturer())
                + "</tds:Manufacturer><tds:Model>" + escape(id.model()) + "</tds:Model><tds:FirmwareVersion>"
                + escape(id.firmware()) + "</tds:FirmwareVersion><tds:SerialNumber>" + escape(id.serial())
                + "</tds:SerialNumber><tds:HardwareId>" + escape(id.hardwareId())
                + "</tds:HardwareId></tds:GetDeviceInformationResponse>";
    }

    /** Device, Media (ver10) and Media2 (ver20), as a Profile S and T camera lists them. */
    static String services(String deviceXaddr, String mediaXaddr, String media2Xaddr) {
        return "<tds:GetServicesResponse" + NS + ">" + service(Namespaces.TDS, deviceXaddr, 2, 60)
                + service(Namespaces.TRT, mediaXaddr, 2, 60) + service(Namespaces.TR2, media2Xaddr, 2, 60)
                + "</tds:GetServicesResponse>";
    }

    private static String service(String ns, String xaddr, int major, int minor) {
        return "<tds:Service><tds:Namespace>" + ns + "</tds:Namespace><tds:XAddr>" + escape(xaddr)
                + "</tds:XAddr><tds:Version><tt:Major>" + major + "</tt:Major><tt:Minor>" + minor
                + "</tt:Minor></tds:Version></tds:Service>";
    }

    static String capabilities(String deviceXaddr, String mediaXaddr) {
        return "<tds:GetCapabilitiesResponse" + NS + "><tds:Capabilities><tt:Device><tt:XAddr>" + escape(deviceXaddr)
                + "</tt:XAddr><tt:System><tt:DiscoveryResolve>false</tt:DiscoveryResolve><tt:DiscoveryBye>true"
                + "</tt:DiscoveryBye><tt:RemoteDiscovery>false</tt:RemoteDiscovery><tt:SystemBackup>false"
                + "</tt:SystemBackup><tt:SystemLogging>false</tt:SystemLogging><tt:FirmwareUpgrade>false"
                + "</tt:FirmwareUpgrade><tt:SupportedVersions><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor>"
                + "</tt:SupportedVersions></tt:System></tt:Device><tt:Media><tt:XAddr>" + escape(mediaXaddr)
                + "</tt:XAddr><tt:StreamingCapabilities><tt:RTPMulticast>false</tt:RTPMulticast><tt:RTP_TCP>true"
                + "</tt:RTP_TCP><tt:RTP_RTSP_TCP>true</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>"
                + "</tds:Capabilities></tds:GetCapabilitiesResponse>";
    }

    static String scopes(List<String> scopes) {
        StringBuilder b = new StringBuilder("<tds:GetScopesResponse" + NS + ">");
        for (String s : scopes) {
            b.append("<tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef><tt:ScopeItem>").append(escape(s))
                    .append("</tt:ScopeItem></tds:Scopes>");
        }
        return b.append("</tds:GetScopesResponse>").toString();
    }

    static String networkInterfaces(String mac, String address) {
        return "<tds:GetNetworkInterfacesResponse" + NS + "><tds:NetworkInterfaces token=\"eth0\">"
                + "<tt:Enabled>true</tt:Enabled><tt:Info><tt:Name>eth0</tt:Name><tt:HwAddress>" + escape(mac)
                + "</tt:HwAddress><tt:MTU>1500</tt:MTU></tt:Info><tt:IPv4><tt:Enabled>true</tt:Enabled><tt:Config>"
                + "<tt:Manual><tt:Address>" + escape(address) + "</tt:Address><tt:PrefixLength>24</tt:PrefixLength>"
                + "</tt:Manual><tt:DHCP>false</tt:DHCP></tt:Config></tt:IPv4></tds:NetworkInterfaces>"
                + "</tds:GetNetworkInterfacesResponse>";
    }

    static String networkProtocols(int httpPort, int rtspPort) {
        return "<tds:GetNetworkProtocolsResponse" + NS + ">" + protocol("HTTP", httpPort) + protocol("RTSP", rtspPort)
                + "</tds:GetNetworkProtocolsResponse>";
    }

    private static String protocol(String name, int port) {
        return "<tds:NetworkProtocols><tt:Name>" + name + "</tt:Name><tt:Enabled>true</tt:Enabled><tt:Port>" + port
                + "</tt:Port></tds:NetworkProtocols>";
    }

    static String ntp(List<String> servers) {
        StringBuilder b = new StringBuilder("<tds:GetNTPResponse" + NS + "><tds:NTPInformation><tt:FromDHCP>false"
                + "</tt:FromDHCP>");
        for (String s : servers) {
            boolean ipv4 = !s.isEmpty() && s.chars().allMatch(c -> c == '.' || Character.isDigit(c));
            b.append("<tt:NTPManual><tt:Type>").append(ipv4 ? "IPv4" : "DNS").append("</tt:Type>")
                    .append(ipv4 ? "<tt:IPv4Address>" : "<tt:DNSname>").append(escape(s))
                    .append(ipv4 ? "</tt:IPv4Address>" : "</tt:DNSname>").append("</tt:NTPManual>");
        }
        return b.append("</tds:NTPInformation></tds:GetNTPResponse>").toString();
    }

    static String profiles(List<MediaProfile> profiles) {
        StringBuilder b = new StringBuilder("<trt:GetProfilesResponse" + NS + ">");
        for (int i = 0; i < profiles.size(); i++) {
            b.append(profile("trt:Profiles", profiles.get(i), i));
        }
        return b.append("</trt:GetProfilesResponse>").toString();
    }

    static String profile(MediaProfile p, int index) {
        return "<trt:GetProfileResponse" + NS + ">" + profile("trt:Profile", p, index) + "</trt:GetProfileResponse>";
    }

    private static String profile(String element, MediaProfile p, int index) {
        return "<" + element + " token=\"" + escape(p.token()) + "\" fixed=\"true\"><tt:Name>" + escape(p.name())
                + "</tt:Name><tt:VideoSourceConfiguration token=\"vsc0\"><tt:Name>VideoSource</tt:Name>"
                + "<tt:UseCount>" + 1 + "</tt:UseCount><tt:SourceToken>vs0</tt:SourceToken><tt:Bounds x=\"0\" y=\"0\""
                + " width=\"" + p.width() + "\" height=\"" + p.height() + "\"/></tt:VideoSourceConfiguration>"
                + encoder("tt:VideoEncoderConfiguration", p, index) + "</" + element + ">";
    }

    static String videoSources(List<MediaProfile> profiles) {
        MediaProfile p = profiles.get(0);
        return "<trt:GetVideoSourcesResponse" + NS + "><trt:VideoSources token=\"vs0\"><tt:Framerate>"
                + Math.round(p.frameRateLimit()) + "</tt:Framerate><tt:Resolution><tt:Width>" + p.width()
                + "</tt:Width><tt:Height>" + p.height() + "</tt:Height></tt:Resolution></trt:VideoSources>"
                + "</trt:GetVideoSourcesResponse>";
    }

    static String videoEncoderConfigurations(List<MediaProfile> profiles) {
        StringBuilder b = new StringBuilder("<trt:GetVideoEncoderConfigurationsResponse" + NS + ">");
        for (int i = 0; i < profiles.size(); i++) {
            b.append(encoder("trt:Configurations", profiles.get(i), i));
        }
        return b.append("</trt:GetVideoEncoderConfigurationsResponse>").toString();
    }

    /**
     * A VideoEncoderConfiguration. The ver10 schema lists JPEG, MPEG4 and H264 only; an H265 profile is
     * still written as H265, as Hikvision and Dahua firmware do, since clients read the text.
     */
    private static String encoder(String element, MediaProfile p, int index) {
        String codecBlock = "";
        if ("H264".equals(p.encoding())) {
            codecBlock = "<tt:H264><tt:GovLength>" + p.gopLength() + "</tt:GovLength><tt:H264Profile>Main"
                    + "</tt:H264Profile></tt:H264>";
        }
        return "<" + element + " token=\"vec" + index + "\"><tt:Name>" + escape(p.name()) + "</tt:Name><tt:UseCount>1"
                + "</tt:UseCount><tt:Encoding>" + escape(p.encoding()) + "</tt:Encoding><tt:Resolution><tt:Width>"
                + p.width() + "</tt:Width><tt:Height>" + p.height() + "</tt:Height></tt:Resolution><tt:Quality>5"
                + "</tt:Quality><tt:RateControl><tt:FrameRateLimit>" + Math.round(p.frameRateLimit())
                + "</tt:FrameRateLimit><tt:EncodingInterval>1</tt:EncodingInterval><tt:BitrateLimit>"
                + p.bitrateLimitKbps() + "</tt:BitrateLimit></tt:RateControl>" + codecBlock
                + "<tt:Multicast><tt:Address><tt:Type>IPv4</tt:Type><tt:IPv4Address>0.0.0.0</tt:IPv4Address>"
                + "</tt:Address><tt:Port>0</tt:Port><tt:TTL>1</tt:TTL><tt:AutoStart>false</tt:AutoStart>"
                + "</tt:Multicast><tt:SessionTimeout>PT60S</tt:SessionTimeout></" + element + ">";
    }

    static String streamUri(URI uri) {
        return mediaUri("GetStreamUriResponse", uri);
    }

    static String snapshotUri(URI uri) {
        return mediaUri("GetSnapshotUriResponse", uri);
    }

    private static String mediaUri(String response, URI uri) {
        return "<trt:" + response + NS + "><trt:MediaUri><tt:Uri>" + escape(uri.toASCIIString()) + "</tt:Uri>"
                + "<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false"
                + "</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:" + response + ">";
    }
}
