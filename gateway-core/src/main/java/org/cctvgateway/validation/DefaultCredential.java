package org.cctvgateway.validation;

import java.util.Objects;

/**
 * A publicly documented factory default login. {@link #toString()} leaves the password out, so that a log line
 * holding one never shows it.
 *
 * @param make the maker it applies to, lower case ({@code "hikvision"}), or {@code "generic"}
 * @param password the factory default; may be empty (no password)
 * @param source where the default is documented
 */
public record DefaultCredential(String make, String username, String password, String source) {
    public DefaultCredential {
        Objects.requireNonNull(make, "make");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return "DefaultCredential[make=" + make + ", username=" + username + ", password=<hidden>]";
    }
}
