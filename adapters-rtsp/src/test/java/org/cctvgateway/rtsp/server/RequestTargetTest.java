package org.cctvgateway.rtsp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestTargetTest {
    /** {@code decoded} null: the URL is refused. */
    record Case(String name, String wire, RequestTarget decoded) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("stream URL", "rtsp://10.0.0.5:8322/site-1/cam-1/main",
                        new RequestTarget("rtsp://10.0.0.5:8322/site-1/cam-1/main", "/site-1/cam-1/main", false)),
                new Case("trailing slash", "rtsp://h/site/cam/main/",
                        new RequestTarget("rtsp://h/site/cam/main", "/site/cam/main", false)),
                new Case("track URL", "rtsp://h:554/site/cam/main/trackID=0",
                        new RequestTarget("rtsp://h:554/site/cam/main", "/site/cam/main", true)),
                new Case("track URL with slash", "rtsp://h/site/cam/main/trackID=0/",
                        new RequestTarget("rtsp://h/site/cam/main", "/site/cam/main", true)),
                new Case("user info and query dropped", "RTSPS://user:pw@h/site/cam/main?token=1",
                        new RequestTarget("rtsps://h/site/cam/main", "/site/cam/main", false)),
                new Case("root", "rtsp://h", new RequestTarget("rtsp://h", "/", false)),
                new Case("IPv6 host", "rtsp://[::1]:8322/a/b/c",
                        new RequestTarget("rtsp://[::1]:8322/a/b/c", "/a/b/c", false)),
                new Case("trackID in the middle is a path segment", "rtsp://h/trackID=0/x",
                        new RequestTarget("rtsp://h/trackID=0/x", "/trackID=0/x", false)),
                new Case("at sign in a segment", "rtsp://h/site/c@m/main",
                        new RequestTarget("rtsp://h/site/c@m/main", "/site/c@m/main", false)),
                new Case("non-ASCII segment", "rtsp://h/s\u00cem/cam", null),
                new Case("relative", "/site/cam/main", null),
                new Case("http scheme", "http://h/site/cam/main", null),
                new Case("asterisk", "*", null),
                new Case("dot-dot", "rtsp://h/site/../etc", null),
                new Case("percent escape", "rtsp://h/site/%2e%2e/x", null),
                new Case("not a URL", "rtsp://h/a b", null),
                new Case("too long", "rtsp://h/" + "a".repeat(RequestTarget.MAX_URL_CHARS), null),
                new Case("too many segments", "rtsp://h" + "/a".repeat(40), null),
                new Case("empty", "", null));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void parsesOrRefuses(Case c) {
        if (c.decoded() == null) {
            assertThatThrownBy(() -> RequestTarget.parse(c.wire())).isInstanceOf(RequestTarget.BadRequest.class)
                    .hasMessageContaining("request URL");
        } else {
            RequestTarget t = RequestTarget.parse(c.wire());
            assertThat(t).isEqualTo(c.decoded());
            assertThat(RequestTarget.parse(t.trackUrl())).isEqualTo(new RequestTarget(t.baseUrl(), t.path(), true));
        }
    }
}
