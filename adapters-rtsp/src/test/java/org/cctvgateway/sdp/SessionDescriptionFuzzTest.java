package org.cctvgateway.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Property: {@link SessionDescription#parse} only ever fails with {@link SdpParseException}, and
 * {@link SessionDescription#firstSupportedVideo()} never fails on what it parsed.
 */
class SessionDescriptionFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parsesAnyTextOrRejectsIt(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        try {
            SessionDescription sd = SessionDescription.parse(text);
            sd.firstSupportedVideo().ifPresent(v -> assertThat(v.track().clockRate()).isPositive());
            assertThat(sd.media().size()).isLessThanOrEqualTo(SessionDescription.MAX_LINES);
        } catch (SdpParseException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
