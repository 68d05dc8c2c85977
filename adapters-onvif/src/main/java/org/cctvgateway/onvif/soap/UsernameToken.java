package org.cctvgateway.onvif.soap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * A WS-Security UsernameToken (OASIS UsernameToken Profile 1.0), as ONVIF uses it.
 *
 * <p>PasswordDigest = Base64(SHA-1(nonce + created + password)), where nonce is the raw nonce
 * bytes and created the exact {@code wsu:Created} text. A client computes {@code created} on the
 * camera's clock (local clock plus the offset learned from GetSystemDateAndTime), because the
 * camera checks it against its own replay window.
 *
 * @param username the user name
 * @param password the Base64 digest when {@code digest}, else the password in clear
 * @param digest true for PasswordDigest, false for PasswordText
 * @param nonce the Base64 nonce, "" when absent
 * @param created the {@code wsu:Created} text as sent, "" when absent
 */
public record UsernameToken(String username, String password, boolean digest, String nonce, String created) {
    /** Password Type URI for digests. */
    public static final String TYPE_DIGEST = Namespaces.WSS_UT_PROFILE + "#PasswordDigest";
    /** Password Type URI for clear text. */
    public static final String TYPE_TEXT = Namespaces.WSS_UT_PROFILE + "#PasswordText";
    /** Field length limit when reading a token from the network. */
    static final int MAX_FIELD_CHARS = 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    public UsernameToken {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(created, "created");
    }

    /** A digest token with a fresh 16-byte nonce, created at {@code cameraTime}. */
    public static UsernameToken digest(String username, String password, Instant cameraTime) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return digest(username, password, cameraTime, nonce);
    }

    /** A digest token with the given nonce; {@code created} is written with millisecond precision. */
    public static UsernameToken digest(String username, String password, Instant cameraTime, byte[] nonce) {
        String created = cameraTime.truncatedTo(ChronoUnit.MILLIS).toString();
        return new UsernameToken(username, digestOf(nonce, created, password), true,
                Base64.getEncoder().encodeToString(nonce), created);
    }

    /** Base64(SHA-1(nonce + created + password)). */
    public static String digestOf(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }

    /** The {@code wsse:Security} header element, ready for {@link SoapEnvelope#build}. */
    public String toHeaderXml() {
        StringBuilder b = new StringBuilder(512);
        b.append("<wsse:Security xmlns:wsse=\"").append(Namespaces.WSSE).append("\" xmlns:wsu=\"")
                .append(Namespaces.WSU).append("\"><wsse:UsernameToken><wsse:Username>")
                .append(Xml.escape(username)).append("</wsse:Username><wsse:Password Type=\"")
                .append(digest ? TYPE_DIGEST : TYPE_TEXT).append("\">").append(Xml.escape(password))
                .append("</wsse:Password>");
        if (!nonce.isEmpty()) {
            b.append("<wsse:Nonce EncodingType=\"").append(Namespaces.WSS_BASE64).append("\">")
                    .append(Xml.escape(nonce)).append("</wsse:Nonce>");
        }
        if (!created.isEmpty()) {
            b.append("<wsu:Created>").append(Xml.escape(created)).append("</wsu:Created>");
        }
        return b.append("</wsse:UsernameToken></wsse:Security>").toString();
    }

    /**
     * Reads the token from a message's {@code wsse:Security} header.
     *
     * @return empty when the message has no Security header or no UsernameToken in it
     * @throws SoapProtocolException when the token is there but unusable (no Username, a field
     *     over {@value #MAX_FIELD_CHARS} characters, an unknown Password Type)
     */
    public static Optional<UsernameToken> read(SoapMessage message) {
        Optional<Element> token = message.header().flatMap(h -> Xml.child(h, Namespaces.WSSE, "Security"))
                .flatMap(s -> Xml.child(s, Namespaces.WSSE, "UsernameToken"));
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Element t = token.get();
        String username = field(t, Namespaces.WSSE, "Username");
        Element pw = Xml.child(t, Namespaces.WSSE, "Password")
                .orElseThrow(() -> new SoapProtocolException("UsernameToken has no Password"));
        String type = pw.getAttribute("Type").strip();
        boolean digest;
        if (type.equals(TYPE_DIGEST)) {
            digest = true;
        } else if (type.isEmpty() || type.equals(TYPE_TEXT)) {
            digest = false; // the profile's default Type is PasswordText
        } else {
            throw new SoapProtocolException("UsernameToken Password Type '" + clip(type) + "' is not supported");
        }
        return Optional.of(new UsernameToken(username, field(t, Namespaces.WSSE, "Password"), digest,
                field(t, Namespaces.WSSE, "Nonce"), field(t, Namespaces.WSU, "Created")));
    }

    /** The decoded nonce bytes. */
    public byte[] nonceBytes() {
        try {
            return Base64.getMimeDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            throw new SoapProtocolException("UsernameToken Nonce is not Base64");
        }
    }

    @Override
    public String toString() {
        return "UsernameToken[username=" + username + ", digest=" + digest + ", created=" + created + "]";
    }

    private static String field(Element token, String ns, String local) {
        String v = Xml.childText(token, ns, local);
        if (v.length() > MAX_FIELD_CHARS) {
            throw new SoapProtocolException("UsernameToken " + local + " is " + v.length() + " characters, limit is "
                    + MAX_FIELD_CHARS);
        }
        return v;
    }

    private static String clip(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
