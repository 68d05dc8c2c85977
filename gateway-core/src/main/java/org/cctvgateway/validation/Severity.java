package org.cctvgateway.validation;

/** How much a broken rule matters: {@code FAIL} fails the verdict, {@code WARN} warns, {@code INFO} only informs. */
public enum Severity {
    FAIL, WARN, INFO
}
