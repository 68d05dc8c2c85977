package org.cctvgateway.rtsp.codec.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** Digest algorithms of RFC 7616 §6.1, with their {@code -sess} variants. */
public enum DigestAlgorithm {
    MD5("MD5", "MD5", false, 1),
    MD5_SESS("MD5-sess", "MD5", true, 1),
    SHA_256("SHA-256", "SHA-256", false, 3),
    SHA_256_SESS("SHA-256-sess", "SHA-256", true, 3),
    SHA_512_256("SHA-512-256", "SHA-512/256", false, 2),
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true, 2);

    private final String token;
    private final String jcaName;
    private final boolean session;
    private final int preference;

    DigestAlgorithm(String token, String jcaName, boolean session, int preference) {
        this.token = token;
        this.jcaName = jcaName;
        this.session = session;
        this.preference = preference;
    }

    /** The name in the {@code algorithm=} parameter. */
    public String token() {
        return token;
    }

    /** True for the {@code -sess} variants, whose HA1 also covers the nonce and cnonce. */
    public boolean session() {
        return session;
    }

    /** Higher is stronger: SHA-256 over SHA-512-256 (rarer in cameras) over MD5. */
    int preference() {
        return preference;
    }

    /** The algorithm named {@code token}, case-insensitive; empty when unknown. */
    public static Optional<DigestAlgorithm> fromToken(String token) {
        String t = token.trim();
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(t)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Lower-case hex of the hash of {@code text} in UTF-8. */
    public String hash(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance(jcaName);
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java 17 runtime must provide MD5, SHA-256 and SHA-512/256.
            throw new IllegalStateException("JCA lacks " + jcaName, e);
        }
    }

    /** HA1 of RFC 7616 §3.4.2 for the plain algorithm: H(username:realm:password). */
    public String ha1(String username, String realm, String password) {
        return hash(username + ":" + realm + ":" + password);
    }

    /** HA1 as used in the response: the session variants mix in nonce and cnonce. */
    String sessionHa1(String plainHa1, String nonce, String cnonce) {
        return session ? hash(plainHa1.toLowerCase(Locale.ROOT) + ":" + nonce + ":" + cnonce) : plainHa1;
    }

    /** The response of RFC 7616 §3.4.1; {@code qop} null for the RFC 2069 form. */
    String response(String ha1, String nonce, String nc, String cnonce, String qop, String method, String uri) {
        String ha2 = hash(method + ":" + uri + ("auth-int".equals(qop) ? ":" + hash("") : ""));
        if (qop == null) {
            return hash(ha1 + ":" + nonce + ":" + ha2);
        }
        return hash(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }
}
