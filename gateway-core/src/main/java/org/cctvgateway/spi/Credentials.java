package org.cctvgateway.spi;

import java.util.Objects;

/**
 * A user name and password for a camera. {@link #toString()} never shows the password, so a
 * record printed in a log or an exception message leaks nothing.
 *
 * @param username the user name, empty for none
 * @param password the password, empty for none
 */
public record Credentials(String username, String password) {
    private static final Credentials NONE = new Credentials("", "");

    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** No credentials: the probe tries anonymous access. */
    public static Credentials none() {
        return NONE;
    }

    /** True when there is no user name (a password alone is never sent). */
    public boolean isEmpty() {
        return username.isEmpty();
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=" + (password.isEmpty() ? "" : "***") + "]";
    }
}
