package org.cctvgateway.validation;

import java.util.Objects;

/**
 * What a check found, before the rule's severity is applied: {@link Status#BROKEN} becomes the rule's severity.
 * Package-private: the engine's working value.
 */
record Finding(Status status, String declared, String measured, String threshold, String message) {
    enum Status { PASS, BROKEN, NOT_APPLICABLE, UNKNOWN }

    Finding {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(declared, "declared");
        Objects.requireNonNull(measured, "measured");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(message, "message");
    }

    static Finding of(boolean pass, String declared, String measured, String threshold, String passMessage,
            String brokenMessage) {
        return new Finding(pass ? Status.PASS : Status.BROKEN, declared, measured, threshold,
                pass ? passMessage : brokenMessage);
    }

    static Finding unknown(String declared, String threshold, String message) {
        return new Finding(Status.UNKNOWN, declared, "", threshold, message);
    }

    static Finding notApplicable(String threshold, String message) {
        return new Finding(Status.NOT_APPLICABLE, "", "", threshold, message);
    }
}
