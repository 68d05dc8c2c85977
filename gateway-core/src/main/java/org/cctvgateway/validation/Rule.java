package org.cctvgateway.validation;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One rule of a standard.
 *
 * @param id short stable id, {@code [a-z0-9][a-z0-9.-]*}, at most 64 characters ({@code main-resolution})
 * @param severity what breaking it does to the verdict
 * @param description what it requires, in one sentence
 * @param check the fact it tests and the threshold
 * @param fixHint what the camera's owner should change, in plain words
 */
public record Rule(String id, Severity severity, String description, Check check, String fixHint) {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");

    public Rule {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("rule id '" + id + "' must be 1-64 of a-z, 0-9, '.', '-'");
        }
        if (severity == null) {
            throw new IllegalArgumentException("severity is missing; use fail, warn or info");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("description is missing");
        }
        if (check == null) {
            throw new IllegalArgumentException("check is missing");
        }
        if (fixHint == null || fixHint.isBlank()) {
            throw new IllegalArgumentException("fixHint is missing; say in plain words how to fix it");
        }
    }
}
