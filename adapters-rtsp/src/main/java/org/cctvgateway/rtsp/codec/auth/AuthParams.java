package org.cctvgateway.rtsp.codec.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cctvgateway.rtsp.codec.RtspProtocolException;

/**
 * Tokenizer for {@code WWW-Authenticate} and {@code Authorization} values (RFC 7235 §2.1):
 * {@code scheme [token68 | name=value *(, name=value)]}, several challenges per value.
 */
final class AuthParams {
    static final int MAX_HEADER_CHARS = 4096;
    static final int MAX_CHALLENGES = 16;
    static final int MAX_PARAMS = 32;

    /** One scheme with its lower-cased parameter names; {@code token68} empty when absent. */
    record Item(String scheme, String token68, Map<String, String> params) {
    }

    private final String s;
    private final String what;
    private int p;

    private AuthParams(String s, String what) {
        this.s = s;
        this.what = what;
    }

    static List<Item> parse(String header, String what) {
        if (header.length() > MAX_HEADER_CHARS) {
            throw new RtspProtocolException(what + " header is " + header.length() + " characters, limit is "
                    + MAX_HEADER_CHARS);
        }
        return new AuthParams(header, what).items();
    }

    private List<Item> items() {
        List<Item> out = new ArrayList<>();
        while (true) {
            skipSeparators();
            if (p >= s.length()) {
                return out;
            }
            if (out.size() == MAX_CHALLENGES) {
                throw new RtspProtocolException(what + " header has more than " + MAX_CHALLENGES
                        + " schemes, limit is " + MAX_CHALLENGES);
            }
            out.add(item());
        }
    }

    private Item item() {
        String scheme = token();
        if (scheme.isEmpty()) {
            throw error("expected an authentication scheme at position " + p);
        }
        Map<String, String> params = new LinkedHashMap<>();
        String token68 = "";
        skipSpaces();
        int save = p;
        String name = token();
        skipSpaces();
        if (!name.isEmpty() && (p >= s.length() || s.charAt(p) == ',' || s.charAt(p) == '=' && isToken68End())) {
            // token68, e.g. Basic credentials: name, then padding '=' only up to the end or a comma.
            while (p < s.length() && s.charAt(p) == '=') {
                p++;
            }
            token68 = s.substring(save, p).trim();
            return new Item(scheme.toLowerCase(Locale.ROOT), token68, params);
        }
        p = save;
        while (p < s.length()) {
            save = p;
            name = token();
            skipSpaces();
            if (name.isEmpty() || p >= s.length() || s.charAt(p) != '=') {
                // Not a parameter: the start of the next challenge.
                p = save;
                break;
            }
            p++;
            skipSpaces();
            String value = value();
            if (params.size() == MAX_PARAMS) {
                throw error("more than " + MAX_PARAMS + " parameters, limit is " + MAX_PARAMS);
            }
            params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
            skipSpaces();
            if (p < s.length() && s.charAt(p) != ',') {
                throw error("expected ',' after parameter " + name + " at position " + p);
            }
            skipSeparators();
        }
        return new Item(scheme.toLowerCase(Locale.ROOT), token68, params);
    }

    private boolean isToken68End() {
        int q = p;
        while (q < s.length() && s.charAt(q) == '=') {
            q++;
        }
        while (q < s.length() && (s.charAt(q) == ' ' || s.charAt(q) == '\t')) {
            q++;
        }
        return q >= s.length() || s.charAt(q) == ',';
    }

    private String value() {
        if (p < s.length() && s.charAt(p) == '"') {
            StringBuilder b = new StringBuilder();
            p++;
            while (p < s.length()) {
                char c = s.charAt(p++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\' && p < s.length()) {
                    c = s.charAt(p++);
                }
                b.append(c);
            }
            throw error("unterminated quoted string");
        }
        return token();
    }

    private String token() {
        int start = p;
        while (p < s.length() && isTokenChar(s.charAt(p))) {
            p++;
        }
        return s.substring(start, p);
    }

    private static boolean isTokenChar(char c) {
        // RFC 7230 tchar, plus '/' and ':' which cameras put unquoted in opaque/uri values.
        return c > 0x20 && c < 0x7f && "\"(),;<=>?@[\\]{}".indexOf(c) < 0;
    }

    private void skipSpaces() {
        while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
            p++;
        }
    }

    private void skipSeparators() {
        while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t' || s.charAt(p) == ',')) {
            p++;
        }
    }

    private RtspProtocolException error(String detail) {
        // An Authorization value may hold Basic credentials: never echo it.
        String shown = what.equals("Authorization") ? "" : " " + RtspProtocolException.excerpt(s);
        return new RtspProtocolException(what + " header" + shown + ": " + detail);
    }
}
