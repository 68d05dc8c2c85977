package org.cctvgateway.media.h265;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.cctvgateway.media.MediaFormatException;

/** Property: any bytes either read as a plausible SPS/VPS or fail with {@link MediaFormatException}. */
class H265SpsFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] nal) {
        byte[] copy = nal.clone();
        try {
            H265Sps sps = H265Sps.parse(nal);
            assertThat(sps.width()).isBetween(1, H265Sps.MAX_DIMENSION);
            assertThat(sps.height()).isBetween(1, H265Sps.MAX_DIMENSION);
            assertThat(sps.frameRate()).isNotNegative();
            assertThat(sps.maxSubLayers()).isBetween(1, 7);
        } catch (MediaFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        try {
            assertThat(H265Vps.parse(nal).frameRate()).isNotNegative();
        } catch (MediaFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
        assertThat(nal).isEqualTo(copy);
    }
}
