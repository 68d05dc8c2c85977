package org.cctvgateway.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.cctvgateway.GatewayException;

/** The kind of premises a site is; access policies grant agencies sites by kind. */
public enum SiteType {
    HOTEL("hotel"),
    PLAZA("plaza"),
    HOUSING_SOCIETY("housing-society"),
    RESIDENTIAL("residential"),
    SCHOOL("school"),
    OTHER("other");

    private final String label;

    SiteType(String label) {
        this.label = label;
    }

    /** The lower-case, hyphenated name used in files and on the command line. */
    public String label() {
        return label;
    }

    /**
     * Reads a label ({@code housing-society}); the enum name in any case and with underscores is
     * accepted too.
     *
     * @throws GatewayException naming the value and the accepted ones
     */
    public static SiteType parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        for (SiteType s : values()) {
            if (s.label.equals(t)) {
                return s;
            }
        }
        throw new GatewayException("site type '" + text + "' is not known",
                "use one of " + Arrays.stream(values()).map(SiteType::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
