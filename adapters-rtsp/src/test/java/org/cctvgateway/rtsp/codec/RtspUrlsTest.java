package org.cctvgateway.rtsp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.cctvgateway.rtsp.codec.RtspUrls.UserInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RtspUrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "rtsp://user:pass@10.0.0.5/ch1|rtsp://10.0.0.5/ch1",
        "rtsp://admin:p%40ss@cam:554/Streaming/Channels/101?tcp|rtsp://cam:554/Streaming/Channels/101?tcp",
        "rtsps://user@cam/x|rtsps://cam/x",
        "rtsp://u:p@ss@cam/a@b|rtsp://cam/a@b",
        "rtsp://cam/a@b|rtsp://cam/a@b",
        "rtsp://cam|rtsp://cam",
        "u:secret@cam:554|cam:554",
        "rtsp://u:secret@[fe80::1]:554/x|rtsp://[fe80::1]:554/x",
    })
    void redactsUserInfo(String url, String redacted) {
        assertThat(RtspUrls.redact(url)).isEqualTo(redacted).doesNotContain("secret").doesNotContain("pass");
    }

    record Control(String name, String base, String control, String resolved) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Control> controls() {
        return List.of(
                new Control("relative on base with slash", "rtsp://cam/ch1/", "trackID=1", "rtsp://cam/ch1/trackID=1"),
                new Control("relative on base without slash is appended, not replaced", "rtsp://cam/h264",
                        "trackID=1", "rtsp://cam/h264/trackID=1"),
                new Control("absolute control", "rtsp://cam/ch1/", "rtsp://cam:554/ch1/track1",
                        "rtsp://cam:554/ch1/track1"),
                new Control("absolute in upper case", "rtsp://cam/ch1/", "RTSP://cam/ch1/t", "RTSP://cam/ch1/t"),
                new Control("star is the aggregate", "rtsp://cam/ch1/", "*", "rtsp://cam/ch1/"),
                new Control("empty is the aggregate", "rtsp://cam/ch1", "", "rtsp://cam/ch1"),
                new Control("base with query (Dahua)", "rtsp://cam/cam/realmonitor?channel=1&subtype=0/",
                        "trackID=0", "rtsp://cam/cam/realmonitor?channel=1&subtype=0/trackID=0"),
                new Control("absolute path", "rtsp://cam:8554/live/ch1/", "/other/track1",
                        "rtsp://cam:8554/other/track1"),
                new Control("host only base", "rtsp://cam:554", "track1", "rtsp://cam:554/track1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controls")
    void resolvesControl(Control c) {
        assertThat(RtspUrls.resolveControl(URI.create(c.base()), c.control())).hasToString(c.resolved());
    }

    @Test
    void rejectsControlThatIsNotAUri() {
        assertThatThrownBy(() -> RtspUrls.resolveControl(URI.create("rtsp://cam/"), "track 1"))
                .isInstanceOf(RtspProtocolException.class).hasMessageContaining("is not a valid URI");
    }

    @Test
    void extractsPercentDecodedCredentials() {
        assertThat(RtspUrls.credentials(URI.create("rtsp://ad%3Amin:p%40ss%2Fw%C3%B6rd:x@cam/")))
                .contains(new UserInfo("ad:min", "p@ss/wörd:x"));
        assertThat(RtspUrls.credentials(URI.create("rtsp://admin@cam/"))).contains(new UserInfo("admin", ""));
        assertThat(RtspUrls.credentials(URI.create("rtsp://cam/"))).isEmpty();
        assertThat(new UserInfo("a", "secret").toString()).doesNotContain("secret");
    }

    @Test
    void stripsUserInfoFromUri() {
        assertThat(RtspUrls.withoutUserInfo(URI.create("rtsp://a:b@cam:554/x?y=1")))
                .isEqualTo(URI.create("rtsp://cam:554/x?y=1"));
    }

    @Test
    void parsesServerUrlsAndRejectsOthers() {
        assertThat(RtspUrls.parseServerUrl(" rtsp://cam/x/ ", "Content-Base")).hasToString("rtsp://cam/x/");
        assertThatThrownBy(() -> RtspUrls.parseServerUrl("http://cam/x", "Location"))
                .isInstanceOf(RtspProtocolException.class)
                .hasMessage("Location 'http://cam/x' is not an absolute rtsp:// or rtsps:// URL");
        assertThatThrownBy(() -> RtspUrls.parseServerUrl("rtsp://u:secret@cam/ x", "Location"))
                .isInstanceOf(RtspProtocolException.class).message().doesNotContain("secret");
    }
}
