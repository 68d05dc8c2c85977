package org.cctvgateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        // Dahua CVE-2021-33044: IPC-HX3XXX/HX5XXX built before June 2021; CVE-2021-33045: built before May 2020.
        "Dahua, IPC-HDW3441T-ZS, '2.800.0000000.16.R, Build Date 2020-09-02', true",
        "Dahua, DH-IPC-HFW5442E-ZE, '2.800.0000000.18.R, Build Date: 2021-05-12', true",
        "Dahua, IPC-HDBW5442R-ASE, 'V2.800.0000000.18.R, Build Date: 2021-05-31', true",
        "Dahua, IPC-HDBW5442R-ASE, 'V2.800.0000000.19.R, Build Date: 2021-06-01', false",
        "Dahua, IPC-HDBW5442R-ASE, 'V2.820.0000000.3.R, Build Date: 2022-03-07', false",
        "Dahua, IPC-HDW2431T-AS-S2, '2.800.0000000.16.R, Build Date 2020-09-02', false",
        "Dahua, IPC-HFW1330S, '2.800.0000000.16.R, Build Date 2020-09-02', false",
        "Dahua, SD49225XA-HNR, '2.800.0000000.9.R, Build Date: 2021-01-15', true",
        "Dahua, IPC-HDW3441T-ZS, '2.800.0000000.16.R', false",
        "Hikvision, IPC-HDW3441T-ZS, '2.800.0000000.16.R, Build Date 2020-09-02', false",
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

    @Test
    void dahuaBuildsBeforeMay2020AreNamedByBothAdvisoryCves() {
        List<String> cves = list.matching("Dahua", "IPC-HFW5231E-Z", "2.622.0000000.5.R, Build Date: 2019-11-20")
                .stream().map(KnownVulnerableFirmware.Entry::cve).distinct().toList();
        assertThat(cves).containsExactlyInAnyOrder("CVE-2021-33044", "CVE-2021-33045");
        assertThat(list.matching("Dahua", "IPC-HFW5231E-Z", "2.800.0000000.1.R, Build Date: 2020-05-01").stream()
                .map(KnownVulnerableFirmware.Entry::cve)).containsOnly("CVE-2021-33044");
    }

    /** Axis writes plain dotted versions; an entry per firmware track, as Axis advisories list them. */
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "AXIS P3364-V, 6.50.1.1, true",
        "AXIS P3364-V, 6.50.1.2, false",
        "AXIS P3364-V, 6.50.2, false",
        "AXIS P3364-V, 6.20.1, false",
        "AXIS P3364-V, 5.50.5.11, true",
        "AXIS P3364-V, 5.50.5.12, false",
        "AXIS M3045-V, 6.50.1.1, false",
    })
    void comparesAxisDottedVersionsPerTrack(String model, String firmware, boolean hit) {
        KnownVulnerableFirmware axis = new KnownVulnerableFirmware(List.of(
                new KnownVulnerableFirmware.Entry("axis", "AXIS P3364*", "6.50.0", "6.50.1.1", "6.50.1.2", "test",
                        "CVE-0000-0001", "https://example.invalid/test"),
                new KnownVulnerableFirmware.Entry("axis", "AXIS P3364*", "5.50.0", "5.50.5.11", "5.50.5.12", "test",
                        "CVE-0000-0001", "https://example.invalid/test")));
        assertThat(!axis.matching("Axis Communications AB", model, firmware).isEmpty()).isEqualTo(hit);
    }

    /** Hikvision by build date: the fixed IPC_G3/H5 build V5.5.800 build 210628 and later are not flagged. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "V5.5.160 build 210416, true",
        "V5.5.800 build 210628, false",
        "V5.7.1 build 211009, false",
    })
    void comparesHikvisionBuildDates(String firmware, boolean hit) {
        KnownVulnerableFirmware hik = new KnownVulnerableFirmware(List.of(new KnownVulnerableFirmware.Entry(
                "hikvision", "DS-2CD2??6G2*", "", "2021-06-27", "V5.5.800 build 210628", "test", "CVE-0000-0002",
                "https://example.invalid/test", KnownVulnerableFirmware.BUILD_DATE)));
        assertThat(!hik.matching("Hikvision", "DS-2CD2346G2-I", firmware).isEmpty()).isEqualTo(hit);
        assertThat(hik.matching("Hikvision", "DS-2CD2343G2-I", firmware)).isEmpty();
    }

    @Test
    void readsBuildDatesOfEachVendorsFormat() {
        assertThat(KnownVulnerableFirmware.buildDate("2.800.0000000.16.R, Build Date 2020-09-02"))
                .containsExactly(2020L, 9L, 2L);
        assertThat(KnownVulnerableFirmware.buildDate("V2.800.0000000.18.R, Build Date: 2021-05-12"))
                .containsExactly(2021L, 5L, 12L);
        assertThat(KnownVulnerableFirmware.buildDate("V5.5.800 build 210628")).containsExactly(2021L, 6L, 28L);
        assertThat(KnownVulnerableFirmware.buildDate("2.800.0000000.16.R")).isEmpty();
        assertThat(KnownVulnerableFirmware.buildDate("6.50.1.2")).isEmpty();
        assertThat(KnownVulnerableFirmware.buildDate("build 219999")).isEmpty();
        assertThat(KnownVulnerableFirmware.buildDate("12021-05-12")).isEmpty();
    }

    @Test
    void globHasDigitAndLetterClasses() {
        assertThat(KnownVulnerableFirmware.glob("*IPC-H@@3###*", "DH-IPC-HDW3441T-ZS")).isTrue();
        assertThat(KnownVulnerableFirmware.glob("*IPC-H@@3###*", "IPC-HDW2431T-AS")).isFalse();
        assertThat(KnownVulnerableFirmware.glob("*IPC-H@@@3###*", "IPC-HFW1330S")).isFalse();
        assertThat(KnownVulnerableFirmware.glob("SD22###*", "SD22X04T")).isFalse();
    }

    @Test
    void anEntryComparedByBuildDateNeedsDateBounds() {
        assertThatThrownBy(() -> new KnownVulnerableFirmware.Entry("dahua", "*", "", "V2.800", "x", "a", "CVE-1",
                "https://x", "buildDate")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KnownVulnerableFirmware.Entry("dahua", "*", "", "2021-05-31", "x", "a", "CVE-1",
                "https://x", "date")).isInstanceOf(IllegalArgumentException.class);
    }
}
