package org.cctvgateway.media.h264;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.cctvgateway.media.MediaFormatException;

/** Property: any bytes either read as a plausible SPS or fail with {@link MediaFormatException}. */
class H264SpsFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] nal) {
        byte[] copy = nal.clone();
        try {
            H264Sps sps = H264Sps.parse(nal);
            assertThat(sps.width()).isBetween(1, H264Sps.MAX_MBS * 16);
            assertThat(sps.height()).isBetween(1, H264Sps.MAX_MBS * 32);
            assertThat(sps.frameRate()).isNotNegative();
            assertThat(sps.profile()).isNotBlank();
            assertThat(sps.level()).isNotBlank();
        } catch (MediaFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        assertThat(nal).isEqualTo(copy);
    }
}
