package org.cctvgateway.validation;

/** The overall result of a compliance report. */
public enum Verdict {
    PASS, PASS_WITH_WARNINGS, FAIL
}
