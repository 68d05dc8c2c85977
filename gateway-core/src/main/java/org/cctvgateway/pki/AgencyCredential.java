package org.cctvgateway.pki;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An agency's RTSP Digest credentials as stored: never the secret, only the HA1 values
 * {@code H(agency ":" realm ":" secret)} per algorithm, in lower-case hex.
 *
 * @param agency the agency, also the Digest user name
 * @param realm the realm the HA1 values were computed for
 * @param ha1 algorithm name ({@code MD5}, {@code SHA-256}) to HA1 hex
 * @param created when the secret was made
 * @param revokedAt when it was revoked; empty while it works
 */
public record AgencyCredential(String agency, String realm, Map<String, String> ha1, Instant created,
                               Optional<Instant> revokedAt) {
    public AgencyCredential {
        AgencyNames.require(agency);
        Objects.requireNonNull(realm, "realm");
        ha1 = Map.copyOf(ha1);
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(revokedAt, "revokedAt");
    }

    /** Whether the credentials still work. */
    public boolean active() {
        return revokedAt.isEmpty();
    }

    /** Names the agency and state only; HA1 values are secret-equivalent and stay out of logs. */
    @Override
    public String toString() {
        return "AgencyCredential[" + agency + ", realm " + realm + ", algorithms " + new TreeMap<>(ha1).keySet()
                + ", created " + created + revokedAt.map(r -> ", revoked " + r).orElse("") + "]";
    }
}
