package org.cctvgateway.rtsp.codec.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The client side of RTSP authentication for one connection: remembers the challenge of the
 * last 401 and computes the {@code Authorization} header of each following request.
 *
 * <p>Usage: on a 401, pass every {@code WWW-Authenticate} value to {@link #onChallenge}; when it
 * returns true, resend the request with {@link #authorization(String, String)}. Whether to retry
 * at all (once per request, or again when the challenge says {@code stale=true}) is the
 * caller's policy. Digest answers use qop=auth when offered, with a fresh cnonce and a
 * counting nc; the strongest offered algorithm is chosen (SHA-256 over MD5).
 *
 * <p>Not thread-safe; used from one channel's event loop.
 */
public final class ClientAuthenticator {
    private final Credentials credentials;
    private final Supplier<String> cnonces;
    private Challenge current;
    private int nonceCount;

    /** With random 16-hex-digit cnonces. */
    public ClientAuthenticator(Credentials credentials) {
        this(credentials, randomCnonces(new SecureRandom()));
    }

    /** With the given cnonce source (tests pin it). */
    public ClientAuthenticator(Credentials credentials, Supplier<String> cnonces) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.cnonces = Objects.requireNonNull(cnonces, "cnonces");
    }

    /**
     * Takes the challenges of a 401 response.
     *
     * @return true when one of them can be answered
     * @throws org.cctvgateway.rtsp.codec.RtspProtocolException when a header is malformed
     */
    public boolean onChallenge(List<String> wwwAuthenticate) {
        Optional<Challenge> chosen = Challenge.strongest(Challenge.parseAll(wwwAuthenticate));
        if (chosen.isEmpty()) {
            return false;
        }
        if (!(current instanceof Challenge.Digest old && chosen.get() instanceof Challenge.Digest d
                && old.nonce().equals(d.nonce()))) {
            nonceCount = 0;
        }
        current = chosen.get();
        return true;
    }

    /** The challenge being answered, if any. */
    public Optional<Challenge> challenge() {
        return Optional.ofNullable(current);
    }

    /** Whether the last challenge said the previous answer only had an expired nonce. */
    public boolean stale() {
        return current instanceof Challenge.Digest d && d.stale();
    }

    /**
     * The Authorization header value for a request, or empty before any challenge. The value
     * holds credentials: never log it.
     */
    public Optional<String> authorization(String method, String uri) {
        if (current == null) {
            return Optional.empty();
        }
        if (current instanceof Challenge.Basic) {
            String pair = credentials.username() + ":" + credentials.password();
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        Challenge.Digest d = (Challenge.Digest) current;
        DigestAlgorithm alg = d.algorithm();
        String qop = d.qop().contains("auth") ? "auth" : d.qop().contains("auth-int") ? "auth-int" : null;
        String cnonce = qop != null || alg.session() ? cnonces.get() : null;
        String nc = null;
        if (qop != null) {
            nonceCount++;
            nc = String.format("%08x", nonceCount);
        }
        String ha1 = alg.sessionHa1(alg.ha1(credentials.username(), d.realm(), credentials.password()),
                d.nonce(), cnonce);
        String response = alg.response(ha1, d.nonce(), nc, cnonce, qop, method, uri);
        StringBuilder b = new StringBuilder(256).append("Digest ");
        b.append("username=").append(quote(credentials.username()));
        b.append(", realm=").append(quote(d.realm()));
        b.append(", nonce=").append(quote(d.nonce()));
        b.append(", uri=").append(quote(uri));
        b.append(", response=").append(quote(response));
        if (d.algorithmGiven()) {
            b.append(", algorithm=").append(alg.token());
        }
        d.opaque().ifPresent(o -> b.append(", opaque=").append(quote(o)));
        if (qop != null) {
            b.append(", qop=").append(qop).append(", nc=").append(nc);
        }
        if (cnonce != null) {
            b.append(", cnonce=").append(quote(cnonce));
        }
        return Optional.of(b.toString());
    }

    static String quote(String v) {
        StringBuilder b = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    private static Supplier<String> randomCnonces(SecureRandom random) {
        return () -> {
            byte[] bytes = new byte[8];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        };
    }

    @Override
    public String toString() {
        return "ClientAuthenticator[" + credentials + "]";
    }
}
