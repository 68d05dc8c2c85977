package org.cctvgateway.cli.command;

import static org.cctvgateway.cli.command.CamerasCommand.audited;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cctvgateway.GatewayException;
import org.cctvgateway.audit.AuditEvent;
import org.cctvgateway.audit.AuditFields;
import org.cctvgateway.cli.output.JsonLines;
import org.cctvgateway.cli.runtime.AuditTrail;
import org.cctvgateway.config.HumanDuration;
import org.cctvgateway.policy.EmergencyWindow;
import org.cctvgateway.policy.EmergencyWindows;
import org.cctvgateway.registry.Ids;
import org.cctvgateway.registry.RegistryStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cctv-gateway emergency open|close|list}: emergency windows, during which a site's cameras
 * shared "emergency only" are served to the agencies the access policy allows. Every window stays on
 * record in {@code <dataDir>/emergency.yaml}; a running gateway sees a change within a second. A window is
 * opened only for a site on record; opening and closing are written to the audit log
 * ({@code emergency.opened}, {@code emergency.closed}) before the command reports them.
 */
@Command(name = "emergency", mixinStandardHelpOptions = true,
        description = "Open, close and list emergency windows for sites.",
        subcommands = {EmergencyCommand.Open.class, EmergencyCommand.Close.class, EmergencyCommand.ListCmd.class})
public final class EmergencyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code emergency open}. */
    @Command(name = "open", mixinStandardHelpOptions = true,
            description = "Open an emergency window for a site, on record with a reason and a case number.")
    static final class Open extends StateCommand {
        @Option(names = "--site", required = true, paramLabel = "ID", description = "The site's id.")
        String site;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why the window is opened.")
        String reason;

        @Option(names = "--case", required = true, paramLabel = "NUMBER",
                description = "The incident or case reference.")
        String caseNumber;

        @Option(names = "--for", required = true, paramLabel = "DURATION",
                description = "How long it stays open (e.g. 2h; 1m to 7d).")
        String duration;

        @Option(names = "--by", paramLabel = "NAME", description = "Who opens it (recorded with the window).")
        String openedBy;


        @Override
        public Integer call() {
            common.applyLogLevel();
            Duration d = PkiCommand.duration("--for", duration);
            Path dir = data.dataDir();
            Ids.check("site id", site);
            if (RegistryStore.open(dir).snapshot().site(site).isEmpty()) {
                throw new GatewayException("site " + site + " is not on record", "list the sites with "
                        + "cctv-gateway sites list");
            }
            try (AuditTrail audit = new AuditTrail(dir, clock)) {
                EmergencyWindow w = EmergencyWindows.open(dir).open(site, reason, caseNumber, d,
                        Optional.ofNullable(openedBy), clock);
                AuditEvent e = AuditEvent.emergencyOpened(w.siteId(), w.reason(), w.caseNumber(), w.until(),
                        AuditTrail.commandLineActor()).with(AuditFields.WINDOW, w.id());
                audited(audit, w.openedBy().map(b -> e.with("openedBy", b)).orElse(e), "emergency window " + w.id()
                        + " was opened for site " + w.siteId() + " until " + w.until());
                return print(w);
            }
        }

        private int print(EmergencyWindow w) {
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                JsonLines.print(out, json("emergency-opened", w));
            } else {
                out.println("opened emergency window " + w.id() + " for site " + w.siteId() + " until " + w.until()
                        + " (case " + w.caseNumber() + ")");
                out.println("Cameras of " + w.siteId() + " shared emergency-only are now served to the agencies the "
                        + "access policy allows; close it early with: cctv-gateway emergency close --id " + w.id());
            }
            out.flush();
            return 0;
        }
    }

    /** {@code emergency close}. */
    @Command(name = "close", mixinStandardHelpOptions = true,
            description = "Close an emergency window now, by its id or every open one of a site.")
    static final class Close extends StateCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        static final class Target {
            @Option(names = "--id", paramLabel = "ID", description = "The window's id (see emergency list).")
            String id;

            @Option(names = "--site", paramLabel = "ID", description = "Close every open window of this site.")
            String site;
        }


        @Override
        public Integer call() {
            common.applyLogLevel();
            Path dir = data.dataDir();
            EmergencyWindows store = EmergencyWindows.open(dir);
            List<EmergencyWindow> closed = new ArrayList<>();
            if (target.id != null) {
                store.closeById(target.id, clock).ifPresent(closed::add);
            } else {
                closed.addAll(store.closeSite(target.site, clock));
            }
            try (AuditTrail audit = new AuditTrail(dir, clock)) {
                for (EmergencyWindow w : closed) {
                    audited(audit, AuditEvent.emergencyClosed(w.siteId(), w.caseNumber(), "closed by hand before "
                            + w.until()).with(AuditFields.WINDOW, w.id()).with(AuditFields.UNTIL, w.until())
                            .with("windowReason", w.reason()).with(AuditFields.ACTOR, AuditTrail.commandLineActor()),
                            "emergency window " + w.id() + " of site " + w.siteId() + " was closed");
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            for (EmergencyWindow w : closed) {
                if (common.json) {
                    JsonLines.print(out, json("emergency-closed", w));
                } else {
                    out.println("closed emergency window " + w.id() + " for site " + w.siteId() + " (case "
                            + w.caseNumber() + ")");
                }
            }
            if (closed.isEmpty()) {
                String what = target.id != null ? "window " + target.id + " had already ended"
                        : "no emergency window is open for site " + target.site;
                if (common.json) {
                    JsonLines.print(out, Map.of("event", "nothing-closed", "detail", what));
                } else {
                    out.println("nothing closed: " + what);
                }
            }
            out.flush();
            return 0;
        }
    }

    /** {@code emergency list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the emergency windows open now, or all on record with --all.")
    static final class ListCmd extends StateCommand {
        @Option(names = "--all", description = "Include windows that have ended.")
        boolean all;


        @Override
        public Integer call() {
            common.applyLogLevel();
            EmergencyWindows store = EmergencyWindows.open(data.dataDir());
            Instant now = clock.instant();
            List<EmergencyWindow> windows = all ? store.all() : store.active(now);
            PrintWriter out = spec.commandLine().getOut();
            if (common.json) {
                for (EmergencyWindow w : windows) {
                    Map<String, Object> line = json("emergency-window", w);
                    line.remove("event");
                    line.put("open", w.isOpenAt(now));
                    JsonLines.print(out, line);
                }
                return 0;
            }
            if (windows.isEmpty()) {
                out.println(all ? "no emergency windows on record" : "no emergency window is open now");
                out.flush();
                return 0;
            }
            String fmt = "%-12s %-16s %-7s %-20s %-20s %-14s %s%n";
            out.printf(fmt, "ID", "SITE", "STATE", "OPENED", "ENDS", "CASE", "REASON");
            for (EmergencyWindow w : windows) {
                out.printf(fmt, w.id(), w.siteId(), w.isOpenAt(now) ? "open" : "ended", w.opened(), w.end(),
                        w.caseNumber(), w.reason());
            }
            out.flush();
            return 0;
        }
    }

    static Map<String, Object> json(String event, EmergencyWindow w) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        line.put("id", w.id());
        line.put("site", w.siteId());
        line.put("reason", w.reason());
        line.put("case", w.caseNumber());
        line.put("opened", w.opened().toString());
        line.put("until", w.until().toString());
        line.put("duration", HumanDuration.format(Duration.between(w.opened(), w.until())));
        w.openedBy().ifPresent(b -> line.put("openedBy", b));
        w.closedAt().ifPresent(c -> line.put("closedAt", c.toString()));
        return line;
    }
}
