package org.cctvgateway.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers for audit tests: a clock that ticks, logs with known content, line surgery. */
final class AuditFixture {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Pattern PREV = Pattern.compile("\"prev\":\"[0-9a-f]{64}\"}$");
    private static final Pattern COVERED = Pattern.compile("\"coveredHash\":\"[0-9a-f]{64}\"");

    private AuditFixture() {
    }

    /** A clock that moves one second forward each time it is read. */
    static final class TickingClock extends Clock {
        private final AtomicLong ticks = new AtomicLong();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return T0.plus(Duration.ofSeconds(ticks.getAndIncrement()));
        }
    }

    static AuditSigner signer(Path auditDir) {
        return AuditSigner.loadOrCreate(auditDir, new SecureRandom());
    }

    static AuditLog open(Path auditDir, int checkpointEvery) {
        return AuditLog.open(auditDir, signer(auditDir), new TickingClock(), new AuditLog.Options(checkpointEvery));
    }

    static AuditEvent session(int i) {
        return AuditEvent.streamSession(i % 2 == 0 ? "police" : "traffic", "0a1b" + i, "cam-" + i,
                T0.plusSeconds(i), T0.plusSeconds(i + 60), 1000L * i);
    }

    /** Writes {@code events} stream sessions with a checkpoint every {@code every} and closes the log. */
    static void write(Path auditDir, int events, int every) {
        try (AuditLog log = open(auditDir, every)) {
            for (int i = 1; i <= events; i++) {
                log.append(session(i));
            }
        }
    }

    static List<String> lines(Path auditDir) {
        try {
            return Files.readAllLines(AuditLog.file(auditDir), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void writeLines(Path auditDir, List<String> lines) {
        try {
            Files.writeString(AuditLog.file(auditDir), String.join("\n", lines) + (lines.isEmpty() ? "" : "\n"),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(String line) {
        return AuditJson.sha256Hex(line.getBytes(StandardCharsets.UTF_8));
    }

    static String withPrev(String line, String prev) {
        Matcher m = PREV.matcher(line);
        if (!m.find()) {
            throw new IllegalArgumentException("no prev in " + line);
        }
        return line.substring(0, m.start()) + "\"prev\":\"" + prev + "\"}";
    }

    /**
     * Rechains every line after {@code fromIndex} (0-based) the way a forger would; with
     * {@code checkpoints} the checkpoints' covered hashes are rewritten too (their signatures cannot be).
     */
    static void rechain(List<String> lines, int fromIndex, boolean checkpoints) {
        for (int j = fromIndex + 1; j < lines.size(); j++) {
            String prev = hash(lines.get(j - 1));
            String line = withPrev(lines.get(j), prev);
            if (checkpoints) {
                line = COVERED.matcher(line).replaceFirst("\"coveredHash\":\"" + prev + "\"");
            }
            lines.set(j, line);
        }
    }
}
