package org.cctvgateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnownVulnerableFirmwareTest {
    private final KnownVulnerableFirmware list = KnownVulnerableFirmware.bundled();

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
        // NVD CVE-2017-7921: DS-2CD2xx2F-I Series V5.2.0 build 140721 to V5.4.0 build 160530.
        "HIKVISION, DS-2CD2032F-I, V5.2.0 build 140721, true",
        "Hikvision, DS-2CD2032F-I, V5.4.0 build 160530, true",
        "Hikvision, DS-2CD2032F-I, V5.4.0 build 160531, false",
        "Hikvision, DS-2CD2032F-I, V5.1.6 build 140412, false",
        "Hikvision, DS-2CD2032F-IW, V5.3.0 build 150513, true",
        "Hikvision, DS-2CD2043G0-I, V5.3.0 build 150513, false",
        "Dahua, DS-2CD2032F-I, V5.3.0 build 150513, false",
        "Hikvision, DS-2DF8223I-AEL, V5.4.5 build 160928, true",
        "Hikvision, DS-2CD2032F-I, '', false",
    })
    void matchesByMakerModelGlobAndInclusiveVersionRange(String make, String model, String firmware,
            boolean hit) {
        assertThat(!list.matching(make, model, firmware).isEmpty()).isEqualTo(hit);
    }

    @Test
    void everyEntryCitesItsSourceAndCve() {
        assertThat(list.entries()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.cve()).startsWith("CVE-");
            assertThat(e.source()).contains("https://");
            assertThat(KnownVulnerableFirmware.compare(KnownVulnerableFirmware.versionNumbers(e.firstAffected()),
                    KnownVulnerableFirmware.versionNumbers(e.lastAffected()))).isNegative();
        });
    }

    @Test
    void versionNumbersAndGlob() {
        assertThat(KnownVulnerableFirmware.versionNumbers("V5.4.0 build 160530")).containsExactly(5L, 4L, 0L,
                160530L);
        assertThat(KnownVulnerableFirmware.versionNumbers("9".repeat(40))).hasSize(1);
        assertThat(KnownVulnerableFirmware.compare(List.of(5L, 4L), List.of(5L, 4L, 0L))).isZero();
        assertThat(KnownVulnerableFirmware.glob("DS-2CD2??2F-I*", "DS-2CD2142F-IWS")).isTrue();
        assertThat(KnownVulnerableFirmware.glob("DS-2CD2??2F-I*", "DS-2CD2142FWD-I")).isFalse();
        assertThat(KnownVulnerableFirmware.glob("*", "")).isTrue();
    }
}
