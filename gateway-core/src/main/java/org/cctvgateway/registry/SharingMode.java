package org.cctvgateway.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.cctvgateway.GatewayException;

/**
 * What the owner of a camera agreed to share, recorded with their consent and enforced on every
 * viewing request.
 */
public enum SharingMode {
    /** Re-published at all times to the agencies the access policy allows. */
    CONTINUOUS("continuous"),
    /** Served to allowed agencies on request; each session is audited with its agency. */
    ON_REQUEST("on-request"),
    /** Served only while an emergency window is open for the camera's site. */
    EMERGENCY_ONLY("emergency-only"),
    /** Never served. */
    OFF("off");

    private final String label;

    SharingMode(String label) {
        this.label = label;
    }

    /** The lower-case, hyphenated name used in files and on the command line. */
    public String label() {
        return label;
    }

    /**
     * Reads a label ({@code emergency-only}); the enum name in any case and with underscores is
     * accepted too.
     *
     * @throws GatewayException naming the value and the accepted ones
     */
    public static SharingMode parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        for (SharingMode m : values()) {
            if (m.label.equals(t)) {
                return m;
            }
        }
        throw new GatewayException("sharing mode '" + text + "' is not known",
                "use one of " + Arrays.stream(values()).map(SharingMode::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
