package org.cctvgateway.onvif.client;

import static org.cctvgateway.onvif.soap.Namespaces.TDS;
import static org.cctvgateway.onvif.soap.Xml.ANY_NS;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.cctvgateway.onvif.soap.Namespaces;
import org.cctvgateway.onvif.soap.SoapProtocolException;
import org.cctvgateway.onvif.soap.Xml;
import org.w3c.dom.Element;

/**
 * Parsers of ONVIF device service replies: the Body element in, records out. Fields inside
 * {@code tt:} types are matched by local name in any namespace, because firmware has been seen
 * to put them in the service namespace; the response elements themselves match exactly.
 * Unknown or missing optional fields read as empty; every parser throws only
 * {@link SoapProtocolException}.
 */
public final class DeviceReplies {
    /** Upper bound on list items kept from one reply (scopes, services, protocols). */
    static final int MAX_ITEMS = 256;

    private DeviceReplies() {
    }

    /** The camera's clock. {@code utc} is empty when the camera gave only local time. */
    public record SystemClock(Optional<Instant> utc, boolean ntp) {
        public SystemClock {
            Objects.requireNonNull(utc, "utc");
        }
    }

    /** GetDeviceInformation. */
    public record DeviceInformation(String manufacturer, String model, String firmware, String serial,
            String hardwareId) {
    }

    /** One service from GetServices (or derived from GetCapabilities). */
    public record Service(String namespace, String xaddr) {
    }

    /** GetNetworkProtocols item. */
    public record NetworkProtocol(String name, boolean enabled, List<Integer> ports) {
        public NetworkProtocol {
            ports = List.copyOf(ports);
        }
    }

    /** GetNTP. */
    public record Ntp(boolean fromDhcp, List<String> servers) {
        public Ntp {
            servers = List.copyOf(servers);
        }
    }

    public static SystemClock systemDateAndTime(Element body) {
        Element sdt = Xml.child(body, TDS, "SystemDateAndTime")
                .orElseThrow(() -> new SoapProtocolException("GetSystemDateAndTimeResponse has no SystemDateAndTime"));
        boolean ntp = Xml.childText(sdt, ANY_NS, "DateTimeType").equalsIgnoreCase("NTP");
        Optional<Instant> utc = Xml.child(sdt, ANY_NS, "UTCDateTime").flatMap(DeviceReplies::dateTime);
        return new SystemClock(utc, ntp);
    }

    private static Optional<Instant> dateTime(Element dt) {
        Optional<Element> date = Xml.child(dt, ANY_NS, "Date");
        Optional<Element> time = Xml.child(dt, ANY_NS, "Time");
        if (date.isEmpty() || time.isEmpty()) {
            return Optional.empty();
        }
        try {
            LocalDateTime t = LocalDateTime.of(
                    intField(date.get(), "Year"), intField(date.get(), "Month"), intField(date.get(), "Day"),
                    intField(time.get(), "Hour"), intField(time.get(), "Minute"), intField(time.get(), "Second"));
            return Optional.of(t.toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            throw new SoapProtocolException("UTCDateTime is not a valid date: " + e.getMessage());
        }
    }

    private static int intField(Element parent, String local) {
        String s = Xml.childText(parent, ANY_NS, local);
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new SoapProtocolException("UTCDateTime " + local + " '" + clip(s) + "' is not a number");
        }
    }

    public static DeviceInformation deviceInformation(Element body) {
        return new DeviceInformation(Xml.childText(body, ANY_NS, "Manufacturer"), Xml.childText(body, ANY_NS, "Model"),
                Xml.childText(body, ANY_NS, "FirmwareVersion"), Xml.childText(body, ANY_NS, "SerialNumber"),
                Xml.childText(body, ANY_NS, "HardwareId"));
    }

    public static List<Service> services(Element body) {
        List<Service> out = new ArrayList<>();
        for (Element s : Xml.children(body, TDS, "Service")) {
            String ns = Xml.childText(s, ANY_NS, "Namespace");
            String xaddr = Xml.childText(s, ANY_NS, "XAddr");
            if (!ns.isEmpty() && !xaddr.isEmpty() && out.size() < MAX_ITEMS) {
                out.add(new Service(ns, xaddr));
            }
        }
        return out;
    }

    /** GetCapabilities, for firmware without GetServices: Device and Media (ver10) only. */
    public static List<Service> capabilities(Element body) {
        Element caps = Xml.child(body, TDS, "Capabilities")
                .orElseThrow(() -> new SoapProtocolException("GetCapabilitiesResponse has no Capabilities"));
        List<Service> out = new ArrayList<>();
        Xml.child(caps, ANY_NS, "Device").map(d -> Xml.childText(d, ANY_NS, "XAddr")).filter(s -> !s.isEmpty())
                .ifPresent(x -> out.add(new Service(Namespaces.TDS, x)));
        Xml.child(caps, ANY_NS, "Media").map(d -> Xml.childText(d, ANY_NS, "XAddr")).filter(s -> !s.isEmpty())
                .ifPresent(x -> out.add(new Service(Namespaces.TRT, x)));
        return out;
    }

    /** The raw scope URIs. */
    public static List<String> scopes(Element body) {
        List<String> out = new ArrayList<>();
        for (Element s : Xml.children(body, TDS, "Scopes")) {
            String item = Xml.childText(s, ANY_NS, "ScopeItem");
            if (!item.isEmpty() && out.size() < MAX_ITEMS) {
                out.add(item);
            }
        }
        return out;
    }

    /** ONVIF profile letters claimed by scopes: {@code onvif://www.onvif.org/Profile/S}; "Streaming" is S. */
    public static List<String> onvifProfiles(List<String> scopes) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : scopes) {
            String lower = s.toLowerCase(Locale.ROOT);
            String prefix = "onvif://www.onvif.org/profile/";
            if (lower.startsWith(prefix)) {
                String p = s.substring(prefix.length()).strip();
                if (p.equalsIgnoreCase("Streaming")) {
                    out.add("S");
                } else if (p.length() == 1 && Character.isLetter(p.charAt(0))) {
                    out.add(p.toUpperCase(Locale.ROOT));
                }
            }
        }
        return List.copyOf(out);
    }

    /** The first interface's MAC address, lower case with colons, or "". */
    public static String firstMac(Element body) {
        for (Element ni : Xml.children(body, TDS, "NetworkInterfaces")) {
            String mac = Xml.child(ni, ANY_NS, "Info").map(i -> Xml.childText(i, ANY_NS, "HwAddress")).orElse("");
            if (!mac.isEmpty()) {
                String norm = mac.toLowerCase(Locale.ROOT).replace('-', ':');
                return norm.length() > 64 ? norm.substring(0, 64) : norm;
            }
        }
        return "";
    }

    public static List<NetworkProtocol> networkProtocols(Element body) {
        List<NetworkProtocol> out = new ArrayList<>();
        for (Element p : Xml.children(body, TDS, "NetworkProtocols")) {
            List<Integer> ports = new ArrayList<>();
            for (Element port : Xml.children(p, ANY_NS, "Port")) {
                int v = ReplyValues.nonNegativeInt(Xml.text(port));
                if (v >= 1 && v <= 65535 && ports.size() < 16) {
                    ports.add(v);
                }
            }
            if (out.size() < MAX_ITEMS) {
                out.add(new NetworkProtocol(Xml.childText(p, ANY_NS, "Name").toUpperCase(Locale.ROOT),
                        ReplyValues.bool(Xml.childText(p, ANY_NS, "Enabled")), ports));
            }
        }
        return out;
    }

    /** The first port of the enabled protocol {@code name}. */
    public static OptionalInt port(List<NetworkProtocol> protocols, String name) {
        return protocols.stream().filter(p -> p.enabled() && p.name().equals(name) && !p.ports().isEmpty())
                .mapToInt(p -> p.ports().get(0)).findFirst();
    }

    public static Ntp ntp(Element body) {
        Element info = Xml.child(body, TDS, "NTPInformation")
                .orElseThrow(() -> new SoapProtocolException("GetNTPResponse has no NTPInformation"));
        boolean fromDhcp = ReplyValues.bool(Xml.childText(info, ANY_NS, "FromDHCP"));
        List<String> servers = new ArrayList<>();
        List<Element> entries = new ArrayList<>(Xml.children(info, ANY_NS, fromDhcp ? "NTPFromDHCP" : "NTPManual"));
        for (Element e : entries) {
            for (String field : List.of("DNSname", "IPv4Address", "IPv6Address")) {
                String v = Xml.childText(e, ANY_NS, field);
                if (!v.isEmpty() && servers.size() < 16) {
                    servers.add(clip(v));
                }
            }
        }
        return new Ntp(fromDhcp, servers);
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
