package org.cctvgateway.onvif.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.cctvgateway.onvif.soap.UsernameTokenVerifier.Outcome;
import org.junit.jupiter.api.Test;

class UsernameTokenVerifierTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
    private static final Function<String, Optional<String>> USERS =
            u -> u.equals("admin") ? Optional.of("secret") : Optional.empty();

    private final UsernameTokenVerifier verifier = new UsernameTokenVerifier(() -> NOW, Duration.ofMinutes(5), 3, false);

    private static SoapMessage message(UsernameToken t) {
        return SoapEnvelope.read(SoapEnvelope.build(t.toHeaderXml(), "<x xmlns=\"urn:x\"/>"), 8192);
    }

    @Test
    void digestMatchesTheProfileFormula() {
        // expected value from: printf '0123456789abcdef2024-05-01T12:00:00Zsecret' | sha1sum | xxd -r -p | base64
        byte[] nonce = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(UsernameToken.digestOf(nonce, "2024-05-01T12:00:00Z", "secret"))
                .isEqualTo("1HAxpjaBURMOc33Cor0EH7x9dzs=");
        assertThat(UsernameToken.digest("admin", "secret", NOW, nonce).password()).isEqualTo("1HAxpjaBURMOc33Cor0EH7x9dzs=");
        assertThat(UsernameToken.digest("admin", "secret", NOW, nonce).created()).isEqualTo("2024-05-01T12:00:00Z");
    }

    @Test
    void acceptsAFreshDigestOnceAndRefusesItsReplay() {
        SoapMessage m = message(UsernameToken.digest("admin", "secret", NOW.minusSeconds(30)));
        assertThat(verifier.verify(m, USERS).outcome()).isEqualTo(Outcome.OK);
        assertThat(verifier.verify(m, USERS).outcome()).isEqualTo(Outcome.REPLAYED);
    }

    @Test
    void tellsWrongPasswordUnknownUserAndStaleTokens() {
        assertThat(verifier.verify(message(UsernameToken.digest("admin", "nope", NOW)), USERS).outcome())
                .isEqualTo(Outcome.WRONG_PASSWORD);
        assertThat(verifier.verify(message(UsernameToken.digest("bob", "secret", NOW)), USERS).outcome())
                .isEqualTo(Outcome.UNKNOWN_USER);
        assertThat(verifier.verify(message(UsernameToken.digest("admin", "secret", NOW.minusSeconds(420))), USERS)
                .detail()).contains("-420 s");
        assertThat(verifier.verify(message(new UsernameToken("admin", "secret", false, "", "")), USERS).outcome())
                .isEqualTo(Outcome.TEXT_NOT_ALLOWED);
        assertThat(verifier.verify(SoapEnvelope.read(SoapEnvelope.build("", "<x xmlns=\"urn:x\"/>"), 1000), USERS)
                .outcome()).isEqualTo(Outcome.MISSING);
    }

    @Test
    void acceptsPasswordTextOnlyWhenAllowed() {
        var lenient = new UsernameTokenVerifier(() -> NOW, Duration.ofMinutes(5), 3, true);
        assertThat(lenient.verify(message(new UsernameToken("admin", "secret", false, "", "")), USERS).ok()).isTrue();
    }

    @Test
    void replayCacheStaysWithinItsBound() {
        for (int i = 0; i < 10; i++) {
            assertThat(verifier.verify(message(UsernameToken.digest("admin", "secret", NOW)), USERS).ok()).isTrue();
        }
        assertThat(verifier.cachedNonces()).isEqualTo(3);
    }
}
