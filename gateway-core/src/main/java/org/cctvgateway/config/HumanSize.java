package org.cctvgateway.config;

import java.util.Locale;

/**
 * Sizes as people write them in configuration: {@code 512KiB}, {@code 4MiB}, {@code 1GiB},
 * {@code 1500B}, or a plain number of bytes. Binary units only, so there is no doubt whether a
 * "K" is 1000 or 1024.
 */
public final class HumanSize {
    private HumanSize() {
    }

    /** Parses {@code text} into bytes; throws {@link IllegalArgumentException} saying which forms work. */
    public static long parse(String text) {
        String t = text == null ? "" : text.trim();
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 12) {
            throw new IllegalArgumentException("'" + text + "' is not a size; write a whole number and a unit: "
                    + "1500B, 512KiB, 4MiB, 1GiB");
        }
        long n = Long.parseLong(t.substring(0, i));
        String unit = t.substring(i).trim().toLowerCase(Locale.ROOT);
        switch (unit) {
            case "":
            case "b":
                return n;
            case "kib":
                return n << 10;
            case "mib":
                return n << 20;
            case "gib":
                return n << 30;
            default:
                throw new IllegalArgumentException("'" + text + "' has unit '" + t.substring(i).trim()
                        + "'; use B, KiB, MiB or GiB (e.g. 512KiB)");
        }
    }

    /** The shortest exact form: {@code 512KiB}, {@code 4MiB}, {@code 1500B}. */
    public static String format(long bytes) {
        if (bytes != 0 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "GiB";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "MiB";
        }
        if (bytes != 0 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + "KiB";
        }
        return bytes + "B";
    }
}
