package org.cctvgateway.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.cctvgateway.StorageException;
import org.cctvgateway.audit.VerifyReport.Kind;
import org.cctvgateway.audit.VerifyReport.Problem;

/**
 * Checks a whole audit log: every line must be a record, seqs must run 1, 2, 3..., each record's
 * {@code prev} must be the hash of the line before, and every checkpoint must cover the record before
 * it and carry a good signature by the trusted key. Stops at the first problem and names the record
 * that is wrong, telling apart an altered record (the next one's hash disagrees), a missing one (a seq
 * gap), an inserted one (the record after it chains past it), two swapped neighbours and a moved record.
 * Reads the file as a stream with one line of look-ahead (plus one more pass to find a moved record).
 *
 * <p>What cannot be detected: records cut off the end after the last checkpoint (the rest still
 * chains), unless a copy of the last checkpoint is kept elsewhere; and a log rewritten wholesale and
 * re-signed with a key an attacker controls, unless the verifier is given the gateway's public key
 * from a copy kept elsewhere ({@code --public-key}) rather than the one in the audit directory.
 */
public final class AuditVerifier {
    private AuditVerifier() {
    }

    /**
     * Verifies {@code <auditDir>/audit.log}.
     *
     * @param trustedKey the key checkpoints must be signed with; when empty,
     *                   {@code <auditDir>/signing-key.pub.pem} is used if present
     * @throws StorageException when there is no log or it cannot be read
     */
    public static VerifyReport verify(Path auditDir, Optional<PublicKey> trustedKey) {
        Path file = AuditLog.file(auditDir);
        if (!Files.isRegularFile(file)) {
            throw new StorageException("no audit log at " + file,
                    "check --data-dir; the gateway writes the log on its first audited action", null);
        }
        List<String> notes = new ArrayList<>();
        PublicKey key = trustedKey.orElse(null);
        Path pub = auditDir.resolve(AuditSigner.PUBLIC_KEY_FILE);
        if (key == null && Files.isRegularFile(pub)) {
            key = AuditSigner.readPublicKey(pub);
            notes.add("signatures were checked against " + pub + "; to rule out a replaced key, pass a copy kept"
                    + " elsewhere with --public-key");
        }
        try {
            return new Run(file, key, notes).run();
        } catch (IOException e) {
            throw new StorageException("could not read the audit log " + file + ": " + e.getMessage(),
                    "check that the file is readable by this user", e);
        }
    }

    /** One pass over the log. */
    private static final class Run {
        private final Path file;
        private final PublicKey key;
        private final List<String> notes;
        private AuditRecord prev;
        private long prevLine;
        private long records;
        private long checkpoints;
        private AuditRecord lastCheckpoint;
        /** The line read ahead and its record (null if unreadable), so each line is parsed once. */
        private LineReader.Line lookaheadLine;
        private AuditRecord lookahead;

        Run(Path file, PublicKey key, List<String> notes) {
            this.file = file;
            this.key = key;
            this.notes = notes;
        }

        VerifyReport run() throws IOException {
            long torn = 0;
            try (LineReader reader = new LineReader(file)) {
                LineReader.Line line = reader.next();
                while (line != null) {
                    LineReader.Line nextLine = reader.next();
                    if (!line.terminated()) {
                        torn = line.length();
                        break;
                    }
                    Problem problem = check(line, nextLine);
                    if (problem != null) {
                        return report(0, Optional.of(problem));
                    }
                    line = nextLine;
                }
            }
            long ps = prev == null ? 0 : prev.seq();
            if (torn > 0) {
                notes.add("the log ends in a partial record of " + torn + " bytes after record " + ps + ": the gateway"
                        + " stopped while writing it, so it was never acknowledged; the next open drops it");
            }
            long signed = lastCheckpoint == null ? 0 : lastCheckpoint.seq();
            if (ps > signed) {
                notes.add((signed == 0 ? "there is no checkpoint yet: records 1 to " + ps
                        : "records " + (signed + 1) + " to " + ps + " come after the last checkpoint (record "
                        + signed + ") and")
                        + " are protected by the hash chain only; records cut off the end there cannot be detected"
                        + " without a copy of the last checkpoint kept elsewhere");
            }
            return report(torn, Optional.empty());
        }

        private VerifyReport report(long torn, Optional<Problem> problem) {
            return new VerifyReport(records, checkpoints, prev == null ? 0 : prev.seq(),
                    prev == null ? AuditJson.ZERO_HASH : prev.hash(),
                    lastCheckpoint == null ? 0 : lastCheckpoint.seq(),
                    lastCheckpoint == null ? AuditJson.ZERO_HASH : lastCheckpoint.hash(), torn,
                    Optional.ofNullable(key).map(AuditSigner::keyId), problem, notes);
        }

        /** Checks one line; accepts it and returns null when it is good. */
        private Problem check(LineReader.Line line, LineReader.Line nextLine) throws IOException {
            long ln = line.number();
            if (line.tooLong()) {
                return problem(ln, null, Kind.TOO_LONG, "line " + ln + " (after record " + ps() + ") is "
                        + line.length() + " bytes, longer than any record can be (limit " + AuditLog.MAX_LINE_BYTES
                        + ")");
            }
            AuditRecord cur = line == lookaheadLine ? lookahead : null;
            if (cur == null) {
                try {
                    cur = AuditJson.decode(line.bytes());
                } catch (IllegalArgumentException e) {
                    return problem(ln, null, Kind.UNREADABLE, "line " + ln + " (after record " + ps()
                            + ") is not an audit record: " + e.getMessage());
                }
            }
            AuditRecord next = parseOrNull(nextLine);
            lookaheadLine = nextLine;
            lookahead = next;
            long e = ps() + 1;
            String ph = prev == null ? AuditJson.ZERO_HASH : prev.hash();
            Problem p;
            if (cur.seq() == e) {
                p = checkChain(cur, ln, next, ph);
            } else if (cur.seq() > e) {
                p = checkGap(cur, ln, next, ph);
            } else {
                p = checkBackwards(cur, ln, next, ph);
            }
            if (p == null && cur.type().equals(AuditTypes.CHECKPOINT)) {
                p = checkCheckpoint(cur, ln);
            }
            if (p == null) {
                prev = cur;
                prevLine = ln;
                records++;
            }
            return p;
        }

        private Problem checkChain(AuditRecord cur, long ln, AuditRecord next, String ph) {
            if (cur.prev().equals(ph)) {
                return null;
            }
            if (next != null && next.seq() == cur.seq() && next.prev().equals(ph)) {
                return inserted(cur, ln);
            }
            if (prev == null) {
                return problem(ln, cur, Kind.ALTERED, "record " + cur.seq() + " (line " + ln
                        + ") was altered (it does not start the chain: its prev is not 64 zeros)");
            }
            return problem(prevLine, prev, Kind.ALTERED, "record " + prev.seq() + " (line " + prevLine
                    + ") was altered (its hash does not match what record " + cur.seq() + " says)");
        }

        private Problem checkGap(AuditRecord cur, long ln, AuditRecord next, String ph) throws IOException {
            long e = ps() + 1;
            if (next != null && next.seq() == e && next.prev().equals(ph)) {
                if (cur.seq() == e + 1 && cur.prev().equals(next.hash())) {
                    return problem(ln, cur, Kind.SWAPPED, "records " + e + " and " + cur.seq() + " were swapped (line "
                            + ln + " holds record " + cur.seq() + ", line " + (ln + 1) + " holds record " + e + ")");
                }
                return inserted(cur, ln);
            }
            long at = findSeq(e, ln);
            String after = prev == null ? "the start of the log" : "record " + prev.seq();
            if (at > 0) {
                return new Problem(at, OptionalLong.of(e), Kind.MOVED, "record " + e + " was moved (it is at line " + at
                        + ", but belongs at line " + ln + ", after " + after + ")");
            }
            String which = cur.seq() == e + 1 ? "record " + e + " is" : "records " + e + " to " + (cur.seq() - 1)
                    + " are";
            return problem(ln, cur, Kind.MISSING, which + " missing (record " + cur.seq() + " at line " + ln
                    + " follows " + after + ")");
        }

        private Problem checkBackwards(AuditRecord cur, long ln, AuditRecord next, String ph) {
            if (prev != null && cur.hash().equals(prev.hash())) {
                return problem(ln, cur, Kind.INSERTED, "line " + ln + " (record " + cur.seq()
                        + ") was inserted (it repeats line " + prevLine + ")");
            }
            if (prev != null && cur.seq() == prev.seq() && cur.prev().equals(prev.prev())) {
                if (next != null && next.prev().equals(cur.hash())) {
                    return inserted(prev, prevLine);
                }
                if (next != null && next.prev().equals(ph)) {
                    return inserted(cur, ln);
                }
                return problem(ln, cur, Kind.INSERTED, "lines " + prevLine + " and " + ln + " both hold record "
                        + cur.seq() + ": one of them was inserted");
            }
            if (next != null && next.seq() == ps() + 1 && next.prev().equals(ph)) {
                return inserted(cur, ln);
            }
            return problem(ln, cur, Kind.OUT_OF_ORDER, "record " + cur.seq() + " at line " + ln + " comes after record "
                    + ps() + " (seq out of order): it was inserted or moved");
        }

        private Problem inserted(AuditRecord r, long ln) {
            String after = ln == 1 ? "the start of the log" : "line " + (ln - 1);
            return problem(ln, r, Kind.INSERTED, "line " + ln + " (record " + r.seq() + ") was inserted (the record"
                    + " after it chains directly to " + after + ")");
        }

        private Problem checkCheckpoint(AuditRecord cp, long ln) {
            long from = lastCheckpoint == null ? 1 : lastCheckpoint.seq() + 1;
            String what = "checkpoint record " + cp.seq() + " (line " + ln + ")";
            Object seq = cp.fields().get(AuditFields.COVERED_SEQ);
            Object hash = cp.fields().get(AuditFields.COVERED_HASH);
            if (!(seq instanceof Long) || (Long) seq != ps() || !cp.prev().equals(hash)) {
                return problem(ln, cp, Kind.CHECKPOINT_MISMATCH, what + " does not cover the chain before it: a record"
                        + " from " + from + " to " + ps() + " was altered and the later hashes recomputed");
            }
            if (key == null) {
                return problem(ln, cp, Kind.NO_KEY, what + " cannot be checked: there is no public key (signing-key"
                        + ".pub.pem is missing; pass --public-key)");
            }
            String keyId = AuditSigner.keyId(key);
            Object cpKey = cp.fields().get(AuditFields.KEY_ID);
            if (!keyId.equals(cpKey)) {
                return problem(ln, cp, Kind.WRONG_KEY, what + " is signed by key " + abbreviate(cpKey)
                        + ", not by the trusted key " + abbreviate(keyId));
            }
            byte[] sig;
            try {
                sig = Base64.getDecoder().decode(String.valueOf(cp.fields().get(AuditFields.SIGNATURE)));
            } catch (IllegalArgumentException e) {
                sig = new byte[0];
            }
            byte[] signed = Checkpoints.signedBytes(ps(), cp.prev(), cp.time(), keyId);
            if (!AuditSigner.verify(key, signed, sig)) {
                return problem(ln, cp, Kind.BAD_SIGNATURE, what + " has a bad signature: a record from " + from
                        + " to " + ps() + " was altered with the later hashes recomputed, or the checkpoint was"
                        + " forged");
            }
            checkpoints++;
            lastCheckpoint = cp;
            return null;
        }

        private long findSeq(long seq, long afterLine) throws IOException {
            try (LineReader reader = new LineReader(file)) {
                for (LineReader.Line l = reader.next(); l != null; l = reader.next()) {
                    if (l.number() > afterLine) {
                        AuditRecord r = parseOrNull(l);
                        if (r != null && r.seq() == seq) {
                            return l.number();
                        }
                    }
                }
            }
            return 0;
        }

        private long ps() {
            return prev == null ? 0 : prev.seq();
        }

        private static AuditRecord parseOrNull(LineReader.Line line) {
            if (line == null || !line.terminated() || line.tooLong()) {
                return null;
            }
            try {
                return AuditJson.decode(line.bytes());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        private static String abbreviate(Object keyId) {
            String s = String.valueOf(keyId);
            return s.length() > 16 ? s.substring(0, 16) + "..." : s;
        }

        private static Problem problem(long line, AuditRecord r, Kind kind, String message) {
            return new Problem(line, r == null ? OptionalLong.empty() : OptionalLong.of(r.seq()), kind, message);
        }
    }
}
