package org.cctvgateway.onvif.client;

import java.util.Locale;

/** Lenient number and flag reading for firmware replies: missing or unusable optional values read as 0. */
final class ReplyValues {
    private ReplyValues() {
    }

    /** A non-negative int, 0 when empty or unusable; accepts "25.000000" as 25. */
    static int nonNegativeInt(String s) {
        double d = nonNegativeDouble(s);
        return d > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) d;
    }

    /** A finite non-negative number, 0 when empty or unusable. */
    static double nonNegativeDouble(String s) {
        if (s.isEmpty() || s.length() > 32) {
            return 0;
        }
        try {
            double d = Double.parseDouble(s);
            return Double.isFinite(d) && d > 0 ? d : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** xs:boolean, lenient about case. */
    static boolean bool(String s) {
        String v = s.toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("1");
    }

    /** Normalizes an encoding name: "H.265", "hevc" and "H265" all read "H265". */
    static String encoding(String s) {
        String v = s.toUpperCase(Locale.ROOT).replace(".", "").replace("-", "").strip();
        return switch (v) {
            case "HEVC" -> "H265";
            case "AVC" -> "H264";
            case "MJPEG", "MJPG" -> "JPEG";
            default -> v.length() > 16 ? v.substring(0, 16) : v;
        };
    }
}
