package org.cctvgateway.validation;

import java.util.Objects;

/**
 * An account that logged in with a factory default password. It never carries the password.
 *
 * @param where the service that accepted it: {@code "rtsp"} or {@code "onvif"} (or a vendor API name)
 */
public record ExposedAccount(String username, String where) {
    public ExposedAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(where, "where");
    }
}
