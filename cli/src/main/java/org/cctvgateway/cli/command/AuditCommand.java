package org.cctvgateway.cli.command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.cctvgateway.GatewayException;
import org.cctvgateway.audit.AuditFields;
import org.cctvgateway.audit.AuditLog;
import org.cctvgateway.audit.AuditQuery;
import org.cctvgateway.audit.AuditRecord;
import org.cctvgateway.audit.AuditSigner;
import org.cctvgateway.audit.AuditVerifier;
import org.cctvgateway.audit.VerifyReport;
import org.cctvgateway.cli.output.JsonLines;
import org.cctvgateway.config.HumanDuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cctv-gateway audit verify|show}: checks the tamper-evident audit log under
 * {@code <dataDir>/audit/} and shows its records.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check and read the tamper-evident audit log (<dataDir>/audit/audit.log).",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Show.class})
public final class AuditCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code audit verify}: exit 0 intact (or no log yet), 1 with the first problem named. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check the whole hash chain and every signed checkpoint; name the first record that"
                    + " was altered, removed, inserted or moved.",
                           "Exit 0 when the log is intact (a partial last record left by a crash is only a note),"
                                   + " 1 with the first problem. With no audit log yet it says so and exits 0.",
                           "Records after the last checkpoint are protected by the hash chain only: keep a copy"
                                   + " of signing-key.pub.pem and of recent checkpoints elsewhere."})
    static final class Verify extends StateCommand {
        @Option(names = "--public-key", paramLabel = "FILE",
                description = "The gateway's audit public key (a copy of audit/signing-key.pub.pem kept elsewhere)."
                        + " Default: the one in the audit directory.")
        Path publicKey;

        @Override
        public Integer call() {
            common.applyLogLevel();
            Path auditDir = AuditLog.directory(data.dataDir());
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.exists(AuditLog.file(auditDir))) {
                String text = "no audit log at " + AuditLog.file(auditDir) + " yet: nothing to verify";
                if (common.json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("ok", true);
                    m.put("records", 0);
                    m.put("notes", java.util.List.of(text));
                    JsonLines.print(out, m);
                } else {
                    out.println(text);
                    out.flush();
                }
                return 0;
            }
            Optional<PublicKey> key = Optional.ofNullable(publicKey).map(AuditSigner::readPublicKey);
            VerifyReport report = AuditVerifier.verify(auditDir, key);
            if (common.json) {
                JsonLines.print(out, toJson(report));
            } else {
                printText(out, report);
            }
            return report.ok() ? 0 : 1;
        }

        private static void printText(PrintWriter out, VerifyReport r) {
            if (r.ok()) {
                out.println("audit log intact: " + r.recordsChecked() + " records, " + r.checkpointsChecked()
                        + " signed checkpoints, last record " + r.lastSeq() + " (hash " + r.lastHash() + ")");
            } else {
                VerifyReport.Problem p = r.problem().orElseThrow();
                out.println("audit log NOT intact: " + p.message());
                out.println("  " + r.recordsChecked() + " records and " + r.checkpointsChecked()
                        + " checkpoints before line " + p.line() + " checked out");
            }
            if (r.ok() && r.lastCheckpointSeq() > 0) {
                out.println("last signed checkpoint: record " + r.lastCheckpointSeq() + " (hash "
                        + r.lastCheckpointHash() + ")");
            }
            r.keyId().ifPresent(k -> out.println("signing key id: " + k));
            for (String note : r.notes()) {
                out.println("note: " + note);
            }
            out.flush();
        }

        static Map<String, Object> toJson(VerifyReport r) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", r.ok());
            m.put("records", r.recordsChecked());
            m.put("checkpoints", r.checkpointsChecked());
            m.put("lastSeq", r.lastSeq());
            m.put("lastHash", r.lastHash());
            m.put("lastCheckpointSeq", r.lastCheckpointSeq());
            m.put("lastCheckpointHash", r.lastCheckpointHash());
            m.put("tornTailBytes", r.tornTailBytes());
            r.keyId().ifPresent(k -> m.put("keyId", k));
            r.problem().ifPresent(p -> {
                Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("line", p.line());
                p.seq().ifPresent(s -> pm.put("seq", s));
                pm.put("kind", p.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
                pm.put("message", p.message());
                m.put("problem", pm);
            });
            m.put("notes", r.notes());
            return m;
        }
    }

    /** {@code audit show}: the records that match, as a table or JSON lines. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Show audit records, oldest first: the most recent --limit of those matching.",
                           "TIME is an instant (2026-03-01T10:00:00Z), a date (2026-03-01, midnight UTC) or an age"
                                   + " (2h: two hours ago)."})
    static final class Show extends StateCommand {
        /** Default for {@code --limit}. */
        static final int DEFAULT_LIMIT = 100;




        @Option(names = "--camera", paramLabel = "ID", description = "Only records about this camera.")
        String camera;

        @Option(names = "--agency", paramLabel = "NAME", description = "Only records about this agency.")
        String agency;

        @Option(names = "--type", paramLabel = "T",
                description = "Only records of this type or under it (e.g. stream.session, certificate).")
        String type;

        @Option(names = "--since", paramLabel = "TIME", description = "Only records written at or after TIME.")
        String since;

        @Option(names = "--until", paramLabel = "TIME", description = "Only records written before TIME.")
        String until;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "" + DEFAULT_LIMIT,
                description = "Show at most the N most recent matches (1.." + AuditQuery.MAX_LIMIT
                        + "). Default: ${DEFAULT-VALUE}.")
        int limit;

        /** "Now" for ages given to --since and --until. */
        Supplier<Instant> now = Instant::now;

        @Override
        public Integer call() {
            common.applyLogLevel();
            if (limit < 1 || limit > AuditQuery.MAX_LIMIT) {
                throw new GatewayException("--limit " + limit + " is outside 1.." + AuditQuery.MAX_LIMIT,
                        "e.g. --limit 100");
            }
            AuditQuery.Filter filter = new AuditQuery.Filter(Optional.ofNullable(camera), Optional.ofNullable(agency),
                    Optional.ofNullable(type), time("--since", since, now.get()), time("--until", until, now.get()),
                    limit);
            Path auditDir = AuditLog.directory(data.dataDir());
            PrintWriter out = spec.commandLine().getOut();
            if (!Files.exists(AuditLog.file(auditDir))) {
                if (!common.json) {
                    out.println("no audit log at " + AuditLog.file(auditDir) + " yet");
                    out.flush();
                }
                return 0;
            }
            AuditQuery.Result result = AuditQuery.run(auditDir, filter);
            if (common.json) {
                for (AuditRecord r : result.records()) {
                    out.println(r.toJson());
                }
            } else {
                printTable(out, result);
            }
            out.flush();
            return 0;
        }

        private static void printTable(PrintWriter out, AuditQuery.Result result) {
            if (result.records().isEmpty()) {
                out.println("no matching records");
            } else {
                out.printf("%-6s %-24s %-20s %-14s %-12s %s%n", "SEQ", "TIME", "TYPE", "CAMERA", "AGENCY", "DETAILS");
                for (AuditRecord r : result.records()) {
                    out.printf("%-6d %-24s %-20s %-14s %-12s %s%n", r.seq(), r.time(), r.type(),
                            r.text(AuditFields.CAMERA).orElse("-"), r.text(AuditFields.AGENCY).orElse("-"),
                            summary(r));
                }
            }
            if (result.matched() > result.records().size()) {
                out.println("(showing the last " + result.records().size() + " of " + result.matched()
                        + " matching records; use --limit)");
            }
            if (result.unreadableLines() > 0) {
                out.println("note: " + result.unreadableLines() + " lines are not audit records; run 'cctv-gateway"
                        + " audit verify'");
            }
        }

        /** The other fields as {@code key=value}, shortened to keep the table readable. */
        static String summary(AuditRecord r) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, Object> e : r.fields().entrySet()) {
                if (e.getKey().equals(AuditFields.CAMERA) || e.getKey().equals(AuditFields.AGENCY)
                        || e.getKey().equals(AuditFields.SIGNATURE)) {
                    continue;
                }
                String v = String.valueOf(e.getValue());
                if (v.length() > 20 && e.getKey().toLowerCase(Locale.ROOT).endsWith("hash")) {
                    v = v.substring(0, 12) + "...";
                }
                sb.append(sb.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(v);
            }
            return sb.length() > 110 ? sb.substring(0, 107) + "..." : sb.toString();
        }

        static Optional<Instant> time(String option, String text, Instant now) {
            if (text == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeException e) {
                // Not an instant; try a date, then an age.
            }
            try {
                return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeException e) {
                // Not a date; try an age.
            }
            try {
                return Optional.of(now.minus(HumanDuration.parse(text)));
            } catch (IllegalArgumentException e) {
                throw new GatewayException(option + " '" + text + "' is not an instant, a date or an age",
                        "e.g. " + option + " 2026-03-01T10:00:00Z, " + option + " 2026-03-01 or " + option + " 2h");
            }
        }
    }
}
