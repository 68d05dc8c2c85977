package org.cctvgateway.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@link AuditVerifier} found. The log is intact when there is no {@link #problem()}; a torn tail
 * left by a crash is not a problem (it was never acknowledged, and the next open drops it) but is
 * named in {@link #notes()}, as is the stretch after the last checkpoint, which only the hash chain
 * protects: cutting records off the end there cannot be detected without an external copy of the
 * last checkpoint (its seq and {@link #lastCheckpointHash()} line hash).
 *
 * @param recordsChecked     records that passed, in order from the first line
 * @param checkpointsChecked checkpoints whose signature was good
 * @param lastSeq            the seq of the last record that passed (0 if none)
 * @param lastHash           the line hash of that record (64 zeros if none)
 * @param lastCheckpointSeq  the seq of the last good checkpoint (0 if none)
 * @param lastCheckpointHash its line hash (64 zeros if none)
 * @param tornTailBytes      bytes after the last line end
 * @param keyId              the id of the key signatures were checked against, if there was one
 * @param problem            the first problem, if any
 * @param notes              plain sentences worth reading even when the log is intact
 */
public record VerifyReport(long recordsChecked, long checkpointsChecked, long lastSeq, String lastHash,
                           long lastCheckpointSeq, String lastCheckpointHash, long tornTailBytes,
                           Optional<String> keyId, Optional<Problem> problem, List<String> notes) {
    public VerifyReport {
        Objects.requireNonNull(lastHash, "lastHash");
        Objects.requireNonNull(lastCheckpointHash, "lastCheckpointHash");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(problem, "problem");
        notes = List.copyOf(notes);
    }

    /** True when the whole log checked out. */
    public boolean ok() {
        return problem.isEmpty();
    }

    /** The kinds of problem, in plain words in {@link Problem#message()}. */
    public enum Kind {
        /** A record's content differs from what the next record's hash says. */
        ALTERED,
        /** One or more seqs are absent. */
        MISSING,
        /** A line that is not part of the chain was added. */
        INSERTED,
        /** Two neighbouring records were exchanged. */
        SWAPPED,
        /** A record is present but elsewhere in the file. */
        MOVED,
        /** A seq appears after a later one, and the case is none of the above. */
        OUT_OF_ORDER,
        /** A line is not a well-formed audit record. */
        UNREADABLE,
        /** A line is longer than {@link AuditLog#MAX_LINE_BYTES}. */
        TOO_LONG,
        /** A checkpoint covers another record or hash than the chain before it. */
        CHECKPOINT_MISMATCH,
        /** A checkpoint's signature does not verify with the trusted key. */
        BAD_SIGNATURE,
        /** A checkpoint names another key than the trusted one. */
        WRONG_KEY,
        /** There is a checkpoint but no public key to check it with. */
        NO_KEY
    }

    /**
     * The first thing wrong.
     *
     * @param line    1-based line number in {@code audit.log} of the record named
     * @param seq     that record's seq, when it could be read
     * @param kind    what kind of problem
     * @param message one plain sentence, e.g. "record 57 was altered (its hash does not match what record
     *                58 says)"
     */
    public record Problem(long line, OptionalLong seq, Kind kind, String message) {
        public Problem {
            Objects.requireNonNull(seq, "seq");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }
}
