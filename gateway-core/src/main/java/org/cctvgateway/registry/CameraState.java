package org.cctvgateway.registry;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.cctvgateway.GatewayException;

/**
 * Where a camera is in its life on the registry. The moves a user can make: ENROLLED or SUSPENDED to
 * ACTIVE, ENROLLED or ACTIVE to SUSPENDED, any of those to RETIRED. RETIRED is final: the record stays
 * as history (its id is never given to another camera), and the same device comes back only by being
 * enrolled again under a new id, with fresh consent.
 */
public enum CameraState {
    /** On record, not yet serving. */
    ENROLLED("enrolled"),
    /** Served to allowed agencies when its consent permits. */
    ACTIVE("active"),
    /** Temporarily not served (maintenance, a consent dispute); can be resumed. */
    SUSPENDED("suspended"),
    /** Taken out of service for good; kept on record as history. */
    RETIRED("retired");

    private final String label;

    CameraState(String label) {
        this.label = label;
    }

    /** The lower-case name used in files and on the command line. */
    public String label() {
        return label;
    }

    /** True when a camera in this state may be moved to {@code target} (a move to itself is not a move). */
    public boolean canMoveTo(CameraState target) {
        switch (this) {
            case ENROLLED:
                return target != ENROLLED;
            case ACTIVE:
                return target == SUSPENDED || target == RETIRED;
            case SUSPENDED:
                return target == ACTIVE || target == RETIRED;
            default:
                return false;
        }
    }

    /**
     * Reads a label ({@code active}), in any case.
     *
     * @throws GatewayException naming the value and the accepted ones
     */
    public static CameraState parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (CameraState s : values()) {
            if (s.label.equals(t)) {
                return s;
            }
        }
        throw new GatewayException("camera state '" + text + "' is not known",
                "use one of " + Arrays.stream(values()).map(CameraState::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
