package org.cctvgateway.validation;

import java.util.Objects;

/**
 * The result of one rule for one camera. Values are shown as text, with units ({@code "1920x1080"},
 * {@code "25.0 fps"}); an empty string means there was no such value.
 *
 * @param declared what the camera says, "" when it says nothing
 * @param measured what the gateway measured, "" when not measured
 * @param threshold what the rule requires
 * @param message the outcome in plain words
 * @param fixHint what to change, in plain words; the rule's hint
 */
public record RuleResult(String ruleId, Severity severity, Outcome outcome, String description, String declared,
        String measured, String threshold, String message, String fixHint) {
    public RuleResult {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(declared, "declared");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fixHint, "fixHint");
    }

    /** True for the outcomes a reader should act on or look at: anything but PASS and NOT_APPLICABLE. */
    public boolean needsAttention() {
        return outcome != Outcome.PASS && outcome != Outcome.NOT_APPLICABLE;
    }
}
