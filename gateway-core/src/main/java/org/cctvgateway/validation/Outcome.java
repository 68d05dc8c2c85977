package org.cctvgateway.validation;

/**
 * The outcome of one rule. A broken rule takes the outcome of its severity ({@code FAIL}, {@code WARN} or
 * {@code INFO}); {@code NOT_APPLICABLE} when the rule does not concern this camera (a sub-stream rule on a camera
 * with one stream); {@code UNKNOWN} when the fact the rule needs was neither measured nor declared.
 */
public enum Outcome {
    PASS, FAIL, WARN, INFO, NOT_APPLICABLE, UNKNOWN
}
