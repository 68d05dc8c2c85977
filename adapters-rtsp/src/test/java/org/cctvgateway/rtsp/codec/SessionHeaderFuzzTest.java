package org.cctvgateway.rtsp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;

/**
 * Fuzz properties: Session headers and URLs from the camera (control, Content-Base, Location)
 * parse or raise {@link RtspProtocolException}, nothing else; a parsed Session header round-trips.
 */
class SessionHeaderFuzzTest {

    @FuzzTest
    void sessionHeaderParsesOrRejects(String value) {
        if (value == null) {
            return;
        }
        try {
            SessionHeader h = SessionHeader.parse(value);
            assertThat(SessionHeader.parse(h.format())).isEqualTo(h);
        } catch (RtspProtocolException expected) {
            // Declared outcome.
        }
    }

    @FuzzTest
    void serverUrlsResolveOrReject(String value) {
        if (value == null) {
            return;
        }
        try {
            RtspUrls.resolveControl(URI.create("rtsp://cam/ch1/"), value);
            RtspUrls.parseServerUrl(value, "Content-Base");
        } catch (RtspProtocolException expected) {
            // Declared outcome.
        }
        assertThat(RtspUrls.redact(value)).isNotNull();
    }
}
