package org.cctvgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "rtsp://admin:secret@10.0.0.5:554/ch1 | rtsp://10.0.0.5:554/ch1",
        "rtsp://u:p@ss@host/x                 | rtsp://host/x",
        "http://u:p@ss@10.0.0.5               | http://10.0.0.5",
        "rtsp://host/path@not-userinfo        | rtsp://host/path@not-userinfo",
        "rtsp://host/x?who=a@b                | rtsp://host/x?who=a@b",
        "rtsp://host:554/x                    | rtsp://host:554/x",
        "user:pw@host/x                       | host/x",
        "not a url at all                     | not a url at all"})
    void removesUserInfoUpToTheLastAtOfTheAuthority(String url, String redacted) {
        assertThat(Urls.redact(url)).isEqualTo(redacted);
    }

    @org.junit.jupiter.api.Test
    void nullIsSaidNotThrown() {
        assertThat(Urls.redact(null)).isEqualTo("null");
    }
}
