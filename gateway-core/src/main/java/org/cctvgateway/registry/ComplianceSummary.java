package org.cctvgateway.registry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.cctvgateway.validation.ComplianceReport;
import org.cctvgateway.validation.Outcome;
import org.cctvgateway.validation.RuleResult;
import org.cctvgateway.validation.Verdict;

/**
 * The last compliance report of a camera, as much as the registry keeps: which standard, the verdict,
 * when, and the ids of the rules that failed or warned. The full report is the validator's business.
 */
public record ComplianceSummary(String standardId, String standardVersion, Verdict verdict, Instant time,
        List<String> failingRules, List<String> warningRules) {
    public ComplianceSummary {
        Objects.requireNonNull(standardId, "standardId");
        Objects.requireNonNull(standardVersion, "standardVersion");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(time, "time");
        failingRules = List.copyOf(failingRules);
        warningRules = List.copyOf(warningRules);
    }

    /** The summary of a report. */
    public static ComplianceSummary from(ComplianceReport r) {
        return new ComplianceSummary(r.standardId(), r.standardVersion(), r.verdict(), r.time(),
                ids(r.results(), Outcome.FAIL), ids(r.results(), Outcome.WARN));
    }

    private static List<String> ids(List<RuleResult> results, Outcome outcome) {
        return results.stream().filter(x -> x.outcome() == outcome).map(RuleResult::ruleId).toList();
    }

    /** The verdict as written in files and output: {@code pass}, {@code pass-with-warnings}, {@code fail}. */
    public static String label(Verdict v) {
        return v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** Reads {@link #label}; null when the text is none of them. */
    static Verdict parseVerdict(String text) {
        for (Verdict v : Verdict.values()) {
            if (label(v).equals(text)) {
                return v;
            }
        }
        return null;
    }
}
