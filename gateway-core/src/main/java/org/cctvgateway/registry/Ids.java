package org.cctvgateway.registry;

import java.util.regex.Pattern;
import org.cctvgateway.GatewayException;

/**
 * The rule for site and camera ids: 1 to 40 of lower-case letters, digits and '-', starting with a
 * letter or digit. Ids appear in stream paths ({@code /SITE/CAMERA/main}), file keys and audit
 * records, so they are kept to characters that need no escaping anywhere.
 */
public final class Ids {
    /** The pattern every id matches. */
    public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private Ids() {
    }

    /**
     * Returns {@code id} when it follows the rule.
     *
     * @param kind what the id names, for the message ({@code "camera id"})
     * @throws GatewayException naming the value and the rule
     */
    public static String check(String kind, String id) {
        if (id == null || !PATTERN.matcher(id).matches()) {
            throw new GatewayException(kind + " '" + id + "' is not valid: it must be 1-40 lower-case letters, "
                    + "digits or '-', starting with a letter or digit", "e.g. hotel-1 or lobby-cam-2");
        }
        return id;
    }
}
