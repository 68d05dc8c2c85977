package org.cctvgateway.rtsp.codec.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cctvgateway.rtsp.codec.RtspProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChallengeTest {

    record Case(String name, List<String> wire, List<Challenge> decoded) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("basic", List.of("Basic realm=\"IP Camera(C1234)\""),
                        List.of(new Challenge.Basic("IP Camera(C1234)"))),
                new Case("hikvision-like digest without qop",
                        List.of("Digest realm=\"IP Camera(C1234)\", nonce=\"a1b2c3\", stale=\"FALSE\""),
                        List.of(new Challenge.Digest("IP Camera(C1234)", "a1b2c3", Optional.empty(),
                                DigestAlgorithm.MD5, false, Set.of(), false))),
                new Case("two headers, digest and basic",
                        List.of("Digest realm=\"r\", nonce=\"n1\", algorithm=MD5, qop=\"auth\"", "Basic realm=\"r\""),
                        List.of(new Challenge.Digest("r", "n1", Optional.empty(), DigestAlgorithm.MD5, true,
                                Set.of("auth"), false), new Challenge.Basic("r"))),
                new Case("two challenges in one header (RFC 7616 3.9.1)",
                        List.of("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256,"
                                + " nonce=\"7ypf\", opaque=\"FQhe\", Digest realm=\"http-auth@example.org\","
                                + " qop=\"auth, auth-int\", algorithm=MD5, nonce=\"7ypf\", opaque=\"FQhe\""),
                        List.of(new Challenge.Digest("http-auth@example.org", "7ypf", Optional.of("FQhe"),
                                        DigestAlgorithm.SHA_256, true, Set.of("auth", "auth-int"), false),
                                new Challenge.Digest("http-auth@example.org", "7ypf", Optional.of("FQhe"),
                                        DigestAlgorithm.MD5, true, Set.of("auth", "auth-int"), false))),
                new Case("stale, sess algorithm, escaped quote, unquoted values",
                        List.of("digest realm=\"a\\\"b\",nonce=xyz,algorithm=SHA-256-sess,stale=true"),
                        List.of(new Challenge.Digest("a\"b", "xyz", Optional.empty(), DigestAlgorithm.SHA_256_SESS,
                                true, Set.of(), true))),
                new Case("unknown schemes and algorithms are skipped",
                        List.of("Negotiate, NTLM", "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-1",
                                "Bearer realm=\"x\", Basic realm=\"r\""),
                        List.of(new Challenge.Basic("r"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesChallenges(Case c) {
        assertThat(Challenge.parseAll(c.wire())).containsExactlyElementsOf(c.decoded());
    }

    @Test
    void prefersSha256ThenMd5ThenBasic() {
        Challenge md5 = new Challenge.Digest("r", "n", Optional.empty(), DigestAlgorithm.MD5, true, Set.of(), false);
        Challenge sha = new Challenge.Digest("r", "n", Optional.empty(), DigestAlgorithm.SHA_256, true, Set.of(),
                false);
        Challenge basic = new Challenge.Basic("r");
        assertThat(Challenge.strongest(List.of(basic, md5, sha))).contains(sha);
        assertThat(Challenge.strongest(List.of(basic, md5))).contains(md5);
        assertThat(Challenge.strongest(List.of(basic))).contains(basic);
        assertThat(Challenge.strongest(List.of())).isEmpty();
    }

    @Test
    void rejectsMalformedChallenges() {
        assertThatThrownBy(() -> Challenge.parseAll(List.of("Digest realm=\"r")))
                .isInstanceOf(RtspProtocolException.class).hasMessageContaining("unterminated quoted string");
        assertThatThrownBy(() -> Challenge.parseAll(List.of("Digest realm=\"r\"")))
                .isInstanceOf(RtspProtocolException.class).hasMessageContaining("has no nonce");
        assertThatThrownBy(() -> Challenge.parseAll(List.of("Digest realm=\"r\" nonce=\"n\"")))
                .isInstanceOf(RtspProtocolException.class).hasMessageContaining("expected ','");
        assertThatThrownBy(() -> Challenge.parseAll(List.of("=")))
                .isInstanceOf(RtspProtocolException.class).hasMessageContaining("expected an authentication scheme");
        assertThatThrownBy(() -> Challenge.parseAll(List.of("Basic realm=\"" + "r".repeat(5000) + "\"")))
                .isInstanceOf(RtspProtocolException.class).hasMessageContaining("limit is 4096");
    }
}
