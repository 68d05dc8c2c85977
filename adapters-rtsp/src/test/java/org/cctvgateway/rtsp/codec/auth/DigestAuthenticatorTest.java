package org.cctvgateway.rtsp.codec.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DigestAuthenticatorTest {
    private static final byte[] SECRET = new byte[32];
    private static final String URL = "rtsp://gw:8322/site/cam/main";

    static {
        Arrays.fill(SECRET, (byte) 7);
    }

    private final MutableClock clock = new MutableClock();

    private DigestAuthenticator server(List<DigestAlgorithm> algs, boolean basic, Map<String, UserSecret> users) {
        return new DigestAuthenticator(new DigestAuthenticator.Options("gateway", algs, Duration.ofMinutes(5), basic),
                DigestAuthenticator.users(users), SECRET, clock, new SecureRandom());
    }

    private DigestAuthenticator server() {
        return server(List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), false,
                Map.of("viewer", new UserSecret.Password("s3cret")));
    }

    private static String answer(DigestAuthenticator server, Credentials creds, String method) {
        ClientAuthenticator client = new ClientAuthenticator(creds);
        assertThat(client.onChallenge(server.challenges(false))).isTrue();
        return client.authorization(method, URL).orElseThrow();
    }

    @Test
    void challengesListSha256FirstAndMd5LastForFfmpegAndLive555() {
        List<String> challenges = server().challenges(false);
        assertThat(challenges).hasSize(2);
        assertThat(challenges.get(0)).startsWith("Digest realm=\"gateway\", nonce=\"").contains("algorithm=SHA-256");
        assertThat(challenges.get(1)).contains("algorithm=MD5", "qop=\"auth\"").doesNotContain("stale");
        assertThat(server().challenges(true).get(0)).endsWith("stale=true");
    }

    @Test
    void acceptsTheRightPasswordWithTheStrongestAlgorithm() {
        DigestAuthenticator server = server();
        String header = answer(server, new Credentials("viewer", "s3cret"), "DESCRIBE");
        assertThat(header).contains("algorithm=SHA-256");
        assertThat(server.verify("DESCRIBE", header)).isEqualTo(new AuthResult.Accepted("viewer"));
    }

    @ParameterizedTest
    @EnumSource(DigestAlgorithm.class)
    void acceptsEveryOfferedAlgorithmFromStoredHa1(DigestAlgorithm alg) {
        DigestAlgorithm plain = DigestAlgorithm.fromToken(alg.token().replace("-sess", "")).orElseThrow();
        DigestAuthenticator server = server(List.of(alg), false,
                Map.of("viewer", new UserSecret.Hashed(Map.of(plain, plain.ha1("viewer", "gateway", "s3cret")))));
        String header = answer(server, new Credentials("viewer", "s3cret"), "PLAY");
        assertThat(server.verify("PLAY", header)).isEqualTo(new AuthResult.Accepted("viewer"));
    }

    @Test
    void rejectsWrongPasswordUnknownUserAndOtherMethod() {
        DigestAuthenticator server = server();
        assertThat(server.verify("DESCRIBE", answer(server, new Credentials("viewer", "guess"), "DESCRIBE")))
                .isEqualTo(new AuthResult.Rejected("wrong Digest response for user 'viewer'", false,
                        java.util.Optional.of("viewer")));
        assertThat(server.verify("DESCRIBE", answer(server, new Credentials("nobody", "s3cret"), "DESCRIBE")))
                .isEqualTo(new AuthResult.Rejected("unknown user 'nobody'", false, java.util.Optional.of("nobody")));
        assertThat(server.verify("PLAY", answer(server, new Credentials("viewer", "s3cret"), "DESCRIBE")))
                .isInstanceOf(AuthResult.Rejected.class);
        assertThat(server.verify("PLAY", null)).isEqualTo(new AuthResult.Rejected("no Authorization header", false));
    }

    @Test
    void reportsExpiredNonceAsStaleAndForeignNonceAsRejected() {
        DigestAuthenticator server = server();
        String header = answer(server, new Credentials("viewer", "s3cret"), "DESCRIBE");
        clock.advance(Duration.ofMinutes(6));
        assertThat(server.verify("DESCRIBE", header)).isEqualTo(new AuthResult.Rejected("nonce expired", true));

        byte[] other = new byte[32];
        DigestAuthenticator foreign = new DigestAuthenticator(DigestAuthenticator.Options.defaults("gateway"),
                DigestAuthenticator.users(Map.of("viewer", new UserSecret.Password("s3cret"))), other, clock,
                new SecureRandom());
        String fromForeign = answer(foreign, new Credentials("viewer", "s3cret"), "DESCRIBE");
        assertThat(server.verify("DESCRIBE", fromForeign))
                .isEqualTo(new AuthResult.Rejected("nonce was not issued by this server", false));
    }

    @Test
    void rejectsAlgorithmThatWasNotOffered() {
        DigestAuthenticator shaOnly = server(List.of(DigestAlgorithm.SHA_256), false,
                Map.of("viewer", new UserSecret.Password("s3cret")));
        String nonce = shaOnly.newNonce();
        ClientAuthenticator client = new ClientAuthenticator(new Credentials("viewer", "s3cret"));
        client.onChallenge(List.of("Digest realm=\"gateway\", nonce=\"" + nonce + "\""));
        assertThat(shaOnly.verify("DESCRIBE", client.authorization("DESCRIBE", URL).orElseThrow()))
                .isEqualTo(new AuthResult.Rejected("Digest algorithm null was not offered", false));
    }

    @Test
    void acceptsRfc2069AnswerWithoutQopAsLive555Sends() {
        DigestAuthenticator server = server();
        String nonce = server.newNonce();
        ClientAuthenticator client = new ClientAuthenticator(new Credentials("viewer", "s3cret"));
        client.onChallenge(List.of("Digest realm=\"gateway\", nonce=\"" + nonce + "\""));
        String header = client.authorization("OPTIONS", URL).orElseThrow();
        assertThat(header).doesNotContain("qop");
        assertThat(server.verify("OPTIONS", header)).isEqualTo(new AuthResult.Accepted("viewer"));
    }

    @Test
    void basicIsRejectedWhenDisabledAndCheckedWhenEnabled() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("viewer:s3cret".getBytes());
        assertThat(server().verify("OPTIONS", basic))
                .isEqualTo(new AuthResult.Rejected("Basic authentication is disabled", false));
        DigestAuthenticator withBasic = server(List.of(DigestAlgorithm.MD5), true,
                Map.of("viewer", new UserSecret.Hashed(Map.of(DigestAlgorithm.MD5,
                        DigestAlgorithm.MD5.ha1("viewer", "gateway", "s3cret")))));
        assertThat(withBasic.challenges(false)).last().isEqualTo("Basic realm=\"gateway\"");
        assertThat(withBasic.verify("OPTIONS", basic)).isEqualTo(new AuthResult.Accepted("viewer"));
        String wrong = "Basic " + Base64.getEncoder().encodeToString("viewer:nope".getBytes());
        assertThat(withBasic.verify("OPTIONS", wrong)).isInstanceOf(AuthResult.Rejected.class);
        assertThat(withBasic.verify("OPTIONS", "Basic !!!")).isInstanceOf(AuthResult.Rejected.class);
    }

    @Test
    void rejectionReasonsNeverHoldThePassword() {
        DigestAuthenticator server = server(List.of(DigestAlgorithm.MD5), true,
                Map.of("viewer", new UserSecret.Password("s3cret")));
        String basic = "Basic " + Base64.getEncoder().encodeToString("viewer:hunter2".getBytes());
        AuthResult r = server.verify("OPTIONS", basic);
        assertThat(r.toString()).doesNotContain("hunter2").doesNotContain("s3cret");
        assertThat(new UserSecret.Password("s3cret").toString()).doesNotContain("s3cret");
    }

    /** A settable wall clock. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2024-05-01T10:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
