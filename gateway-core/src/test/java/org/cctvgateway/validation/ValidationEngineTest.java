package org.cctvgateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cctvgateway.validation.Cameras.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.cctvgateway.spi.CameraDescription;
import org.cctvgateway.spi.DeviceIdentity;
import org.cctvgateway.spi.NetworkServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ValidationEngineTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final ValidationEngine engine = ValidationEngine.withBundledData();

    record Case(String name, Check check, CameraFacts facts, Outcome expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        CameraFacts ok = compliant();
        StreamFacts m = goodMain();
        return Stream.of(
                new Case("codec passes", new Check.CodecIn(List.of("H264"), "main"), ok, Outcome.PASS),
                new Case("H.265 where H.264 is required fails", new Check.CodecIn(List.of("H264"), "main"),
                        withMain(ok, stream("main", "H265", 1920, 1080, 25, 4096, 2)), Outcome.FAIL),
                new Case("codec not measured is unknown", new Check.CodecIn(List.of("H264"), "main"),
                        withMain(ok, stream("main", "", 1920, 1080, 25, 4096, 2)), Outcome.UNKNOWN),
                new Case("resolution at the threshold passes", new Check.MinResolution("main", 1920, 1080), ok,
                        Outcome.PASS),
                new Case("resolution one line short fails", new Check.MinResolution("main", 1920, 1080),
                        withMain(ok, stream("main", "H264", 1920, 1079, 25, 4096, 2)), Outcome.FAIL),
                new Case("resolution unknown", new Check.MinResolution("main", 1920, 1080),
                        withMain(ok, stream("main", "H264", -1, -1, 25, 4096, 2)), Outcome.UNKNOWN),
                new Case("frame rate at threshold passes", new Check.MinFrameRate("main", 25), ok, Outcome.PASS),
                new Case("frame rate within 2 % slack passes", new Check.MinFrameRate("main", 25),
                        withMain(ok, stream("main", "H264", 1920, 1080, 24.5, 4096, 2)), Outcome.PASS),
                new Case("frame rate below slack fails", new Check.MinFrameRate("main", 25),
                        withMain(ok, stream("main", "H264", 1920, 1080, 24.49, 4096, 2)), Outcome.FAIL),
                new Case("frame rate unknown", new Check.MinFrameRate("main", 25),
                        withMain(ok, stream("main", "H264", 1920, 1080, Double.NaN, 4096, 2)), Outcome.UNKNOWN),
                new Case("bitrate at the top of the window passes", new Check.BitrateWindow("main", 1024, 4096), ok,
                        Outcome.PASS),
                new Case("bitrate just above the window fails", new Check.BitrateWindow("main", 1024, 4095.9), ok,
                        Outcome.FAIL),
                new Case("bitrate below the window fails", new Check.BitrateWindow("main", 4096.1, 8192), ok,
                        Outcome.FAIL),
                new Case("bitrate unknown", new Check.BitrateWindow("main", 1, 2),
                        withMain(ok, stream("main", "H264", 1920, 1080, 25, Double.NaN, 2)), Outcome.UNKNOWN),
                new Case("GOP at the limit passes", new Check.MaxGop("main", 2), ok, Outcome.PASS),
                new Case("long GOP fails", new Check.MaxGop("main", 2),
                        withMain(ok, stream("main", "H264", 1920, 1080, 25, 4096, 2.05)), Outcome.FAIL),
                new Case("GOP unknown", new Check.MaxGop("main", 2),
                        withMain(ok, stream("main", "H264", 1920, 1080, 25, 4096, Double.NaN)), Outcome.UNKNOWN),
                new Case("reachable within time", new Check.StreamReachable("main", 0.8), ok, Outcome.PASS),
                new Case("slow start fails", new Check.StreamReachable("main", 0.79), ok, Outcome.FAIL),
                new Case("no frame fails", new Check.StreamReachable("main", 5),
                        withMain(ok, StreamFacts.unreachable("main")), Outcome.FAIL),
                new Case("unsampled stream is unknown", new Check.StreamReachable("main", 5),
                        withMeasured(ok, Map.of()), Outcome.UNKNOWN),
                new Case("clock within passes", new Check.ClockWithin(0.3), ok, Outcome.PASS),
                new Case("wrong clock fails", new Check.ClockWithin(5),
                        withClock(ok, Optional.of(Duration.ofSeconds(-90))), Outcome.FAIL),
                new Case("clock falls back to RTCP drift", new Check.ClockWithin(0.1),
                        withDeclared(withClock(ok, Optional.empty()), Optional.empty()), Outcome.PASS),
                new Case("clock unknown", new Check.ClockWithin(5), withMeasured(withDeclared(withClock(ok,
                        Optional.empty()), Optional.empty()), Map.of()), Outcome.UNKNOWN),
                new Case("NTP configured", new Check.NtpConfigured(), ok, Outcome.PASS),
                new Case("no NTP fails", new Check.NtpConfigured(), withDeclared(ok, Optional.of(description(
                        goodDescription().profiles(), new NetworkServices(OptionalInt.of(80), OptionalInt.empty(),
                                OptionalInt.empty(), List.of(), false, List.of("S")), "V5.7.3"))), Outcome.FAIL),
                new Case("NTP unknown without services", new Check.NtpConfigured(), withDeclared(ok, Optional.of(
                        description(goodDescription().profiles(), NetworkServices.unknown(), "V5.7.3"))),
                        Outcome.UNKNOWN),
                new Case("ONVIF S claimed", new Check.OnvifProfile(List.of("s")), ok, Outcome.PASS),
                new Case("ONVIF G missing fails", new Check.OnvifProfile(List.of("S", "G")), ok, Outcome.FAIL),
                new Case("ONVIF unknown without probe", new Check.OnvifProfile(List.of("S")),
                        withDeclared(ok, Optional.empty()), Outcome.UNKNOWN),
                new Case("no default login", new Check.NoDefaultCredentials(), ok, Outcome.PASS),
                new Case("default password fails", new Check.NoDefaultCredentials(), withLogins(ok,
                        List.of(new ExposedAccount("admin", "rtsp")), List.of()), Outcome.FAIL),
                new Case("strong password passes strong", new Check.MinPasswordStrength(PasswordStrength.Level.STRONG),
                        ok, Outcome.PASS),
                new Case("weak password fails fair", new Check.MinPasswordStrength(PasswordStrength.Level.FAIR),
                        withPassword(ok, Optional.of(PasswordStrength.assess("operator", "qwerty12", List.of()))),
                        Outcome.FAIL),
                new Case("fair password passes fair", new Check.MinPasswordStrength(PasswordStrength.Level.FAIR),
                        withPassword(ok, Optional.of(PasswordStrength.assess("operator", "Tb7#qLm2vR", List.of()))),
                        Outcome.PASS),
                new Case("fair password fails strong", new Check.MinPasswordStrength(PasswordStrength.Level.STRONG),
                        withPassword(ok, Optional.of(PasswordStrength.assess("operator", "Tb7#qLm2vR", List.of()))),
                        Outcome.FAIL),
                new Case("no password given is unknown", new Check.MinPasswordStrength(PasswordStrength.Level.FAIR),
                        withPassword(ok, Optional.empty()), Outcome.UNKNOWN),
                new Case("factory default found working is left to the default-login rule",
                        new Check.MinPasswordStrength(PasswordStrength.Level.FAIR), withLogins(withPassword(ok,
                                Optional.of(PasswordStrength.assess("admin", "12345", DefaultCredentials.load()))),
                                List.of(new ExposedAccount("admin", "rtsp")), List.of()), Outcome.NOT_APPLICABLE),
                new Case("factory default with the login check skipped fails",
                        new Check.MinPasswordStrength(PasswordStrength.Level.FAIR), withPassword(ok, Optional.of(
                                PasswordStrength.assess("admin", "12345", DefaultCredentials.load()))), Outcome.FAIL),
                new Case("HTTPS passes", new Check.ManagementNotPlainHttpOnly(), ok, Outcome.PASS),
                new Case("plain HTTP only fails", new Check.ManagementNotPlainHttpOnly(), withWeb(ok, false, true),
                        Outcome.FAIL),
                new Case("no web management is not applicable", new Check.ManagementNotPlainHttpOnly(),
                        withWeb(ok, false, false), Outcome.NOT_APPLICABLE),
                new Case("identified", new Check.FirmwareIdentifiable(), ok, Outcome.PASS),
                new Case("blank firmware fails", new Check.FirmwareIdentifiable(), withDeclared(ok, Optional.of(
                        description(goodDescription().profiles(), goodServices(), ""))), Outcome.FAIL),
                new Case("identity unknown without probe", new Check.FirmwareIdentifiable(),
                        withDeclared(ok, Optional.empty()), Outcome.UNKNOWN),
                new Case("current firmware passes", new Check.NoKnownVulnerableFirmware(), ok, Outcome.PASS),
                new Case("CVE-2017-7921 firmware fails", new Check.NoKnownVulnerableFirmware(), withDeclared(ok,
                        Optional.of(new CameraDescription("hikvision", new DeviceIdentity("HIKVISION",
                                "DS-2CD2032F-I", "V5.3.0 build 150513", "", "", ""), Optional.empty(),
                                goodServices(), goodDescription().profiles()))), Outcome.FAIL),
                new Case("firmware unknown", new Check.NoKnownVulnerableFirmware(), withDeclared(ok, Optional.of(
                        description(goodDescription().profiles(), goodServices(), ""))), Outcome.UNKNOWN),
                new Case("all calls need a login", new Check.NoUnauthenticatedAccess(), ok, Outcome.PASS),
                new Case("open DESCRIBE fails", new Check.NoUnauthenticatedAccess(), withLogins(ok, List.of(),
                        List.of("rtsp DESCRIBE")), Outcome.FAIL),
                new Case("identify at 3 m passes", new Check.MinPixelDensity("main", DoriLevel.IDENTIFY), ok,
                        Outcome.PASS),
                new Case("identify at 4 m fails", new Check.MinPixelDensity("main", DoriLevel.IDENTIFY),
                        withPlacement(ok, Optional.of(new Placement(90, 4))), Outcome.FAIL),
                new Case("pixel density without placement unknown", new Check.MinPixelDensity("main",
                        DoriLevel.DETECT), withPlacement(ok, Optional.empty()), Outcome.UNKNOWN),
                new Case("parameter sets in band", new Check.ParameterSetsInBand("main"), ok, Outcome.PASS),
                new Case("parameter sets only in SDP", new Check.ParameterSetsInBand("main"), withMain(ok,
                        new StreamFacts("main", "H264", 1920, 1080, 25, 4096, 2, 0.4, 0, 2, false, true, true, 0.1,
                                1400, 0.8)), Outcome.FAIL),
                new Case("sender reports", new Check.SenderReportsPresent("main"), ok, Outcome.PASS),
                new Case("no sender reports", new Check.SenderReportsPresent("main"), withMain(ok,
                        new StreamFacts("main", "H264", 1920, 1080, 25, 4096, 2, 0.4, 0, 2, true, true, false,
                                Double.NaN, 1400, 0.8)), Outcome.FAIL),
                new Case("packet at MTU passes", new Check.MaxPacketBytes("main", 1400), ok, Outcome.PASS),
                new Case("packet over MTU fails", new Check.MaxPacketBytes("main", 1399), ok, Outcome.FAIL),
                new Case("loss at limit passes", new Check.MaxPacketLoss("main", 0), ok, Outcome.PASS),
                new Case("jitter over limit fails", new Check.MaxTimestampJitter("main", 1.9), ok, Outcome.FAIL),
                new Case("sub rule with no sub stream is not applicable", new Check.MinResolution("sub", 640, 360),
                        withMeasured(withDeclared(ok, Optional.of(description(List.of(goodDescription().profiles()
                                .get(0)), goodServices(), "V5.7.3"))), Map.of("main", m)), Outcome.NOT_APPLICABLE),
                new Case("stream of an unreachable camera is unknown", new Check.MinFrameRate("main", 25),
                        withMain(ok, StreamFacts.unreachable("main")), Outcome.UNKNOWN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCheckGivesItsOutcome(Case c) {
        Rule rule = new Rule("r", Severity.FAIL, "d", c.check(), "fix it");
        StandardsProfile p = new StandardsProfile("t", "1", "T", "", DoriEdition.IEC_62676_4_2015, false,
                List.of(rule));
        RuleResult r = engine.evaluate(p, c.facts(), NOW).results().get(0);
        assertThat(r.outcome()).as(r.message()).isEqualTo(c.expected());
        assertThat(r.message()).isNotBlank();
    }

    @Test
    void measuredValueDecidesAndBothAreShownWhenTheyDisagree() {
        // The camera declares 1920x1080 but the stream measures 1280x720.
        CameraFacts f = withMain(compliant(), stream("main", "H264", 1280, 720, 25, 4096, 2));
        RuleResult r = single(new Check.MinResolution("main", 1920, 1080), f, Severity.FAIL);
        assertThat(r.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(r.declared()).isEqualTo("1920x1080");
        assertThat(r.measured()).isEqualTo("1280x720");
        assertThat(r.message()).contains("declares 1920x1080").contains("measured 1280x720");
    }

    @Test
    void declaredValueAloneDoesNotPassAStreamRule() {
        CameraFacts f = withMeasured(compliant(), Map.of());
        RuleResult r = single(new Check.MinResolution("main", 1920, 1080), f, Severity.FAIL);
        assertThat(r.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(r.declared()).isEqualTo("1920x1080");
        assertThat(r.measured()).isEmpty();
    }

    @Test
    void brokenRuleTakesItsSeverity() {
        CameraFacts f = withMain(compliant(), stream("main", "H264", 1280, 720, 25, 4096, 2));
        assertThat(single(new Check.MinResolution("main", 1920, 1080), f, Severity.WARN).outcome())
                .isEqualTo(Outcome.WARN);
        assertThat(single(new Check.MinResolution("main", 1920, 1080), f, Severity.INFO).outcome())
                .isEqualTo(Outcome.INFO);
    }

    @Test
    void verdictAndExitCodes() {
        RuleResult pass = result(Severity.FAIL, Outcome.PASS);
        RuleResult warn = result(Severity.WARN, Outcome.WARN);
        RuleResult fail = result(Severity.FAIL, Outcome.FAIL);
        RuleResult info = result(Severity.INFO, Outcome.INFO);
        RuleResult unknownFail = result(Severity.FAIL, Outcome.UNKNOWN);
        RuleResult unknownInfo = result(Severity.INFO, Outcome.UNKNOWN);
        assertThat(ValidationEngine.verdict(List.of(pass, info, unknownInfo), false)).isEqualTo(Verdict.PASS);
        assertThat(ValidationEngine.verdict(List.of(pass, warn), false)).isEqualTo(Verdict.PASS_WITH_WARNINGS);
        assertThat(ValidationEngine.verdict(List.of(pass, unknownFail), false))
                .isEqualTo(Verdict.PASS_WITH_WARNINGS);
        assertThat(ValidationEngine.verdict(List.of(pass, unknownFail), true)).isEqualTo(Verdict.FAIL);
        assertThat(ValidationEngine.verdict(List.of(warn, fail), false)).isEqualTo(Verdict.FAIL);
        assertThat(report(Verdict.PASS).exitCode(true)).isZero();
        assertThat(report(Verdict.PASS_WITH_WARNINGS).exitCode(false)).isZero();
        assertThat(report(Verdict.PASS_WITH_WARNINGS).exitCode(true)).isEqualTo(1);
        assertThat(report(Verdict.FAIL).exitCode(false)).isEqualTo(2);
    }

    @Test
    void compliantCameraPassesBothBundledStandards() {
        StandardsLoader loader = new StandardsLoader();
        for (String name : loader.bundledNames()) {
            ComplianceReport r = engine.evaluate(loader.bundled(name), compliant(), NOW);
            assertThat(r.results()).as(name).allSatisfy(x -> assertThat(x.outcome()).as(x.ruleId() + ": "
                    + x.message()).isIn(Outcome.PASS, Outcome.NOT_APPLICABLE));
            assertThat(r.verdict()).isEqualTo(Verdict.PASS);
            assertThat(r.standardId()).isEqualTo(name);
            assertThat(r.time()).isEqualTo(NOW);
        }
    }

    static Stream<Object[]> breaks() {
        CameraFacts ok = compliant();
        return Stream.of(
                new Object[] {"low resolution", withMain(ok, stream("main", "H264", 1024, 576, 25, 4096, 2)),
                    "main-resolution"},
                new Object[] {"long GOP", withMain(ok, stream("main", "H264", 1920, 1080, 25, 4096, 8)),
                    "main-gop"},
                new Object[] {"wrong clock", withClock(ok, Optional.of(Duration.ofMinutes(3))), "clock"},
                new Object[] {"default password", withLogins(ok, List.of(new ExposedAccount("admin", "onvif")),
                    List.of()), "default-credentials"},
                new Object[] {"H.265 where H.264 is required", withMain(ok, stream("main", "MJPEG", 1920, 1080, 25,
                    4096, 2)), "main-codec"},
                new Object[] {"bitrate outside the window", withMain(ok, stream("main", "H264", 1920, 1080, 25,
                    20000, 2)), "main-bitrate"},
                new Object[] {"weak password", withPassword(ok, Optional.of(PasswordStrength.assess("operator",
                    "Kx9zQ", DefaultCredentials.load()))), "weak-credentials"},
                new Object[] {"factory-default password", withPassword(withLogins(ok, List.of(new ExposedAccount(
                    "admin", "rtsp")), List.of()), Optional.of(PasswordStrength.assess("admin", "12345",
                    DefaultCredentials.load()))), "default-credentials"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breaks")
    void eachBreakIsCaughtByItsRuleAndOnlyByIt(String name, CameraFacts facts, String ruleId) {
        ComplianceReport r = engine.evaluate(new StandardsLoader().bundled("safe-city-baseline"), facts, NOW);
        assertThat(r.results().stream().filter(RuleResult::needsAttention).map(RuleResult::ruleId))
                .containsExactly(ruleId);
    }

    @Test
    void skippedCredentialCheckIsUnknownNotAPass() {
        CameraFacts c = compliant();
        CameraFacts skipped = new CameraFacts(c.camera(), c.declared(), c.measured(), c.clockOffset(), List.of(),
                c.unauthenticatedAccess(), c.httpsAvailable(), c.httpAvailable(), c.placement(), false);
        RuleResult checked = single(new Check.NoDefaultCredentials(), c, Severity.FAIL);
        RuleResult notTried = single(new Check.NoDefaultCredentials(), skipped, Severity.FAIL);
        assertThat(checked.outcome()).isEqualTo(Outcome.PASS);
        assertThat(notTried.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(notTried.message()).contains("not tried");
    }

    @Test
    void weakCredentialsTakeEachStandardsSeverityAndNameTheReasonsNeverThePassword() {
        String secret = "Kx9zQ";
        CameraFacts f = withPassword(compliant(), Optional.of(PasswordStrength.assess("operator", secret,
                DefaultCredentials.load())));
        StandardsLoader loader = new StandardsLoader();
        RuleResult base = weakRule(engine.evaluate(loader.bundled("safe-city-baseline"), f, NOW));
        RuleResult evidence = weakRule(engine.evaluate(loader.bundled("safe-city-evidence"), f, NOW));
        assertThat(base.outcome()).isEqualTo(Outcome.WARN);
        assertThat(evidence.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(base.measured()).isEqualTo("weak: shorter than 10 characters");
        assertThat(base.message()).contains("user 'operator'").contains("shorter than 10 characters");
        assertThat(base.fixHint()).contains("at least 12 characters").contains("System > User Management");
        assertThat(List.of(base.message(), base.measured(), base.declared(), evidence.message()))
                .noneSatisfy(t -> assertThat(t).contains(secret));
    }

    @Test
    void notGivingAPasswordSaysNotChecked() {
        RuleResult r = single(new Check.MinPasswordStrength(PasswordStrength.Level.FAIR),
                withPassword(compliant(), Optional.empty()), Severity.WARN);
        assertThat(r.outcome()).isEqualTo(Outcome.UNKNOWN);
        assertThat(r.message()).startsWith("Not checked");
    }

    private static RuleResult weakRule(ComplianceReport report) {
        return report.results().stream().filter(x -> x.ruleId().equals("weak-credentials")).findFirst()
                .orElseThrow();
    }

    @Test
    void evidenceFailsACameraItCannotMeasure() {
        CameraFacts f = withPlacement(compliant(), Optional.empty());
        StandardsLoader loader = new StandardsLoader();
        assertThat(engine.evaluate(loader.bundled("safe-city-evidence"), f, NOW).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(engine.evaluate(loader.bundled("safe-city-baseline"), f, NOW).verdict()).isEqualTo(Verdict.PASS);
    }

    private RuleResult single(Check check, CameraFacts facts, Severity severity) {
        StandardsProfile p = new StandardsProfile("t", "1", "T", "", DoriEdition.IEC_62676_4_2015, false,
                List.of(new Rule("r", severity, "d", check, "fix it")));
        return engine.evaluate(p, facts, NOW).results().get(0);
    }

    private static RuleResult result(Severity s, Outcome o) {
        return new RuleResult("r", s, o, "d", "", "", "", "m", "h");
    }

    private static ComplianceReport report(Verdict v) {
        return new ComplianceReport("c", "s", "1", NOW, List.of(), v);
    }
}
