package org.cctvgateway.rtsp.codec.auth;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the server knows of a user's password: the password itself, or Digest HA1 values
 * (H(username:realm:password)) per algorithm so that the password need not be stored.
 * {@code toString()} never shows either.
 */
public sealed interface UserSecret permits UserSecret.Password, UserSecret.Hashed {

    /** The clear password; allows Basic and every Digest algorithm. */
    record Password(String password) implements UserSecret {
        public Password {
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Password[***]";
        }
    }

    /** HA1 per plain algorithm (lower-case hex); {@code -sess} variants use their plain HA1. */
    record Hashed(Map<DigestAlgorithm, String> ha1) implements UserSecret {
        public Hashed {
            EnumMap<DigestAlgorithm, String> copy = new EnumMap<>(DigestAlgorithm.class);
            ha1.forEach((k, v) -> {
                if (k.session()) {
                    throw new IllegalArgumentException("store the HA1 of " + k.token().replace("-sess", "")
                            + ", not of " + k.token());
                }
                copy.put(k, v.toLowerCase(Locale.ROOT));
            });
            ha1 = Map.copyOf(copy);
        }

        @Override
        public String toString() {
            return "Hashed" + ha1.keySet();
        }
    }
}
