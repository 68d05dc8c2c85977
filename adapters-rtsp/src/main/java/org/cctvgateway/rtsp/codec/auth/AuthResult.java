package org.cctvgateway.rtsp.codec.auth;

import java.util.Objects;

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
     */
    record Rejected(String reason, boolean stale) implements AuthResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
