package org.cctvgateway.rtsp.codec.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cctvgateway.rtsp.codec.RtspProtocolException;

/**
 * One authentication challenge from a {@code WWW-Authenticate} header that this gateway can
 * answer: {@link Basic} or {@link Digest}. Schemes it cannot answer (NTLM, Bearer, Digest with
 * an unknown algorithm) are skipped by {@link #parseAll}.
 */
public sealed interface Challenge permits Challenge.Basic, Challenge.Digest {

    String realm();

    /** {@code Basic realm="..."} (RFC 7617). */
    record Basic(String realm) implements Challenge {
        public Basic {
            Objects.requireNonNull(realm, "realm");
        }
    }

    /**
     * {@code Digest realm="...", nonce="...", ...} (RFC 7616 §3.3, RFC 2617 §3.2.1).
     *
     * @param qop the qop options offered, lower case; empty for an RFC 2069 challenge
     * @param algorithmGiven whether the challenge named its algorithm (the answer echoes it only then)
     * @param stale the previous answer was right but its nonce expired
     */
    record Digest(String realm, String nonce, Optional<String> opaque, DigestAlgorithm algorithm,
                  boolean algorithmGiven, Set<String> qop, boolean stale) implements Challenge {
        public Digest {
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(nonce, "nonce");
            Objects.requireNonNull(opaque, "opaque");
            Objects.requireNonNull(algorithm, "algorithm");
            qop = Set.copyOf(qop);
        }
    }

    /**
     * The challenges of every {@code WWW-Authenticate} value of a response, in order, keeping
     * those this gateway can answer.
     *
     * @throws RtspProtocolException when a value is malformed or over the size limits
     */
    static List<Challenge> parseAll(List<String> headerValues) {
        List<Challenge> out = new ArrayList<>();
        if (headerValues.size() > AuthParams.MAX_CHALLENGES) {
            throw new RtspProtocolException("response has " + headerValues.size()
                    + " WWW-Authenticate headers, limit is " + AuthParams.MAX_CHALLENGES);
        }
        for (String value : headerValues) {
            for (AuthParams.Item item : AuthParams.parse(value, "WWW-Authenticate")) {
                toChallenge(item).ifPresent(out::add);
            }
        }
        return List.copyOf(out);
    }

    private static Optional<Challenge> toChallenge(AuthParams.Item item) {
        String realm = item.params().getOrDefault("realm", "");
        if (item.scheme().equals("basic")) {
            return Optional.of(new Basic(realm));
        }
        if (!item.scheme().equals("digest")) {
            return Optional.empty();
        }
        String nonce = item.params().get("nonce");
        if (nonce == null || nonce.isEmpty()) {
            throw new RtspProtocolException("WWW-Authenticate Digest challenge for realm "
                    + RtspProtocolException.excerpt(realm) + " has no nonce");
        }
        String alg = item.params().get("algorithm");
        Optional<DigestAlgorithm> algorithm = alg == null ? Optional.of(DigestAlgorithm.MD5)
                : DigestAlgorithm.fromToken(alg);
        if (algorithm.isEmpty()) {
            return Optional.empty();
        }
        Set<String> qop = Set.of();
        String rawQop = item.params().get("qop");
        if (rawQop != null) {
            List<String> options = new ArrayList<>();
            for (String q : rawQop.split(",", 8)) {
                if (!q.isBlank()) {
                    options.add(q.trim().toLowerCase(Locale.ROOT));
                }
            }
            qop = Set.copyOf(options);
            if (!qop.contains("auth") && !qop.contains("auth-int")) {
                // Only unknown qop options: RFC 7616 gives no way to answer.
                return Optional.empty();
            }
        }
        boolean stale = "true".equalsIgnoreCase(item.params().getOrDefault("stale", "false").trim());
        return Optional.of(new Digest(realm, nonce, Optional.ofNullable(item.params().get("opaque")),
                algorithm.get(), alg != null, qop, stale));
    }

    /**
     * The challenge to answer: the strongest Digest (SHA-256, then SHA-512-256, then MD5), else
     * Basic; among equals the first offered.
     */
    static Optional<Challenge> strongest(List<Challenge> challenges) {
        Challenge best = null;
        int bestRank = -1;
        for (Challenge c : challenges) {
            int rank = c instanceof Digest d ? 10 + d.algorithm().preference() : 0;
            if (rank > bestRank) {
                best = c;
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }
}
