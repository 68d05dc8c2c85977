package org.cctvgateway.pki;

import java.util.regex.Pattern;
import org.cctvgateway.GatewayException;

/**
 * The rule for agency names, which appear in certificate subjects (CN), as the RTSP Digest user
 * name, in file names under {@code pki/agencies/} and in the access policy: 1 to 40 characters of
 * lower-case letters, digits and hyphens, starting with a letter or digit ({@code police},
 * {@code fire-dept}).
 */
public final class AgencyNames {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private AgencyNames() {
    }

    /** Whether {@code name} follows the rule. */
    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * Returns {@code name} when it follows the rule.
     *
     * @throws GatewayException naming the value and the rule
     */
    public static String require(String name) {
        if (!isValid(name)) {
            throw new GatewayException("agency name '" + name + "' is not valid",
                    "use 1-40 lower-case letters, digits or '-', starting with a letter or digit, e.g. police");
        }
        return name;
    }
}
