package org.cctvgateway.onvif.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP Digest authentication (RFC 7616) for cameras that want it on ONVIF requests, in addition
 * to or instead of the WS-Security UsernameToken. Supports MD5, MD5-sess, SHA-256 and
 * SHA-256-sess with {@code qop=auth} or no qop (RFC 2069 style, still sent by old firmware).
 *
 * <p>Limits: a challenge header longer than {@value #MAX_HEADER_CHARS} characters or with more
 * than {@value #MAX_PARAMS} parameters is ignored.
 */
public final class HttpDigest {
    static final int MAX_HEADER_CHARS = 4096;
    static final int MAX_PARAMS = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A parsed {@code Digest} challenge. */
    public record Challenge(String realm, String nonce, Optional<String> opaque, String algorithm, boolean qopAuth) {
    }

    private HttpDigest() {
    }

    /** Finds the first usable Digest challenge among {@code WWW-Authenticate} header values. */
    public static Optional<Challenge> parse(List<String> headerValues) {
        for (String h : headerValues) {
            Optional<Challenge> c = parse(h);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /** Parses one header value; empty when it is not a usable Digest challenge. */
    public static Optional<Challenge> parse(String header) {
        if (header == null || header.length() > MAX_HEADER_CHARS) {
            return Optional.empty();
        }
        String h = header.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Digest", 0, 6) || !Character.isWhitespace(h.charAt(6))) {
            return Optional.empty();
        }
        Map<String, String> p = params(h.substring(7));
        if (p == null || !p.containsKey("nonce")) {
            return Optional.empty();
        }
        String algorithm = p.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
        if (!List.of("MD5", "MD5-SESS", "SHA-256", "SHA-256-SESS").contains(algorithm)) {
            return Optional.empty();
        }
        String qop = p.get("qop");
        boolean qopAuth = false;
        if (qop != null) {
            for (String q : qop.split(",")) {
                qopAuth |= q.strip().equalsIgnoreCase("auth");
            }
            if (!qopAuth) {
                return Optional.empty(); // auth-int only: we do not hash bodies
            }
        }
        return Optional.of(new Challenge(p.getOrDefault("realm", ""), p.get("nonce"),
                Optional.ofNullable(p.get("opaque")), algorithm, qopAuth));
    }

    /** The {@code Authorization} header value answering {@code challenge} for one request. */
    public static String authorization(Challenge c, String user, String password, String method, String uri) {
        String cnonce = HexFormat.of().formatHex(randomBytes());
        String nc = "00000001";
        String ha1 = hash(c.algorithm(), user + ":" + c.realm() + ":" + password);
        if (c.algorithm().endsWith("-SESS")) {
            ha1 = hash(c.algorithm(), ha1 + ":" + c.nonce() + ":" + cnonce);
        }
        String ha2 = hash(c.algorithm(), method + ":" + uri);
        String response = c.qopAuth()
                ? hash(c.algorithm(), ha1 + ":" + c.nonce() + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : hash(c.algorithm(), ha1 + ":" + c.nonce() + ":" + ha2);
        StringBuilder b = new StringBuilder("Digest username=\"").append(quote(user)).append("\", realm=\"")
                .append(quote(c.realm())).append("\", nonce=\"").append(quote(c.nonce())).append("\", uri=\"")
                .append(quote(uri)).append("\", algorithm=").append(c.algorithm()).append(", response=\"")
                .append(response).append('"');
        if (c.qopAuth()) {
            b.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append('"');
        }
        c.opaque().ifPresent(o -> b.append(", opaque=\"").append(quote(o)).append('"'));
        return b.toString();
    }

    /** auth-param list: {@code name=token} or {@code name="quoted \" string"}, comma separated. */
    private static Map<String, String> params(String s) {
        Map<String, String> out = new HashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            int nameStart = i;
            while (i < n && s.charAt(i) != '=' && s.charAt(i) != ',' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String name = s.substring(nameStart, i).toLowerCase(Locale.ROOT);
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n || s.charAt(i) != '=') {
                if (name.isEmpty()) {
                    break;
                }
                return null;
            }
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(s.charAt(i++));
                }
                if (i >= n) {
                    return null; // unterminated quoted string
                }
                i++;
            } else {
                while (i < n && s.charAt(i) != ',' && !Character.isWhitespace(s.charAt(i))) {
                    value.append(s.charAt(i++));
                }
            }
            if (out.size() == MAX_PARAMS) {
                return null;
            }
            out.putIfAbsent(name, value.toString());
        }
        return out;
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String hash(String algorithm, String s) {
        try {
            String jca = algorithm.startsWith("SHA-256") ? "SHA-256" : "MD5";
            return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }
}
