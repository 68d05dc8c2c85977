package org.cctvgateway.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of {@link CameraAdapter#probe}: a description, or one of the expected failures.
 * Every failure carries a {@code message} (what happened, with the values involved, such as
 * {@code camera at 192.168.1.64:80 refused the user 'admin'}) and a {@code hint} (what to do,
 * in plain words for the person at the site). The command line prints {@code error: message
 * (hint)}.
 */
public sealed interface ProbeResult permits ProbeResult.Ok, ProbeResult.AuthRejected, ProbeResult.Unreachable,
        ProbeResult.ClockSkew, ProbeResult.Unsupported, ProbeResult.MalformedReply {

    /** True only for {@link Ok}. */
    default boolean ok() {
        return this instanceof Ok;
    }

    /** What happened; for {@link Ok} a one-line summary of the camera. */
    String message();

    /** What to do next; empty for {@link Ok}. */
    String hint();

    /** The camera answered and was described. */
    record Ok(CameraDescription description) implements ProbeResult {
        public Ok {
            Objects.requireNonNull(description, "description");
        }

        @Override
        public String message() {
            DeviceIdentity id = description.identity();
            return (id.manufacturer() + " " + id.model()).strip() + " with " + description.profiles().size()
                    + " profile(s)";
        }

        @Override
        public String hint() {
            return "";
        }
    }

    /** The camera refused the credentials (and the clock was ruled out as the cause). */
    record AuthRejected(String message, String hint) implements ProbeResult {
        public AuthRejected {
            Failures.check(message, hint);
        }
    }

    /** The camera could not be reached: refused connection, timeout, unknown host. */
    record Unreachable(String message, String hint) implements ProbeResult {
        public Unreachable {
            Failures.check(message, hint);
        }
    }

    /**
     * The camera refused the credentials because its clock is too far from ours for its
     * replay window.
     *
     * @param offset camera clock minus local clock (negative when the camera is behind)
     */
    record ClockSkew(Duration offset, String message, String hint) implements ProbeResult {
        public ClockSkew {
            Objects.requireNonNull(offset, "offset");
            Failures.check(message, hint);
        }
    }

    /** Something answered, but not the protocol the adapter speaks (an HTML page, a 404). */
    record Unsupported(String message, String hint) implements ProbeResult {
        public Unsupported {
            Failures.check(message, hint);
        }
    }

    /** The camera answered in the right protocol, but the reply could not be used. */
    record MalformedReply(String message, String hint) implements ProbeResult {
        public MalformedReply {
            Failures.check(message, hint);
        }
    }

    /** Shared validation of the failure records. */
    final class Failures {
        private Failures() {
        }

        static void check(String message, String hint) {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(hint, "hint");
            if (message.isBlank()) {
                throw new IllegalArgumentException("a probe failure needs a message");
            }
        }
    }
}
