package org.cctvgateway.onvif.soap;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Verifies WS-Security UsernameTokens for a server (the device service): the digest, the
 * created time within {@code ±window} of our clock, and a nonce replay cache.
 *
 * <p>The replay cache keeps each accepted nonce for twice the window (the span over which a
 * token with that nonce could still be accepted) and holds at most {@code maxNonces}; when
 * full it drops the oldest, so memory is bounded whatever a client sends. Only nonces of tokens
 * that passed the password check enter the cache, so an anonymous caller cannot flush it.
 * Thread-safe.
 */
public final class UsernameTokenVerifier {
    /** Why a token was accepted or refused. */
    public enum Outcome {
        OK, MISSING, MALFORMED, UNKNOWN_USER, WRONG_PASSWORD, EXPIRED, REPLAYED, TEXT_NOT_ALLOWED
    }

    /**
     * The verdict.
     *
     * @param username the user the token named, "" when there was none
     * @param detail what was wrong, for the server's log (never the password)
     */
    public record Verification(Outcome outcome, String username, String detail) {
        public Verification {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(detail, "detail");
        }

        public boolean ok() {
            return outcome == Outcome.OK;
        }
    }

    private final InstantSource clock;
    private final Duration window;
    private final int maxNonces;
    private final boolean allowPasswordText;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    /**
     * @param window how far {@code Created} may be from our clock, either way (ONVIF suggests minutes)
     * @param maxNonces the replay cache's size bound
     * @param allowPasswordText whether clear-text passwords are accepted at all
     */
    public UsernameTokenVerifier(InstantSource clock, Duration window, int maxNonces, boolean allowPasswordText) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window " + window + " must be positive");
        }
        if (maxNonces <= 0) {
            throw new IllegalArgumentException("maxNonces " + maxNonces + " must be positive");
        }
        this.maxNonces = maxNonces;
        this.allowPasswordText = allowPasswordText;
    }

    /** A ±5 minute window, 10 000 nonces, digests only. */
    public static UsernameTokenVerifier defaults(InstantSource clock) {
        return new UsernameTokenVerifier(clock, Duration.ofMinutes(5), 10_000, false);
    }

    /**
     * Verifies the token in {@code message}.
     *
     * @param passwords looks up a user's password; empty for an unknown user
     */
    public Verification verify(SoapMessage message, Function<String, Optional<String>> passwords) {
        UsernameToken token;
        try {
            Optional<UsernameToken> read = UsernameToken.read(message);
            if (read.isEmpty()) {
                return new Verification(Outcome.MISSING, "", "no WS-Security UsernameToken");
            }
            token = read.get();
        } catch (SoapProtocolException e) {
            return new Verification(Outcome.MALFORMED, "", e.getMessage());
        }
        return verify(token, passwords);
    }

    /** Verifies an already read token. */
    public Verification verify(UsernameToken token, Function<String, Optional<String>> passwords) {
        String user = token.username();
        if (user.isEmpty()) {
            return new Verification(Outcome.MALFORMED, "", "UsernameToken has an empty Username");
        }
        if (!token.digest() && !allowPasswordText) {
            return new Verification(Outcome.TEXT_NOT_ALLOWED, user, "PasswordText is not accepted, use PasswordDigest");
        }
        byte[] nonce;
        Optional<Instant> created;
        try {
            nonce = token.nonceBytes();
            created = parseCreated(token.created());
        } catch (SoapProtocolException e) {
            return new Verification(Outcome.MALFORMED, user, e.getMessage());
        }
        if (token.digest() && (nonce.length == 0 || created.isEmpty())) {
            return new Verification(Outcome.MALFORMED, user, "PasswordDigest needs both Nonce and Created");
        }
        Instant now = clock.instant();
        if (created.isPresent()) {
            Duration skew = Duration.between(now, created.get());
            if (skew.abs().compareTo(window) > 0) {
                return new Verification(Outcome.EXPIRED, user, "Created " + token.created() + " is "
                        + skew.toSeconds() + " s from our clock, window is ±" + window.toSeconds() + " s");
            }
        }
        Optional<String> expected = passwords.apply(user);
        if (expected.isEmpty()) {
            return new Verification(Outcome.UNKNOWN_USER, user, "unknown user");
        }
        String wanted = token.digest() ? UsernameToken.digestOf(nonce, token.created(), expected.get()) : expected.get();
        if (!MessageDigest.isEqual(wanted.getBytes(StandardCharsets.UTF_8),
                token.password().getBytes(StandardCharsets.UTF_8))) {
            return new Verification(Outcome.WRONG_PASSWORD, user, "password does not match");
        }
        if (nonce.length > 0 && !remember(token.nonce(), now)) {
            return new Verification(Outcome.REPLAYED, user, "nonce was already used");
        }
        return new Verification(Outcome.OK, user, "");
    }

    /** The number of nonces held now (for tests and metrics). */
    public synchronized int cachedNonces() {
        return seen.size();
    }

    private synchronized boolean remember(String nonce, Instant now) {
        Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Instant> e = it.next();
            if (e.getValue().isAfter(now)) {
                break; // insertion order is expiry order
            }
            it.remove();
        }
        if (seen.containsKey(nonce)) {
            return false;
        }
        if (seen.size() >= maxNonces) {
            it = seen.entrySet().iterator();
            it.next();
            it.remove();
        }
        seen.put(nonce, now.plus(window.multipliedBy(2)));
        return true;
    }

    private static Optional<Instant> parseCreated(String created) {
        if (created.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(created).toInstant());
        } catch (DateTimeParseException e) {
            throw new SoapProtocolException("UsernameToken Created '" + created + "' is not an xs:dateTime");
        }
    }
}
