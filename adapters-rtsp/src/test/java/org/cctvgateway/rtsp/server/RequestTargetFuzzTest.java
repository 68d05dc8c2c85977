package org.cctvgateway.rtsp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/** Property: {@link RequestTarget#parse} accepts a URL or throws {@code BadRequest}, nothing else. */
class RequestTargetFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parsesAnyUrlOrRefusesIt(byte[] data) {
        String url = new String(data, StandardCharsets.ISO_8859_1);
        try {
            RequestTarget t = RequestTarget.parse(url);
            assertThat(t.path()).startsWith("/").doesNotContain("/../").doesNotContain("//");
            String authority = t.baseUrl().substring(t.baseUrl().indexOf("://") + 3).split("/", 2)[0];
            assertThat(authority).doesNotContain("@");
            assertThat(t.path()).matches("[\\x21-\\x7e]+");
        } catch (RequestTarget.BadRequest expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
