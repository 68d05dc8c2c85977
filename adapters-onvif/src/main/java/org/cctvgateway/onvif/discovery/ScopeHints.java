package org.cctvgateway.onvif.discovery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns ONVIF discovery scopes (ONVIF Core spec §7.3.2.2: {@code onvif://www.onvif.org/name/...},
 * {@code /hardware/}, {@code /location/}, {@code /Profile/}) into the hint map of a
 * {@link org.cctvgateway.spi.DiscoveredDevice}: keys {@code name}, {@code hardware}, {@code model},
 * {@code vendor}, {@code location}, {@code profile}. Values are percent-decoded (UTF-8).
 *
 * <p>There is no standard scope for the manufacturer. Firmware puts it in the name: Hikvision
 * sends {@code name/HIKVISION%20DS-2CD2143G0-I} beside {@code hardware/DS-2CD2143G0-I}, Axis
 * {@code name/AXIS%20M3045-V} beside {@code hardware/M3045-V}. So when the name ends with the
 * hardware, what comes before it is taken as the vendor; a few firmware add a non-standard
 * {@code manufacturer/} or {@code mfr/} scope, which wins.
 */
public final class ScopeHints {
    private static final String PREFIX = "onvif://www.onvif.org/";
    private static final int MAX_HINT_CHARS = 256;

    private ScopeHints() {
    }

    /** The hints found in the scopes; unknown scopes are ignored. */
    public static Map<String, String> parse(List<String> scopes) {
        String name = "";
        String hardware = "";
        String vendor = "";
        List<String> locations = new ArrayList<>();
        List<String> profiles = new ArrayList<>();
        for (String scope : scopes) {
            if (scope.length() <= PREFIX.length() || !scope.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                continue;
            }
            String rest = scope.substring(PREFIX.length());
            int slash = rest.indexOf('/');
            if (slash <= 0 || slash == rest.length() - 1) {
                continue;
            }
            String category = rest.substring(0, slash).toLowerCase(Locale.ROOT);
            String value = bound(percentDecode(rest.substring(slash + 1)).strip());
            switch (category) {
                case "name" -> name = value;
                case "hardware" -> hardware = value;
                case "manufacturer", "mfr" -> vendor = value;
                case "location" -> locations.add(value);
                case "profile" -> profiles.add(profileLetter(value));
                default -> {
                    // type, MAC, and vendor-specific scopes carry nothing the hints need
                }
            }
        }
        Map<String, String> hints = new LinkedHashMap<>();
        put(hints, "name", name);
        put(hints, "hardware", hardware);
        put(hints, "model", hardware);
        if (vendor.isEmpty() && !hardware.isEmpty() && name.length() > hardware.length()
                && name.regionMatches(true, name.length() - hardware.length(), hardware, 0, hardware.length())) {
            vendor = name.substring(0, name.length() - hardware.length()).strip();
        }
        put(hints, "vendor", vendor);
        put(hints, "location", String.join(", ", locations));
        put(hints, "profile", String.join(",", profiles.stream().distinct().toList()));
        return hints;
    }

    /** True when any scope is an ONVIF scope. */
    public static boolean hasOnvifScope(List<String> scopes) {
        return scopes.stream().anyMatch(s -> s.regionMatches(true, 0, PREFIX, 0, PREFIX.length()));
    }

    /** Profile scope values: "Streaming" is the old name of Profile S (ONVIF Profile S spec §7). */
    private static String profileLetter(String value) {
        return value.equalsIgnoreCase("Streaming") ? "S" : value;
    }

    private static void put(Map<String, String> hints, String key, String value) {
        if (!value.isEmpty()) {
            hints.put(key, value);
        }
    }

    private static String bound(String s) {
        return s.length() > MAX_HINT_CHARS ? s.substring(0, MAX_HINT_CHARS) : s;
    }

    /** RFC 3986 percent-decoding; a malformed escape is kept as written ('+' stays '+'). */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            int c = s.codePointAt(i);
            if (c == '%' && i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] b = new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
                i += Character.charCount(c) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
