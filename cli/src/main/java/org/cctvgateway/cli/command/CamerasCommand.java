package org.cctvgateway.cli.command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.cctvgateway.GatewayException;
import org.cctvgateway.audit.AuditEvent;
import org.cctvgateway.audit.AuditFields;
import org.cctvgateway.cli.output.JsonLines;
import org.cctvgateway.cli.runtime.AuditTrail;
import org.cctvgateway.registry.Camera;
import org.cctvgateway.registry.CameraState;
import org.cctvgateway.registry.ComplianceSummary;
import org.cctvgateway.registry.Consent;
import org.cctvgateway.registry.Ids;
import org.cctvgateway.registry.RegistryChange;
import org.cctvgateway.registry.RegistryStore;
import org.cctvgateway.registry.RegistryUpdate;
import org.cctvgateway.registry.SharingMode;
import org.cctvgateway.registry.StreamProfile;
import org.cctvgateway.vault.CredentialsVault;
import org.cctvgateway.vault.VaultKey;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cctv-gateway cameras list|show|suspend|resume|retire|consent}: the enrolled cameras on record, their
 * state and the owner's consent. Passwords are not in the registry (they are in the vault) and never shown.
 * Every change is written to the audit log before the command says it is done.
 */
@Command(name = "cameras", mixinStandardHelpOptions = true,
        description = "List and show enrolled cameras; suspend, resume or retire one; record its owner's consent.",
        subcommands = {CamerasCommand.ListCameras.class, CamerasCommand.Show.class, CamerasCommand.Suspend.class,
                       CamerasCommand.Resume.class, CamerasCommand.Retire.class, CamerasCommand.ConsentCmd.class})
public final class CamerasCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * What every subcommand shares: options, output, the store, and the audit trail of this run (opened on
     * first record, closed when the command ends, so a command that changes nothing writes no record).
     */
    abstract static class Base extends StateCommand {
        /** The audit trail while {@link #execute} runs. */
        AuditTrail audit;

        @Override
        public final Integer call() {
            common.applyLogLevel();
            Path dir = data.dataDir();
            try (AuditTrail trail = new AuditTrail(dir, clock)) {
                audit = trail;
                execute(RegistryStore.open(dir, clock), spec.commandLine().getOut());
            } finally {
                audit = null;
            }
            spec.commandLine().getOut().flush();
            return 0;
        }

        abstract void execute(RegistryStore store, PrintWriter out);

        /** Records a registry change made from the command line, before the command says it is done. */
        void recordChange(RegistryChange change, String site, String camera, String details, String done) {
            audited(audit, registryEvent(change.action(), site, camera, details), done);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the cameras on record.")
    static final class ListCameras extends Base {
        @Option(names = "--site", paramLabel = "ID", description = "Only the cameras of this site.")
        String site;

        @Option(names = "--state", paramLabel = "STATE",
                description = "Only cameras in this state: enrolled, active, suspended, retired.")
        String state;

        @Override
        void execute(RegistryStore store, PrintWriter out) {
            Optional<CameraState> wanted = Optional.ofNullable(state).map(CameraState::parse);
            if (site != null && store.snapshot().site(site).isEmpty()) {
                throw new GatewayException("site " + site + " is not on record",
                        "list the sites with cctv-gateway sites list");
            }
            Instant now = clock.instant();
            List<Camera> cameras = store.snapshot().cameras().stream()
                    .filter(c -> site == null || c.siteId().equals(site))
                    .filter(c -> wanted.isEmpty() || c.state() == wanted.get()).toList();
            if (common.json) {
                cameras.forEach(c -> JsonLines.print(out, toMap(c, now)));
                return;
            }
            if (cameras.isEmpty()) {
                out.println(store.snapshot().cameras().isEmpty()
                        ? "No cameras on record. Next: enroll one with cctv-gateway enroll HOST --site ID ..."
                        : "No camera matches.");
                return;
            }
            String fmt = "%-16s %-14s %-10s %-15s %-6s %-22s %s%n";
            out.printf(fmt, "CAMERA", "SITE", "STATE", "SHARING", "SERVED", "ENDPOINT", "MODEL");
            for (Camera c : cameras) {
                out.printf(fmt, c.id(), c.siteId(), c.state().label(),
                        c.consent().map(k -> k.mode().label()).orElse("no consent"), c.servableAt(now) ? "yes" : "no",
                        c.endpoint(), (c.device().vendor() + " " + c.device().model()).strip());
            }
            out.println(cameras.size() + " camera(s). Details: cctv-gateway cameras show ID");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show everything on record about a camera (never its password).")
    static final class Show extends Base {
        @Parameters(index = "0", paramLabel = "ID", description = "The camera id.")
        String id;

        @Override
        void execute(RegistryStore store, PrintWriter out) {
            Camera c = require(store, id);
            Instant now = clock.instant();
            if (common.json) {
                JsonLines.print(out, toMap(c, now));
                return;
            }
            out.println("Camera " + c.id() + " on site " + c.siteId() + ": " + c.state().label()
                    + (c.servableAt(now) ? ", served" : ", not served (" + whyNotServed(c, now) + ")"));
            out.println("  adapter      " + c.adapterId() + " at " + c.endpoint());
            out.println("  device       " + String.join(" / ", List.of(c.device().vendor(), c.device().model(),
                    "firmware " + c.device().firmware(), "serial " + c.device().serial(), "MAC " + c.device().mac())));
            for (StreamProfile p : c.device().profiles()) {
                String role = p.token().equals(c.streams().main()) ? "main"
                        : c.streams().sub().filter(p.token()::equals).isPresent() ? "sub" : "-";
                out.println("  stream " + String.format("%-5s", role) + " " + p.token() + ": " + p.codec() + " "
                        + p.width() + "x" + p.height() + " " + p.fps() + " fps, " + p.streamUri()
                        + (role.equals("-") ? "" : " -> /" + c.siteId() + "/" + c.id() + "/" + role));
            }
            out.println("  location     " + c.location().map(Object::toString).orElse("not given"));
            out.println("  facing       " + c.facing().map(f -> "bearing " + f.bearingDeg() + " deg, field of view "
                    + f.hfovDeg() + " deg, target " + f.distanceM() + " m").orElse("not given"));
            out.println("  consent      " + c.consent().map(CamerasCommand::consentText).orElse("none on record"));
            out.println("  compliance   " + c.compliance().map(k -> ComplianceSummary.label(k.verdict()) + " against "
                    + k.standardId() + " " + k.standardVersion() + " on " + k.time()
                    + (k.failingRules().isEmpty() ? "" : ", failing " + String.join(", ", k.failingRules()))
                    + (k.warningRules().isEmpty() ? "" : ", warnings " + String.join(", ", k.warningRules())))
                    .orElse("not validated"));
            out.println("  enrolled     " + c.enrolledAt() + ", updated " + c.updatedAt());
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true,
            description = "Stop serving a camera for now (it stays on record; resume brings it back).")
    static final class Suspend extends Base {
        @Parameters(index = "0", paramLabel = "ID", description = "The camera id.")
        String id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record.")
        String reason;

        @Override
        void execute(RegistryStore store, PrintWriter out) {
            RegistryUpdate u = store.setState(Ids.check("camera id", id), CameraState.SUSPENDED, orEmpty(reason));
            u.change().ifPresent(c -> recordChange(c, siteOf(u, id), id, c.detail(), "camera " + id
                    + " was suspended"));
            report(out, common.json, u, id, "Camera " + id + " suspended: it is no longer served. "
                    + "Next: cctv-gateway cameras resume " + id + " when it may be served again.",
                    "Camera " + id + " is already suspended; nothing changed.");
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Put a suspended (or newly enrolled) camera back into service.")
    static final class Resume extends Base {
        @Parameters(index = "0", paramLabel = "ID", description = "The camera id.")
        String id;

        @Override
        void execute(RegistryStore store, PrintWriter out) {
            RegistryUpdate u = store.setState(Ids.check("camera id", id), CameraState.ACTIVE, "");
            u.change().ifPresent(c -> recordChange(c, siteOf(u, id), id, c.detail(), "camera " + id
                    + " was made active"));
            Camera c = u.snapshot().camera(id).orElseThrow();
            Instant now = clock.instant();
            String next = c.servableAt(now) ? " It is served to the agencies the access policy allows."
                    : " It is not served yet: " + whyNotServed(c, now) + ".";
            report(out, common.json, u, id, "Camera " + id + " is active." + next,
                    "Camera " + id + " is already active; nothing changed." + next);
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = {"Take a camera out of service for good (kept on record as history; cannot be resumed).",
                           "Its stored password is deleted from the vault. Retiring an already retired camera "
                                   + "deletes a password left behind (when the vault could not be opened before)."})
    static final class Retire extends Base {
        @Parameters(index = "0", paramLabel = "ID", description = "The camera id.")
        String id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record.")
        String reason;

        @Option(names = "--vault-passphrase-env", paramLabel = "VAR",
                description = "Environment variable holding the vault passphrase, when the vault is sealed with "
                        + "one; by default the key file DATA/vault/vault.key opens it.")
        String vaultPassphraseEnv;

        Function<String, String> environment = System::getenv;

        @Override
        void execute(RegistryStore store, PrintWriter out) {
            Ids.check("camera id", id);
            Path dir = data.dataDir();
            boolean hasVault = Files.exists(dir.resolve(CredentialsVault.DIR).resolve(CredentialsVault.FILE_NAME));
            // The key is resolved first, so a missing variable is refused before anything changes.
            VaultKey key = hasVault ? VaultKey.resolve(Optional.ofNullable(vaultPassphraseEnv), dir, environment)
                    : null;
            RegistryUpdate u = store.setState(id, CameraState.RETIRED, orEmpty(reason));
            String site = siteOf(u, id);
            PasswordRemoval removal = hasVault ? removePassword(dir, key) : PasswordRemoval.NONE;
            if (u.change().isPresent()) {
                RegistryChange c = u.change().get();
                String details = c.detail() + (removal.deleted() ? "; stored password deleted from the vault"
                        : removal.failure().map(f -> "; stored password NOT deleted: " + f).orElse(""));
                recordChange(c, site, id, details, "camera " + id + " was retired"
                        + (removal.deleted() ? " and its stored password deleted" : ""));
            } else if (removal.deleted()) {
                audited(audit, registryEvent("vault.remove", site, id,
                        "stored password of the retired camera deleted from the vault"),
                        "the stored password of retired camera " + id + " was deleted");
            }
            String note = removal.failure().map(f -> "note: the stored password of camera " + id + " is still in "
                    + "the vault (" + f + "); delete it later with: cctv-gateway cameras retire " + id
                    + (vaultPassphraseEnv == null ? " --vault-passphrase-env VAR if the vault is sealed with a "
                    + "passphrase, or the same command once " + dir.resolve(CredentialsVault.DIR)
                    .resolve(CredentialsVault.KEY_FILE_NAME) + " is the vault's key file again"
                    : " --vault-passphrase-env " + vaultPassphraseEnv + " once it holds the right passphrase"))
                    .orElse("");
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("vaultEntryDeleted", removal.deleted());
            if (!note.isEmpty()) {
                extra.put("note", note);
            }
            String deleted = removal.deleted() ? " Its stored password was deleted from the vault." : "";
            report(out, common.json, u, id, extra, "Camera " + id + " retired: it is no longer served and stays on "
                    + "record as history. To bring the device back, enroll it again under a new --camera-id."
                    + deleted, "Camera " + id + " is already retired; nothing changed in the registry."
                    + (removal.deleted() ? " Its stored password, left in the vault, was deleted now." : ""));
            if (!note.isEmpty() && !common.json) {
                out.println(note);
            }
        }

        private PasswordRemoval removePassword(Path dir, VaultKey key) {
            try (CredentialsVault vault = CredentialsVault.open(dir, key)) {
                return new PasswordRemoval(vault.remove(id), Optional.empty());
            } catch (GatewayException e) {
                return new PasswordRemoval(false, Optional.of(e.getMessage()));
            }
        }
    }

    @Command(name = "consent", mixinStandardHelpOptions = true,
            description = {"Record or change the owner's consent for a camera, or withdraw it.",
                           "A new consent replaces the one on record; the audit log keeps every one.",
                           "--withdraw records sharing off: who withdrew it (--by, by default the person who "
                                   + "consented) and when, with the consent it replaces named in its note."})
    static final class ConsentCmd extends Base {
        @Parameters(index = "0", paramLabel = "ID", description = "The camera id.")
        String id;

        @Option(names = "--by", paramLabel = "NAME", description = "Who gives (or withdraws) consent: the owner "
                + "or the person responsible.")
        String by;

        @Option(names = "--sharing", paramLabel = "MODE",
                description = "continuous, on-request, emergency-only or off.")
        String sharing;

        @Option(names = "--expires", paramLabel = "DATE|INSTANT", description = "When consent ends: a date "
                + "(2027-12-31: through the end of that day, UTC) or an instant (2027-12-31T18:00:00Z). "
                + "Without it or --for, consent has no expiry.")
        String expires;

        @Option(names = "--for", paramLabel = "DURATION", description = "How long consent lasts from now (e.g. 365d).")
        String forDuration;

        @Option(names = "--note", paramLabel = "TEXT", description = "A reference: a signed form's number, an email.")
        String note;

        @Option(names = "--withdraw", description = "Withdraw consent: sharing becomes off.")
        boolean withdraw;

        @Override
        void execute(RegistryStore store, PrintWriter out) {
            checkOptions();
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            Camera before = require(store, Ids.check("camera id", id));
            Optional<Consent> old = before.consent();
            Consent wanted;
            if (withdraw) {
                if (old.isEmpty() || old.get().mode() == SharingMode.OFF) {
                    report(out, common.json, new RegistryUpdate(store.snapshot(), Optional.empty()), id, "",
                            "Camera " + id + (old.isEmpty() ? " has no consent on record" : " already has sharing off")
                                    + "; nothing to withdraw.");
                    return;
                }
                Consent k = old.get();
                String was = "withdrawn; was " + k.mode().label() + " given by " + k.consentedBy() + " on "
                        + k.consentedAt() + (k.note().isEmpty() ? "" : " (" + k.note() + ")");
                wanted = new Consent(by == null ? k.consentedBy() : by, now, SharingMode.OFF, Optional.empty(),
                        note == null || note.isBlank() ? was : note.strip() + "; " + was);
            } else {
                SharingMode mode = SharingMode.parse(sharing);
                Optional<Instant> until = expiry(now);
                wanted = new Consent(by, now, mode, until, orEmpty(note).strip());
            }
            RegistryUpdate u;
            if (old.isPresent() && sameTerms(old.get(), wanted)) {
                u = new RegistryUpdate(store.snapshot(), Optional.empty());
            } else {
                u = store.recordConsent(id, wanted);
            }
            Camera after = u.snapshot().camera(id).orElseThrow();
            u.change().ifPresent(c -> {
                AuditEvent e = AuditEvent.consent(id, wanted.consentedBy(), wanted.mode().label(),
                        wanted.expiresAt().orElse(null)).with(AuditFields.SITE, after.siteId())
                        .with(AuditFields.ACTOR, AuditTrail.commandLineActor()).with(AuditFields.DETAILS, c.detail());
                if (!wanted.note().isEmpty()) {
                    e = e.with("note", wanted.note());
                }
                audited(audit, withdraw ? e.with("withdrawn", true) : e, "the consent for camera " + id
                        + " was recorded");
            });
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("camera", id);
            extra.put("sharing", wanted.mode().label());
            extra.put("consentBy", wanted.consentedBy());
            extra.put("expiresAt", wanted.expiresAt().map(Instant::toString).orElse(null));
            extra.put("state", after.state().label());
            extra.put("served", after.servableAt(now));
            String next = whatHappensNext(after, now);
            String changed = withdraw ? "Camera " + id + ": consent withdrawn by " + wanted.consentedBy()
                    + "; sharing is off and it is not served. The consent it replaces is kept in its note and in the "
                    + "audit log. To share it again: cctv-gateway cameras consent " + id + " --by NAME --sharing MODE"
                    : wanted.mode() == SharingMode.OFF ? "Camera " + id + " now has sharing off, as "
                    + wanted.consentedBy() + " chose; it is not served."
                    : "Camera " + id + " is now shared " + wanted.mode().label() + " with the consent of "
                    + wanted.consentedBy() + wanted.expiresAt().map(e -> " until " + e).orElse(", with no expiry")
                    + "; " + next;
            report(out, common.json, u, id, extra, changed, "Camera " + id + " already has this consent on record ("
                    + consentText(after.consent().orElseThrow()) + "); nothing changed.");
        }

        private void checkOptions() {
            if (withdraw && (sharing != null || expires != null || forDuration != null)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--withdraw goes without --sharing, --expires and --for");
            }
            if (!withdraw && (by == null || sharing == null)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "give --by NAME and --sharing MODE to record consent, or --withdraw to withdraw it");
            }
            if (expires != null && forDuration != null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--expires and --for both say when consent ends; give one of them");
            }
        }

        private Optional<Instant> expiry(Instant now) {
            Instant until;
            String given;
            if (forDuration != null) {
                Duration d = PkiCommand.duration("--for", forDuration);
                if (d.isZero() || d.isNegative()) {
                    throw new GatewayException("--for " + forDuration + " is not a positive duration",
                            "give how long consent lasts, e.g. --for 365d");
                }
                until = now.plus(d);
                given = "--for " + forDuration;
            } else if (expires != null) {
                until = parseExpiry(expires);
                given = "--expires " + expires;
            } else {
                return Optional.empty();
            }
            if (!until.isAfter(now)) {
                throw new GatewayException(given + " ends consent at " + until + ", which is not in the future",
                        "give a later date, e.g. --expires " + now.atZone(ZoneOffset.UTC).toLocalDate().plusYears(1)
                                + " or --for 365d");
            }
            return Optional.of(until);
        }
    }

    /**
     * Reads a consent expiry: a date means through the end of that day, UTC (the next day's midnight);
     * an instant with an offset is taken as it is.
     */
    static Instant parseExpiry(String text) {
        String t = text.strip();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new GatewayException("--expires '" + text + "' is not a date or an instant",
                    "write a date, 2027-12-31, or an instant with its offset, 2027-12-31T18:00:00Z");
        }
    }

    /** True when two consents say the same thing (who, mode, expiry, note), whenever they were given. */
    static boolean sameTerms(Consent a, Consent b) {
        return a.consentedBy().equals(b.consentedBy()) && a.mode() == b.mode() && a.expiresAt().equals(b.expiresAt())
                && a.note().equals(b.note());
    }

    /** After consent was recorded: whether the camera is served now, and if not, what would serve it. */
    static String whatHappensNext(Camera c, Instant now) {
        String resume = "cctv-gateway cameras resume " + c.id();
        switch (c.state()) {
            case ENROLLED:
                return "it is enrolled but not yet active: " + resume + " activates it.";
            case SUSPENDED:
                return "it stays suspended until " + resume + " brings it back into service.";
            default:
                break;
        }
        SharingMode mode = c.consent().map(Consent::mode).orElse(SharingMode.OFF);
        if (mode == SharingMode.OFF) {
            return "with sharing off it is not served.";
        }
        if (mode == SharingMode.EMERGENCY_ONLY) {
            return "it is served only while an emergency window is open for site " + c.siteId()
                    + " (cctv-gateway emergency open --site " + c.siteId() + " --reason TEXT --case NUMBER --for 2h).";
        }
        return c.servableAt(now) ? "cctv-gateway serve re-publishes it to the agencies the access policy allows."
                : "it is not served: " + whyNotServed(c, now) + ".";
    }

    /**
     * What became of a retired camera's stored password.
     *
     * @param deleted whether an entry was deleted from the vault now
     * @param failure why the vault could not be opened or written, when it could not
     */
    record PasswordRemoval(boolean deleted, Optional<String> failure) {
        static final PasswordRemoval NONE = new PasswordRemoval(false, Optional.empty());

        PasswordRemoval {
            Objects.requireNonNull(failure, "failure");
        }
    }

    static Camera require(RegistryStore store, String id) {
        return store.snapshot().camera(id).orElseThrow(() -> new GatewayException("camera " + id
                + " is not on record", "list the cameras with cctv-gateway cameras list"));
    }

    /** Prints the outcome of a change: the sentence, or one JSON line with what changed. */
    static void report(PrintWriter out, boolean json, RegistryUpdate u, String subject, String changed,
            String unchanged) {
        report(out, json, u, subject, Map.of(), changed, unchanged);
    }

    /** {@link #report(PrintWriter, boolean, RegistryUpdate, String, String, String)} with more JSON fields. */
    static void report(PrintWriter out, boolean json, RegistryUpdate u, String subject, Map<String, Object> extra,
            String changed, String unchanged) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("changed", u.changed());
            m.put("action", u.change().map(c -> c.action()).orElse(""));
            m.put("subject", u.change().map(c -> c.subject()).orElse(subject));
            m.put("detail", u.change().map(c -> c.detail()).orElse(""));
            m.put("generation", u.snapshot().generation());
            m.putAll(extra);
            JsonLines.print(out, m);
        } else {
            out.println(u.changed() ? changed : unchanged);
        }
    }

    /**
     * Writes an audit record and returns once it is on disk. The state change it records has already
     * happened: when the record cannot be written the error says that the change is in effect but not
     * audited (exit 1), so nobody takes the missing record for a missing change.
     *
     * @param done what was changed, in words that complete "..., but", e.g. "camera lobby was suspended"
     */
    static void audited(AuditTrail trail, AuditEvent event, String done) {
        try {
            trail.record(event);
        } catch (RuntimeException e) {
            String why = e instanceof GatewayException g ? g.getMessage()
                    : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            throw new GatewayException(done + " and that change is in effect, but it is NOT audited: the audit "
                    + "record could not be written (" + why + ")", "fix the audit log's folder, run cctv-gateway "
                    + "audit verify, and note this change by hand; do not run the command again", e);
        }
    }

    /** A registry change made from the command line, as an audit event. */
    static AuditEvent registryEvent(String action, String site, String camera, String details) {
        return AuditEvent.registryChange(site, camera, AuditTrail.commandLineActor(), details)
                .with(AuditFields.ACTION, action);
    }

    private static String siteOf(RegistryUpdate u, String cameraId) {
        return u.snapshot().camera(cameraId).map(Camera::siteId).orElse(null);
    }

    static String whyNotServed(Camera c, Instant now) {
        if (c.state() != CameraState.ACTIVE) {
            return "it is " + c.state().label();
        }
        if (c.consent().isEmpty()) {
            return "no consent on record; record it with cctv-gateway cameras consent " + c.id()
                    + " --by NAME --sharing MODE";
        }
        Consent k = c.consent().get();
        if (k.expiresAt().isPresent() && !now.isBefore(k.expiresAt().get())) {
            return "consent expired on " + k.expiresAt().get() + "; record new consent with cctv-gateway cameras "
                    + "consent " + c.id() + " --by NAME --sharing MODE";
        }
        return "sharing is off by the owner's choice";
    }

    static String consentText(Consent k) {
        return "sharing " + k.mode().label() + ", given by " + k.consentedBy() + " on " + k.consentedAt()
                + k.expiresAt().map(e -> ", expires " + e).orElse(", no expiry")
                + (k.note().isEmpty() ? "" : " (" + k.note() + ")");
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Everything on record about a camera as a JSON object (never a password: the registry holds none). */
    static Map<String, Object> toMap(Camera c, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("site", c.siteId());
        m.put("state", c.state().label());
        m.put("served", c.servableAt(now));
        m.put("adapter", c.adapterId());
        m.put("endpoint", c.endpoint());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("vendor", c.device().vendor());
        d.put("model", c.device().model());
        d.put("firmware", c.device().firmware());
        d.put("serial", c.device().serial());
        d.put("hardwareId", c.device().hardwareId());
        d.put("mac", c.device().mac());
        d.put("profiles", c.device().profiles().stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("token", p.token());
            pm.put("name", p.name());
            pm.put("codec", p.codec());
            pm.put("width", p.width());
            pm.put("height", p.height());
            pm.put("fps", p.fps());
            pm.put("streamUri", p.streamUri());
            return pm;
        }).toList());
        m.put("device", d);
        Map<String, Object> roles = new LinkedHashMap<>();
        roles.put("main", c.streams().main());
        roles.put("sub", c.streams().sub().orElse(null));
        m.put("streams", roles);
        m.put("location", c.location().map(SitesCommand::point).orElse(null));
        m.put("facing", c.facing().map(f -> {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("bearingDeg", f.bearingDeg());
            fm.put("hfovDeg", f.hfovDeg());
            fm.put("distanceM", f.distanceM());
            return fm;
        }).orElse(null));
        m.put("consent", c.consent().map(k -> {
            Map<String, Object> km = new LinkedHashMap<>();
            km.put("by", k.consentedBy());
            km.put("at", k.consentedAt().toString());
            km.put("sharing", k.mode().label());
            km.put("expiresAt", k.expiresAt().map(Instant::toString).orElse(null));
            km.put("note", k.note());
            return km;
        }).orElse(null));
        m.put("compliance", c.compliance().map(k -> {
            Map<String, Object> km = new LinkedHashMap<>();
            km.put("standard", k.standardId());
            km.put("version", k.standardVersion());
            km.put("verdict", ComplianceSummary.label(k.verdict()));
            km.put("time", k.time().toString());
            km.put("failing", k.failingRules());
            km.put("warnings", k.warningRules());
            return km;
        }).orElse(null));
        m.put("enrolledAt", c.enrolledAt().toString());
        m.put("updatedAt", c.updatedAt().toString());
        return m;
    }
}
