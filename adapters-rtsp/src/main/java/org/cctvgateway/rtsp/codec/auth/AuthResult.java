package org.cctvgateway.rtsp.codec.auth;

import java.util.Objects;
import java.util.Optional;

/** The outcome of checking a request's Authorization header: expected states, as values. */
public sealed interface AuthResult permits AuthResult.Accepted, AuthResult.Rejected {

    /** The credentials are right for {@code username}. */
    record Accepted(String username) implements AuthResult {
        public Accepted {
            Objects.requireNonNull(username, "username");
        }
    }

    /**
     * Missing, malformed or wrong credentials; answer 401 with fresh challenges.
     *
     * @param reason plain words for a DEBUG log line; never holds a password
     * @param stale the answer was right but its nonce expired: challenge with {@code stale=true}
     * @param user the user name the credentials claimed, when they named one (at most 64 characters):
     *     who was refused, for the audit
     */
    record Rejected(String reason, boolean stale, Optional<String> user) implements AuthResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(user, "user");
            user = user.map(u -> u.length() > 64 ? u.substring(0, 64) : u);
        }

        /** A rejection that names no user. */
        public Rejected(String reason, boolean stale) {
            this(reason, stale, Optional.empty());
        }
    }
}
