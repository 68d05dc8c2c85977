package org.cctvgateway.validation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Firmware versions named in vendors' public advisories, bundled as {@code known-vulnerable-firmware.yaml}.
 * A camera matches an entry by maker, model glob and a firmware version inside the entry's inclusive range,
 * compared on the numbers of the version string; nothing is ever tried against the camera.
 */
public final class KnownVulnerableFirmware {
    /**
     * One advisory entry.
     *
     * @param vendor matched case-insensitively as a substring of the reported manufacturer
     * @param modelPattern a glob over the model ({@code ?} one character, {@code *} any run), case-insensitive
     * @param firstAffected the first affected version, inclusive
     * @param lastAffected the last affected version, inclusive
     */
    public record Entry(String vendor, String modelPattern, String firstAffected, String lastAffected,
            String fixedIn, String advisory, String cve, String source) {
        public Entry {
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(modelPattern, "modelPattern");
            Objects.requireNonNull(firstAffected, "firstAffected");
            Objects.requireNonNull(lastAffected, "lastAffected");
            Objects.requireNonNull(fixedIn, "fixedIn");
            Objects.requireNonNull(advisory, "advisory");
            Objects.requireNonNull(cve, "cve");
            Objects.requireNonNull(source, "source");
        }

        /** True when this entry names {@code manufacturer}'s {@code model} at {@code firmware}. */
        public boolean matches(String manufacturer, String model, String firmware) {
            if (!manufacturer.toLowerCase(Locale.ROOT).contains(vendor.toLowerCase(Locale.ROOT))
                    || !glob(modelPattern.toUpperCase(Locale.ROOT), model.toUpperCase(Locale.ROOT))) {
                return false;
            }
            List<Long> v = versionNumbers(firmware);
            return !v.isEmpty() && compare(v, versionNumbers(firstAffected)) >= 0
                    && compare(v, versionNumbers(lastAffected)) <= 0;
        }
    }

    private record Document(int schema, List<Entry> entries) {
    }

    private final List<Entry> entries;

    public KnownVulnerableFirmware(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The bundled list. */
    public static KnownVulnerableFirmware bundled() {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = KnownVulnerableFirmware.class.getResourceAsStream("known-vulnerable-firmware.yaml")) {
            if (in == null) {
                throw new IllegalStateException("known-vulnerable-firmware.yaml is missing from the jar");
            }
            return new KnownVulnerableFirmware(mapper.readValue(in, Document.class).entries());
        } catch (IOException e) {
            throw new IllegalStateException("bundled known-vulnerable-firmware.yaml cannot be read", e);
        }
    }

    /** The entries. */
    public List<Entry> entries() {
        return entries;
    }

    /** Every entry naming this camera's firmware; empty when none does. */
    public List<Entry> matching(String manufacturer, String model, String firmware) {
        List<Entry> hits = new ArrayList<>();
        for (Entry e : entries) {
            if (e.matches(manufacturer, model, firmware)) {
                hits.add(e);
            }
        }
        return hits;
    }

    /**
     * The runs of digits in {@code version}, in order: {@code "V5.4.0 build 160530"} gives 5, 4, 0, 160530.
     * Runs longer than 18 digits are cut, so a hostile string cannot overflow.
     */
    static List<Long> versionNumbers(String version) {
        List<Long> out = new ArrayList<>();
        long n = 0;
        int digits = 0;
        for (int i = 0; i <= version.length(); i++) {
            char c = i < version.length() ? version.charAt(i) : ' ';
            if (c >= '0' && c <= '9') {
                if (digits < 18) {
                    n = n * 10 + (c - '0');
                }
                digits++;
            } else if (digits > 0) {
                out.add(n);
                n = 0;
                digits = 0;
            }
        }
        return out;
    }

    /** Compares version numbers component by component; a missing component counts as 0. */
    static int compare(List<Long> a, List<Long> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            long x = i < a.size() ? a.get(i) : 0;
            long y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    }

    /** Glob match without regular expressions: {@code ?} one character, {@code *} any run. */
    static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
