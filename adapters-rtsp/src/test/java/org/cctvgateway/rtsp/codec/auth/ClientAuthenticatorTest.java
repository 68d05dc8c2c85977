package org.cctvgateway.rtsp.codec.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAuthenticatorTest {

    @Test
    void answersRfc7616Sha256Example() {
        ClientAuthenticator auth = new ClientAuthenticator(new Credentials("Mufasa", "Circle of Life"),
                () -> "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
        assertThat(auth.onChallenge(List.of("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\","
                + " algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"",
                "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=MD5,"
                + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""))).isTrue();
        assertThat(auth.authorization("GET", "/dir/index.html")).contains("Digest username=\"Mufasa\","
                + " realm=\"http-auth@example.org\", nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                + " uri=\"/dir/index.html\","
                + " response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\","
                + " algorithm=SHA-256, opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\","
                + " qop=auth, nc=00000001, cnonce=\"f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ\"");
    }

    @Test
    void answersRfc7616Md5ExampleWhenOnlyMd5IsOffered() {
        ClientAuthenticator auth = new ClientAuthenticator(new Credentials("Mufasa", "Circle of Life"),
                () -> "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
        auth.onChallenge(List.of("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=MD5,"
                + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""));
        assertThat(auth.authorization("GET", "/dir/index.html").orElseThrow())
                .contains("response=\"8ca523f5e9506fed4657c9700eebdbec\"", "algorithm=MD5");
    }

    @Test
    void answersRfc2617ExampleAndCountsNonceUses() {
        ClientAuthenticator auth = new ClientAuthenticator(new Credentials("Mufasa", "Circle Of Life"),
                () -> "0a4f113b");
        auth.onChallenge(List.of("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""));
        String first = auth.authorization("GET", "/dir/index.html").orElseThrow();
        assertThat(first).contains("response=\"6629fae49393a05397450978507c4ef1\"", "nc=00000001")
                .doesNotContain("algorithm");
        assertThat(auth.authorization("GET", "/dir/index.html").orElseThrow()).contains("nc=00000002");
    }

    @Test
    void answersRfc2069FormWithoutQop() {
        ClientAuthenticator auth = new ClientAuthenticator(new Credentials("admin", "12345"));
        auth.onChallenge(List.of("Digest realm=\"IP Camera\", nonce=\"abc\""));
        String header = auth.authorization("DESCRIBE", "rtsp://10.0.0.5/ch1").orElseThrow();
        String expected = DigestAlgorithm.MD5.hash(DigestAlgorithm.MD5.ha1("admin", "IP Camera", "12345")
                + ":abc:" + DigestAlgorithm.MD5.hash("DESCRIBE:rtsp://10.0.0.5/ch1"));
        assertThat(header).contains("response=\"" + expected + "\"").doesNotContain("qop", "cnonce", "12345");
    }

    @Test
    void answersBasic() {
        ClientAuthenticator auth = new ClientAuthenticator(new Credentials("Aladdin", "open sesame"));
        assertThat(auth.authorization("OPTIONS", "rtsp://h/")).isEmpty();
        auth.onChallenge(List.of("Basic realm=\"WallyWorld\""));
        assertThat(auth.authorization("OPTIONS", "rtsp://h/")).contains("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    }

    @Test
    void reportsUnanswerableChallengesAndStaleness() {
        ClientAuthenticator auth = new ClientAuthenticator(new Credentials("u", "p"));
        assertThat(auth.onChallenge(List.of("NTLM"))).isFalse();
        assertThat(auth.onChallenge(List.of("Digest realm=\"r\", nonce=\"n\", stale=TRUE"))).isTrue();
        assertThat(auth.stale()).isTrue();
        assertThat(auth.toString()).doesNotContain("p]");
    }
}
