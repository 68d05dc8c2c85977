package org.cctvgateway.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations as people write them in configuration: {@code 500ms}, {@code 10s}, {@code 2m},
 * {@code 1h}, {@code 90d}. One number and one unit; no fractions, no negatives.
 */
public final class HumanDuration {
    private HumanDuration() {
    }

    /**
     * Parses {@code text}; throws {@link IllegalArgumentException} with a message that says what
     * forms are accepted.
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 12) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a duration; write a whole number and a unit: 500ms, 10s, 5m, 2h, 90d");
        }
        long n = Long.parseLong(t.substring(0, i));
        String unit = t.substring(i).trim();
        switch (unit) {
            case "ms":
                return Duration.ofMillis(n);
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            case "d":
                return Duration.ofDays(n);
            default:
                throw new IllegalArgumentException(
                        "'" + text + "' has unit '" + unit + "'; use one of ms, s, m, h, d (e.g. 10s)");
        }
    }

    /** The shortest exact form: {@code 1500ms}, {@code 10s}, {@code 2m}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms != 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0 && ms != 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0 && ms != 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000L == 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }
}
