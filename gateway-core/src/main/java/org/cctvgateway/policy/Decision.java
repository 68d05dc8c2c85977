package org.cctvgateway.policy;

import java.util.Objects;

/** The answer to an {@link AccessRequest}: serve the camera, or refuse with a status and a reason. */
public sealed interface Decision permits Decision.Allow, Decision.Deny {
    /** The reason in plain words, for the audit record (and, on a refusal, for the client). */
    String reason();

    /** Serve it; {@code reason} says under which grant ({@code continuous sharing, agency police ...}). */
    record Allow(String reason) implements Decision {
        public Allow {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Refuse it with RTSP status {@code status} (403: the agency is known but may not see this) and a
     * reason naming what is missing.
     */
    record Deny(int status, String reason) implements Decision {
        public Deny {
            if (status < 400 || status > 499) {
                throw new IllegalArgumentException("a refusal status is 4xx, was " + status);
            }
            Objects.requireNonNull(reason, "reason");
        }
    }
}
