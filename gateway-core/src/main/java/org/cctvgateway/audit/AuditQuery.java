package org.cctvgateway.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cctvgateway.StorageException;

/**
 * Reads records for display, filtered, as a stream: memory is bounded by the limit, not by the size
 * of the log. Lines that are not records (a torn tail, damage) are skipped and counted; whether the
 * log is intact is {@link AuditVerifier}'s question, not this one's.
 */
public final class AuditQuery {
    /** The largest {@link Filter#limit()}. */
    public static final int MAX_LIMIT = 100_000;

    private AuditQuery() {
    }

    /**
     * Which records to return.
     *
     * @param camera records whose {@value AuditFields#CAMERA} field is this
     * @param agency records whose {@value AuditFields#AGENCY} field is this
     * @param type   records of this type, or of a type under it ("certificate" matches
     *               "certificate.issued")
     * @param since  records written at or after this instant
     * @param until  records written before this instant
     * @param limit  how many of the matching records to return: the most recent ones (1..{@value #MAX_LIMIT})
     */
    public record Filter(Optional<String> camera, Optional<String> agency, Optional<String> type,
                         Optional<Instant> since, Optional<Instant> until, int limit) {
        public Filter {
            Objects.requireNonNull(camera, "camera");
            Objects.requireNonNull(agency, "agency");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(until, "until");
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit " + limit + " is outside 1.." + MAX_LIMIT);
            }
        }

        /** Every record, up to the most recent {@code limit}. */
        public static Filter all(int limit) {
            return new Filter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), limit);
        }

        /** True when {@code r} passes every criterion given. */
        public boolean matches(AuditRecord r) {
            return camera.map(c -> c.equals(r.fields().get(AuditFields.CAMERA))).orElse(true)
                    && agency.map(a -> a.equals(r.fields().get(AuditFields.AGENCY))).orElse(true)
                    && type.map(t -> r.type().equals(t) || r.type().startsWith(t + ".")).orElse(true)
                    && since.map(s -> !r.time().isBefore(s)).orElse(true)
                    && until.map(u -> r.time().isBefore(u)).orElse(true);
        }
    }

    /**
     * The outcome of a query.
     *
     * @param records         the most recent matching records, oldest first, at most the limit
     * @param matched         how many records matched in all
     * @param unreadableLines lines skipped because they are not records
     */
    public record Result(List<AuditRecord> records, long matched, long unreadableLines) {
        public Result {
            records = List.copyOf(records);
        }
    }

    /**
     * Runs {@code filter} over {@code <auditDir>/audit.log}.
     *
     * @throws StorageException when there is no log or it cannot be read
     */
    public static Result run(Path auditDir, Filter filter) {
        Path file = AuditLog.file(auditDir);
        if (!Files.isRegularFile(file)) {
            throw new StorageException("no audit log at " + file,
                    "check --data-dir; the gateway writes the log on its first audited action", null);
        }
        ArrayDeque<AuditRecord> newest = new ArrayDeque<>();
        long matched = 0;
        long unreadable = 0;
        try (LineReader reader = new LineReader(file)) {
            for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                AuditRecord r = null;
                if (line.terminated() && !line.tooLong()) {
                    try {
                        r = AuditJson.decode(line.bytes());
                    } catch (IllegalArgumentException e) {
                        r = null;
                    }
                }
                if (r == null) {
                    unreadable++;
                } else if (filter.matches(r)) {
                    matched++;
                    if (newest.size() == filter.limit()) {
                        newest.removeFirst();
                    }
                    newest.addLast(r);
                }
            }
        } catch (IOException e) {
            throw new StorageException("could not read the audit log " + file + ": " + e.getMessage(),
                    "check that the file is readable by this user", e);
        }
        return new Result(List.copyOf(newest), matched, unreadable);
    }
}
