package org.cctvgateway;

import java.util.Objects;

/**
 * Root of the errors a user or an integrator can meet. The message says what happened, with
 * the values involved; the {@link #hint()} says what to do next. The command line prints both
 * on one line and exits non-zero.
 *
 * <p>Expected outcomes (a camera that refuses a password, a stream that is not there yet) are
 * values, not exceptions; this type is for input that cannot be used and for failures an
 * operator must act on.
 */
public class GatewayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String hint;

    public GatewayException(String message, String hint) {
        this(message, hint, null);
    }

    public GatewayException(String message, String hint, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.hint = hint == null ? "" : hint;
    }

    /** What the user should do next; empty when there is nothing useful to say. */
    public String hint() {
        return hint;
    }

    /** The message and the hint as one line, the form the command line prints. */
    public String oneLine() {
        String msg = getMessage().replace('\n', ' ');
        return hint.isEmpty() ? msg : msg + " (" + hint + ")";
    }
}
