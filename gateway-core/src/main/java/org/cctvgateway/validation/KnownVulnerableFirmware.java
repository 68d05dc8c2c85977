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
 * A camera matches an entry by maker, model glob and a firmware inside the entry's inclusive range; nothing is ever
 * tried against the camera. The range is compared either on the numbers of the version string (Hikvision
 * {@code V5.4.5 build 170123} is 5.4.5.170123, Axis {@code 6.50.1.2} is 6.50.1.2) or, where an advisory names
 * firmware by build time (Dahua: "build time before June 2021"), on the build date in it (Dahua
 * {@code 2.800.0000000.18.R, Build Date: 2021-05-12}, Hikvision {@code build 210628}).
 */
public final class KnownVulnerableFirmware {
    /**
     * One advisory entry.
     *
     * @param vendor matched case-insensitively as a substring of the reported manufacturer
     * @param modelPattern a glob over the model ({@code ?} one character, {@code #} one digit, {@code @} one
     *     letter, {@code *} any run), case-insensitive
     * @param firstAffected the first affected version (or build date), inclusive; empty: every earlier one
     * @param lastAffected the last affected version (or build date {@code yyyy-MM-dd}), inclusive
     * @param compareBy {@code version} (the default when absent) or {@code buildDate}
     */
    public record Entry(String vendor, String modelPattern, String firstAffected, String lastAffected,
            String fixedIn, String advisory, String cve, String source, String compareBy) {
        public Entry {
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(modelPattern, "modelPattern");
            Objects.requireNonNull(firstAffected, "firstAffected");
            Objects.requireNonNull(lastAffected, "lastAffected");
            Objects.requireNonNull(fixedIn, "fixedIn");
            Objects.requireNonNull(advisory, "advisory");
            Objects.requireNonNull(cve, "cve");
            Objects.requireNonNull(source, "source");
            compareBy = compareBy == null ? VERSION : compareBy;
            if (!compareBy.equals(VERSION) && !compareBy.equals(BUILD_DATE)) {
                throw new IllegalArgumentException("compareBy '" + compareBy + "' is not version or buildDate");
            }
            if (compareBy.equals(BUILD_DATE) && (buildDate(lastAffected).isEmpty()
                    || !firstAffected.isEmpty() && buildDate(firstAffected).isEmpty())) {
                throw new IllegalArgumentException("entry " + cve + " " + modelPattern + " compares by build date,"
                        + " so firstAffected and lastAffected must be dates like 2021-05-31");
            }
        }

        /** An entry compared by version number. */
        public Entry(String vendor, String modelPattern, String firstAffected, String lastAffected, String fixedIn,
                String advisory, String cve, String source) {
            this(vendor, modelPattern, firstAffected, lastAffected, fixedIn, advisory, cve, source, VERSION);
        }

        /** True when this entry names {@code manufacturer}'s {@code model} at {@code firmware}. */
        public boolean matches(String manufacturer, String model, String firmware) {
            if (!manufacturer.toLowerCase(Locale.ROOT).contains(vendor.toLowerCase(Locale.ROOT))
                    || !glob(modelPattern.toUpperCase(Locale.ROOT), model.toUpperCase(Locale.ROOT))) {
                return false;
            }
            boolean byDate = compareBy.equals(BUILD_DATE);
            List<Long> v = byDate ? buildDate(firmware) : versionNumbers(firmware);
            // A firmware string without a version (or build date) is never matched: the list flags by evidence.
            return !v.isEmpty() && compare(v, byDate ? buildDate(firstAffected) : versionNumbers(firstAffected)) >= 0
                    && compare(v, byDate ? buildDate(lastAffected) : versionNumbers(lastAffected)) <= 0;
        }
    }

    /** {@link Entry#compareBy()}: the numbers of the version string. */
    public static final String VERSION = "version";
    /** {@link Entry#compareBy()}: the build date in the version string. */
    public static final String BUILD_DATE = "buildDate";

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

    /**
     * The build date in a firmware string as year, month, day; empty when there is none. Read from a
     * {@code yyyy-MM-dd} (or {@code yyyy/MM/dd}, {@code yyyy.MM.dd}) date standing alone, as Dahua writes
     * {@code "2.800.0000000.16.R, Build Date 2020-09-02"}, else from {@code build yyMMdd} as Hikvision writes
     * {@code "V5.5.800 build 210628"}.
     */
    static List<Long> buildDate(String firmware) {
        int n = firmware.length();
        for (int i = 0; i + 10 <= n; i++) {
            char sep = firmware.charAt(i + 4);
            if ((i == 0 || !isDigit(firmware.charAt(i - 1))) && digits(firmware, i, 4) && (sep == '-' || sep == '/'
                    || sep == '.') && digits(firmware, i + 5, 2) && firmware.charAt(i + 7) == sep
                    && digits(firmware, i + 8, 2) && (i + 10 == n || !isDigit(firmware.charAt(i + 10)))) {
                return date(Long.parseLong(firmware.substring(i, i + 4)), Long.parseLong(firmware.substring(i + 5,
                        i + 7)), Long.parseLong(firmware.substring(i + 8, i + 10)));
            }
        }
        String lower = firmware.toLowerCase(Locale.ROOT);
        for (int at = lower.indexOf("build"); at >= 0; at = lower.indexOf("build", at + 1)) {
            int i = at + 5;
            while (i < n && (lower.charAt(i) == ' ' || lower.charAt(i) == ':')) {
                i++;
            }
            if (i + 6 <= n && digits(lower, i, 6) && (i + 6 == n || !isDigit(lower.charAt(i + 6)))) {
                return date(2000 + Long.parseLong(lower.substring(i, i + 2)),
                        Long.parseLong(lower.substring(i + 2, i + 4)), Long.parseLong(lower.substring(i + 4, i + 6)));
            }
        }
        return List.of();
    }

    private static List<Long> date(long year, long month, long day) {
        return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? List.of(year, month, day) : List.of();
    }

    private static boolean digits(String s, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
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

    /**
     * Glob match without regular expressions: {@code ?} one character, {@code #} one digit, {@code @} one letter
     * (Dahua's advisories write a family as {@code IPC-HX3XXX}: letters, then the series digit, then digits),
     * {@code *} any run.
     */
    static boolean glob(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int mark = 0;
        while (t < text.length()) {
            if (p < pattern.length() && one(pattern.charAt(p), text.charAt(t))) {
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

    private static boolean one(char pattern, char c) {
        switch (pattern) {
            case '?':
                return true;
            case '#':
                return isDigit(c);
            case '@':
                return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            default:
                return pattern == c;
        }
    }
}
