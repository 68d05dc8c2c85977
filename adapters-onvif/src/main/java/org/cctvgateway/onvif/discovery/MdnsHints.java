package org.cctvgateway.onvif.discovery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an mDNS/DNS-SD service says about the camera behind it (RFC 6763 TXT records and the
 * instance name), as {@link org.cctvgateway.spi.DiscoveredDevice} hints.
 *
 * <p>What cameras advertise: Axis announces {@code _axis-video._tcp} with a TXT {@code macaddress}
 * and an instance name such as {@code "AXIS M3045-V - ACCC8E123456"}; many cameras and NVRs
 * (Hikvision, Hanwha, Bosch) announce plain {@code _http._tcp} for their web page, and some
 * {@code _rtsp._tcp}. There is no {@code _onvif._tcp} in use: ONVIF relies on WS-Discovery. A
 * plain {@code _http._tcp} service is kept only when its name or TXT says it is a camera, since
 * printers and routers announce it too. Our simulator (see {@link MdnsAdvertiser}) adds TXT keys
 * {@code vendor}, {@code model}, {@code path} and {@code epr}.
 */
public final class MdnsHints {
    /** Browsed service types. */
    public static final String RTSP = "_rtsp._tcp.local.";
    public static final String AXIS_VIDEO = "_axis-video._tcp.local.";
    public static final String HTTP = "_http._tcp.local.";
    public static final List<String> TYPES = List.of(RTSP, AXIS_VIDEO, HTTP);

    private static final List<String> CAMERA_WORDS = List.of("axis", "hikvision", "dahua", "hanwha", "wisenet",
            "uniview", "bosch", "vivotek", "reolink", "amcrest", "mobotix", "camera", "ipcam", "ipc", "nvr", "dvr");
    private static final int MAX_VALUE_CHARS = 256;

    private MdnsHints() {
    }

    /** Hints from the service type, instance name and TXT properties (keys compared case-insensitively). */
    public static Map<String, String> hints(String type, String instanceName, Map<String, String> txt) {
        Map<String, String> lower = new LinkedHashMap<>();
        txt.forEach((k, v) -> lower.putIfAbsent(k.toLowerCase(Locale.ROOT), bound(v)));
        Map<String, String> hints = new LinkedHashMap<>();
        put(hints, "vendor", first(lower, "vendor", "manufacturer", "mfr", "brand"));
        put(hints, "model", first(lower, "model", "md", "product"));
        put(hints, "name", bound(instanceName));
        if (AXIS_VIDEO.equals(type) && !hints.containsKey("vendor")) {
            hints.put("vendor", "AXIS");
        }
        if (!hints.containsKey("model") && AXIS_VIDEO.equals(type)) {
            // "AXIS M3045-V - ACCC8E123456": model between the brand and the MAC.
            String n = instanceName;
            int dash = n.indexOf(" - ");
            String head = dash > 0 ? n.substring(0, dash) : n;
            if (head.regionMatches(true, 0, "AXIS ", 0, 5)) {
                put(hints, "model", head.substring(5).strip());
            }
        }
        return hints;
    }

    /** The endpoint reference our own advertiser puts in TXT {@code epr}, when it is a urn:uuid. */
    public static String endpointReference(Map<String, String> txt) {
        String epr = txt.getOrDefault("epr", "");
        return epr.startsWith("urn:uuid:") && epr.length() <= 64 ? epr : "";
    }

    /** True when an {@code _http._tcp} service looks like a camera. */
    public static boolean looksLikeCamera(String instanceName, Map<String, String> txt) {
        String name = instanceName.toLowerCase(Locale.ROOT);
        for (String w : CAMERA_WORDS) {
            if (name.contains(w)) {
                return true;
            }
        }
        for (String k : txt.keySet()) {
            String key = k.toLowerCase(Locale.ROOT);
            if (key.equals("vendor") || key.equals("model") || key.equals("onvif") || key.equals("macaddress")) {
                return true;
            }
        }
        return false;
    }

    private static String first(Map<String, String> txt, String... keys) {
        for (String k : keys) {
            String v = txt.get(k);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return "";
    }

    private static void put(Map<String, String> hints, String key, String value) {
        if (!value.isEmpty()) {
            hints.put(key, value);
        }
    }

    private static String bound(String s) {
        return s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS) : s;
    }
}
