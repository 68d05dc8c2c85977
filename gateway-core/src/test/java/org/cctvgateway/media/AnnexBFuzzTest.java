package org.cctvgateway.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/** Property: {@link AnnexB} only ever fails with {@link MediaFormatException}, and what it returns is sound. */
class AnnexBFuzzTest {
    private static final AnnexB.Limits LIMITS = new AnnexB.Limits(1 << 16, 4096, 16);

    @FuzzTest(maxDuration = "60s")
    void splitsAnyInputOrRejectsIt(byte[] data) {
        for (Codec codec : Codec.values()) {
            try {
                List<List<byte[]>> units = AnnexB.accessUnits(codec, data, LIMITS);
                int total = 0;
                for (List<byte[]> unit : units) {
                    assertThat(unit).isNotEmpty().hasSizeLessThanOrEqualTo(LIMITS.maxNalUnitsPerAccessUnit());
                    for (byte[] nal : unit) {
                        assertThat(nal.length).isBetween(1, LIMITS.maxNalBytes());
                        total += nal.length;
                    }
                }
                assertThat(total).isLessThanOrEqualTo(data.length);
            } catch (MediaFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }
}
