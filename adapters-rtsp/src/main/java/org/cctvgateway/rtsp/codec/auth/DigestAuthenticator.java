package org.cctvgateway.rtsp.codec.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cctvgateway.rtsp.codec.RtspProtocolException;

/**
 * The server side of RTSP authentication: issues {@code WWW-Authenticate} challenges and
 * checks {@code Authorization} answers for one realm.
 *
 * <p><b>Nonces</b> need no server state: each is the issue time, 8 random bytes and an
 * HMAC-SHA256 (truncated to 16 bytes) over both and the realm, keyed with a secret held only
 * by this gateway. A nonce whose HMAC does not verify is foreign and rejected; one older than
 * the lifetime is stale, and the client is challenged again with {@code stale=true} so it can
 * retry without asking the user. Every comparison of secrets is constant-time.
 *
 * <p><b>Interop.</b> Challenges go out in the order of {@link Options#algorithms()}, one header
 * each. The default is SHA-256 then MD5: RFC 7616 §3.7 lists the preferred one first, while
 * FFmpeg and live555 (VLC) keep the <em>last</em> Digest challenge they read and only compute
 * MD5, so MD5 must come last. Answers without qop (RFC 2069 form, as live555 sends) are
 * accepted; the {@code uri} checked is the one the client signed, as players do not all sign
 * the request line's URL.
 *
 * <p>Thread-safe: immutable apart from the random source, which is.
 */
public final class DigestAuthenticator {
    private static final int NONCE_BYTES = 8 + 8 + 16;
    /** Clock skew tolerated for a nonce issued "in the future" (the wall clock was stepped back). */
    private static final long FUTURE_SKEW_MILLIS = 5_000;

    /**
     * @param realm the realm users are checked against
     * @param algorithms Digest algorithms to offer, in header order; empty for Basic only
     * @param nonceLifetime how long a nonce may be used (default 5 minutes)
     * @param allowBasic whether Basic is offered and accepted; turn it off on plain TCP, where it
     *     would show passwords on the wire
     */
    public record Options(String realm, List<DigestAlgorithm> algorithms, Duration nonceLifetime,
                          boolean allowBasic) {
        public Options {
            Objects.requireNonNull(realm, "realm");
            algorithms = List.copyOf(algorithms);
            Objects.requireNonNull(nonceLifetime, "nonceLifetime");
            if (nonceLifetime.isNegative() || nonceLifetime.isZero()) {
                throw new IllegalArgumentException("nonceLifetime must be positive, was " + nonceLifetime);
            }
            if (algorithms.isEmpty() && !allowBasic) {
                throw new IllegalArgumentException("offer at least one Digest algorithm or allow Basic");
            }
            if (realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0) {
                throw new IllegalArgumentException("realm must not contain quotes or backslashes: " + realm);
            }
        }

        /** SHA-256 and MD5 Digest, 5-minute nonces, no Basic. */
        public static Options defaults(String realm) {
            return new Options(realm, List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), Duration.ofMinutes(5),
                    false);
        }
    }

    private final Options options;
    private final Function<String, Optional<UserSecret>> users;
    private final SecretKeySpec key;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param users looks a user name up; empty for an unknown user
     * @param hmacSecret at least 32 bytes, kept secret; copied
     */
    public DigestAuthenticator(Options options, Function<String, Optional<UserSecret>> users, byte[] hmacSecret,
                               Clock clock, SecureRandom random) {
        this.options = Objects.requireNonNull(options, "options");
        this.users = Objects.requireNonNull(users, "users");
        if (hmacSecret.length < 32) {
            throw new IllegalArgumentException("hmacSecret must have at least 32 bytes, has " + hmacSecret.length);
        }
        this.key = new SecretKeySpec(hmacSecret.clone(), "HmacSHA256");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A user table from a map; the map is copied. */
    public static Function<String, Optional<UserSecret>> users(Map<String, UserSecret> table) {
        Map<String, UserSecret> copy = Map.copyOf(table);
        return name -> Optional.ofNullable(copy.get(name));
    }

    public Options options() {
        return options;
    }

    /** The WWW-Authenticate values of a 401, one per offered scheme, each with a fresh nonce. */
    public List<String> challenges(boolean stale) {
        List<String> out = new ArrayList<>();
        String nonce = newNonce();
        for (DigestAlgorithm alg : options.algorithms()) {
            out.add("Digest realm=\"" + options.realm() + "\", nonce=\"" + nonce + "\", algorithm=" + alg.token()
                    + ", qop=\"auth\"" + (stale ? ", stale=true" : ""));
        }
        if (options.allowBasic()) {
            out.add("Basic realm=\"" + options.realm() + "\"");
        }
        return out;
    }

    /**
     * Checks a request's credentials.
     *
     * @param method the request method, e.g. {@code DESCRIBE}
     * @param authorization the Authorization header value, or null when absent
     */
    public AuthResult verify(String method, String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new AuthResult.Rejected("no Authorization header", false);
        }
        List<AuthParams.Item> items;
        try {
            items = AuthParams.parse(authorization, "Authorization");
        } catch (RtspProtocolException e) {
            return new AuthResult.Rejected(e.getMessage(), false);
        }
        if (items.size() != 1) {
            return new AuthResult.Rejected("Authorization header holds " + items.size() + " credentials", false);
        }
        AuthParams.Item item = items.get(0);
        if (item.scheme().equals("basic")) {
            return options.allowBasic() ? verifyBasic(item.token68())
                    : new AuthResult.Rejected("Basic authentication is disabled", false);
        }
        if (!item.scheme().equals("digest")) {
            return new AuthResult.Rejected("unsupported scheme " + RtspProtocolException.excerpt(item.scheme()),
                    false);
        }
        return verifyDigest(method, item.params());
    }

    private AuthResult verifyBasic(String token68) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(token68), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new AuthResult.Rejected("Basic credentials are not base64", false);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return new AuthResult.Rejected("Basic credentials have no colon", false);
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        Optional<UserSecret> secret = users.apply(user);
        if (secret.isEmpty()) {
            return new AuthResult.Rejected("unknown user " + RtspProtocolException.excerpt(user), false, Optional.of(user));
        }
        boolean ok;
        if (secret.get() instanceof UserSecret.Password p) {
            ok = constantTimeEquals(p.password(), password);
        } else {
            ok = false;
            for (Map.Entry<DigestAlgorithm, String> e : ((UserSecret.Hashed) secret.get()).ha1().entrySet()) {
                ok |= constantTimeEquals(e.getValue(), e.getKey().ha1(user, options.realm(), password));
            }
        }
        return ok ? new AuthResult.Accepted(user)
                : new AuthResult.Rejected("wrong password for user " + RtspProtocolException.excerpt(user), false,
                        Optional.of(user));
    }

    private AuthResult verifyDigest(String method, Map<String, String> p) {
        String user = p.get("username");
        String nonce = p.get("nonce");
        String uri = p.get("uri");
        String response = p.get("response");
        if (user == null || nonce == null || uri == null || response == null) {
            return new AuthResult.Rejected("Digest answer lacks username, nonce, uri or response", false);
        }
        if (!options.realm().equals(p.get("realm"))) {
            return new AuthResult.Rejected("Digest answer is for realm "
                    + RtspProtocolException.excerpt(p.get("realm")), false);
        }
        Optional<DigestAlgorithm> alg = DigestAlgorithm.fromToken(p.getOrDefault("algorithm", "MD5"));
        if (alg.isEmpty() || !options.algorithms().contains(alg.get())) {
            return new AuthResult.Rejected("Digest algorithm " + RtspProtocolException.excerpt(p.get("algorithm"))
                    + " was not offered", false);
        }
        String qop = p.get("qop");
        String nc = p.get("nc");
        String cnonce = p.get("cnonce");
        if (qop != null && (!qop.equalsIgnoreCase("auth") || nc == null || cnonce == null)) {
            return new AuthResult.Rejected("Digest answer has qop " + RtspProtocolException.excerpt(qop)
                    + " without nc and cnonce, or a qop other than auth", false);
        }
        if (alg.get().session() && cnonce == null) {
            return new AuthResult.Rejected("Digest " + alg.get().token() + " answer has no cnonce", false);
        }
        NonceCheck check = checkNonce(nonce);
        if (check == NonceCheck.FOREIGN) {
            return new AuthResult.Rejected("nonce was not issued by this server", false);
        }
        Optional<UserSecret> secret = users.apply(user);
        if (secret.isEmpty()) {
            return new AuthResult.Rejected("unknown user " + RtspProtocolException.excerpt(user), false, Optional.of(user));
        }
        Optional<String> plainHa1 = plainHa1(secret.get(), alg.get(), user);
        if (plainHa1.isEmpty()) {
            return new AuthResult.Rejected("no " + alg.get().token() + " secret stored for user "
                    + RtspProtocolException.excerpt(user), false, Optional.of(user));
        }
        String ha1 = alg.get().sessionHa1(plainHa1.get(), nonce, cnonce);
        String expected = alg.get().response(ha1, nonce, nc, cnonce, qop == null ? null : "auth", method, uri);
        if (!constantTimeEquals(expected, response.toLowerCase(Locale.ROOT))) {
            return new AuthResult.Rejected("wrong Digest response for user " + RtspProtocolException.excerpt(user),
                    false, Optional.of(user));
        }
        if (check == NonceCheck.STALE) {
            return new AuthResult.Rejected("nonce expired", true);
        }
        return new AuthResult.Accepted(user);
    }

    private Optional<String> plainHa1(UserSecret secret, DigestAlgorithm alg, String user) {
        if (secret instanceof UserSecret.Password pw) {
            return Optional.of(alg.ha1(user, options.realm(), pw.password()));
        }
        DigestAlgorithm plain = switch (alg) {
            case MD5_SESS -> DigestAlgorithm.MD5;
            case SHA_256_SESS -> DigestAlgorithm.SHA_256;
            case SHA_512_256_SESS -> DigestAlgorithm.SHA_512_256;
            default -> alg;
        };
        return Optional.ofNullable(((UserSecret.Hashed) secret).ha1().get(plain));
    }

    private enum NonceCheck { FRESH, STALE, FOREIGN }

    /** A new nonce: base64url of issue time (8 bytes), random (8), truncated HMAC (16). */
    String newNonce() {
        ByteBuffer b = ByteBuffer.allocate(NONCE_BYTES);
        b.putLong(clock.millis());
        byte[] r = new byte[8];
        random.nextBytes(r);
        b.put(r);
        b.put(mac(b.array(), 16), 0, 16);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    private NonceCheck checkNonce(String nonce) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return NonceCheck.FOREIGN;
        }
        if (raw.length != NONCE_BYTES) {
            return NonceCheck.FOREIGN;
        }
        byte[] expected = mac(raw, 16);
        byte[] given = new byte[16];
        System.arraycopy(raw, 16, given, 0, 16);
        if (!MessageDigest.isEqual(java.util.Arrays.copyOf(expected, 16), given)) {
            return NonceCheck.FOREIGN;
        }
        long age = clock.millis() - ByteBuffer.wrap(raw).getLong();
        if (age < -FUTURE_SKEW_MILLIS || age > options.nonceLifetime().toMillis()) {
            return NonceCheck.STALE;
        }
        return NonceCheck.FRESH;
    }

    private byte[] mac(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(data, 0, length);
            mac.update(options.realm().getBytes(StandardCharsets.UTF_8));
            return mac.doFinal();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
