package org.cctvgateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportRenderTest {
    private static final String HOSTILE = "<script>alert('x')</script>&\"\u001b[2J";

    private static ComplianceReport report() {
        return new ComplianceReport("cam-07", "safe-city-baseline", "1.0", Instant.parse("2026-11-24T10:00:00Z"),
                List.of(new RuleResult("main-resolution", Severity.FAIL, Outcome.FAIL, "At least 1920x1080.",
                        "1920x1080", "1280x720", "at least 1920x1080", "The main stream is 1280x720.",
                        "Set the main stream to at least 1920x1080 under Video > Encoding."),
                        new RuleResult("clock", Severity.FAIL, Outcome.PASS, "Clock within 5 s.", "+0.2 s", "+0.3 s",
                                "within 5 s", "The camera's clock is +0.3 s from the gateway's.",
                                "Set the time under System > Time Settings.")),
                Verdict.FAIL);
    }

    private static ComplianceReport hostile() {
        return new ComplianceReport(HOSTILE, HOSTILE, HOSTILE, Instant.EPOCH, List.of(new RuleResult(HOSTILE,
                Severity.WARN, Outcome.WARN, HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE)),
                Verdict.PASS_WITH_WARNINGS);
    }

    @Test
    void textShowsTheTableAndAFixHintForEveryNonPass() {
        String text = ReportText.render(report());
        assertThat(text).contains("RULE", "OUTCOME", "DECLARED", "MEASURED", "THRESHOLD");
        assertThat(text).containsPattern("main-resolution +FAIL +1920x1080 +1280x720 +at least 1920x1080");
        assertThat(text).contains("Fix: Set the main stream to at least 1920x1080 under Video > Encoding.");
        assertThat(text).doesNotContain("Fix: Set the time");
        assertThat(text).endsWith("Verdict: FAIL\n");
    }

    @Test
    void textReplacesControlCharactersFromCameraValues() {
        assertThat(ReportText.render(hostile())).doesNotContain("\u001b");
    }

    @Test
    void jsonHasStableFieldNames() throws Exception {
        JsonNode root = new ObjectMapper().readTree(ReportJson.render(report()));
        assertThat(root.get("format").asInt()).isEqualTo(1);
        assertThat(root.get("camera").asText()).isEqualTo("cam-07");
        assertThat(root.at("/standard/id").asText()).isEqualTo("safe-city-baseline");
        assertThat(root.at("/standard/version").asText()).isEqualTo("1.0");
        assertThat(root.get("time").asText()).isEqualTo("2026-11-24T10:00:00Z");
        assertThat(root.get("verdict").asText()).isEqualTo("fail");
        JsonNode r = root.get("results").get(0);
        assertThat(r.get("rule").asText()).isEqualTo("main-resolution");
        assertThat(r.get("severity").asText()).isEqualTo("fail");
        assertThat(r.get("outcome").asText()).isEqualTo("fail");
        assertThat(r.get("declared").asText()).isEqualTo("1920x1080");
        assertThat(r.get("measured").asText()).isEqualTo("1280x720");
        assertThat(r.get("threshold").asText()).isEqualTo("at least 1920x1080");
        assertThat(r.get("fixHint").asText()).startsWith("Set the main stream");
    }

    @Test
    void htmlIsOneSelfContainedPage() {
        String html = ReportHtml.render(report());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").contains("Verdict: FAIL")
                .contains("Video &gt; Encoding").doesNotContain("<script").doesNotContain("http://")
                .doesNotContain("https://").doesNotContain("src=");
    }

    @Test
    void htmlEscapesEveryHostileValue() {
        String html = ReportHtml.render(hostile());
        assertThat(html).doesNotContain("<script>").doesNotContain("'x'").doesNotContain("\u001b");
        assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Qv7-Wz", "Zebra-Quokka-Lantern-4471!", "admin0815admin"})
    void noRenderingEverShowsThePasswordTheOperatorGave(String password) {
        CameraFacts facts = Cameras.withPassword(Cameras.compliant(), Optional.of(PasswordStrength.assess("admin",
                password, DefaultCredentials.forMake("Hikvision"))));
        StandardsLoader loader = new StandardsLoader();
        ValidationEngine engine = ValidationEngine.withBundledData();
        for (String name : loader.bundledNames()) {
            ComplianceReport report = engine.evaluate(loader.bundled(name), facts, Instant.EPOCH);
            assertThat(report.results()).anySatisfy(r -> assertThat(r.ruleId()).isEqualTo("weak-credentials"));
            assertThat(ReportText.render(report)).as(name).contains("weak-credentials").doesNotContain(password);
            assertThat(ReportJson.render(report)).as(name).contains("weak-credentials").doesNotContain(password);
            assertThat(ReportHtml.render(report)).as(name).contains("weak-credentials").doesNotContain(password);
            assertThat(report.toString()).doesNotContain(password);
        }
    }
}
