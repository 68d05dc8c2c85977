package org.cctvgateway.validation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A camera checked against a standard: every rule's result and the overall verdict.
 *
 * @param camera the camera id or host
 * @param time when the facts were evaluated
 */
public record ComplianceReport(String camera, String standardId, String standardVersion, Instant time,
        List<RuleResult> results, Verdict verdict) {
    public ComplianceReport {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(standardId, "standardId");
        Objects.requireNonNull(standardVersion, "standardVersion");
        Objects.requireNonNull(time, "time");
        results = List.copyOf(results);
        Objects.requireNonNull(verdict, "verdict");
    }

    /**
     * The process exit code for this verdict: 0 on pass, 2 on fail; pass with warnings is 1 when {@code strict},
     * else 0.
     */
    public int exitCode(boolean strict) {
        switch (verdict) {
            case FAIL:
                return 2;
            case PASS_WITH_WARNINGS:
                return strict ? 1 : 0;
            default:
                return 0;
        }
    }
}
