package org.cctvgateway.cli.command;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cctvgateway.GatewayException;
import org.cctvgateway.cli.output.JsonLines;
import org.cctvgateway.registry.Camera;
import org.cctvgateway.registry.CameraState;
import org.cctvgateway.registry.ComplianceSummary;
import org.cctvgateway.registry.Consent;
import org.cctvgateway.registry.Ids;
import org.cctvgateway.registry.RegistryStore;
import org.cctvgateway.registry.RegistryUpdate;
import org.cctvgateway.registry.StreamProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cctv-gateway cameras list|show|suspend|retire|resume}: the enrolled cameras on record, and their
 * state. Passwords are not in the registry (they are in the vault) and never shown.
 */
@Command(name = "cameras", mixinStandardHelpOptions = true,
        description = "List and show enrolled cameras; suspend, resume or retire one.",
        subcommands = {CamerasCommand.ListCameras.class, CamerasCommand.Show.class, CamerasCommand.Suspend.class,
                       CamerasCommand.Resume.class, CamerasCommand.Retire.class})
public final class CamerasCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every subcommand shares: options, output, the store. */
    abstract static class Base implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common = new CommonOptions();

        @Mixin
        DataDirOptions dirs = new DataDirOptions();

        @Override
        public final Integer call() {
            common.applyLogLevel();
            execute(RegistryStore.open(dirs.dataDir()), spec.commandLine().getOut());
            spec.commandLine().getOut().flush();
            return 0;
        }

        abstract void execute(RegistryStore store, PrintWriter out);
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
            Instant now = Instant.now();
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
            Instant now = Instant.now();
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
            Camera c = u.snapshot().camera(id).orElseThrow();
            Instant now = Instant.now();
            String next = c.servableAt(now) ? " It is served to the agencies the access policy allows."
                    : " It is not served yet: " + whyNotServed(c, now) + ".";
            report(out, common.json, u, id, "Camera " + id + " is active." + next,
                    "Camera " + id + " is already active; nothing changed." + next);
        }
    }

    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = "Take a camera out of service for good (kept on record as history; cannot be resumed).")
    static final class Retire extends Base {
        @Parameters(index = "0", paramLabel = "ID", description = "The camera id.")
        String id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, for the record.")
        String reason;

        @Override
        void execute(RegistryStore store, PrintWriter out) {
            RegistryUpdate u = store.setState(Ids.check("camera id", id), CameraState.RETIRED, orEmpty(reason));
            report(out, common.json, u, id, "Camera " + id + " retired: it is no longer served and stays on record "
                    + "as history. To bring the device back, enroll it again under a new --camera-id.",
                    "Camera " + id + " is already retired; nothing changed.");
        }
    }

    static Camera require(RegistryStore store, String id) {
        return store.snapshot().camera(id).orElseThrow(() -> new GatewayException("camera " + id
                + " is not on record", "list the cameras with cctv-gateway cameras list"));
    }

    /** Prints the outcome of a change: the sentence, or one JSON line with what changed. */
    static void report(PrintWriter out, boolean json, RegistryUpdate u, String subject, String changed,
            String unchanged) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("changed", u.changed());
            m.put("action", u.change().map(c -> c.action()).orElse(""));
            m.put("subject", u.change().map(c -> c.subject()).orElse(subject));
            m.put("detail", u.change().map(c -> c.detail()).orElse(""));
            m.put("generation", u.snapshot().generation());
            JsonLines.print(out, m);
        } else {
            out.println(u.changed() ? changed : unchanged);
        }
    }

    static String whyNotServed(Camera c, Instant now) {
        if (c.state() != CameraState.ACTIVE) {
            return "it is " + c.state().label();
        }
        if (c.consent().isEmpty()) {
            return "no consent on record; record it with cctv-gateway enroll ... --sharing MODE --consent-by NAME";
        }
        Consent k = c.consent().get();
        if (k.expiresAt().isPresent() && !now.isBefore(k.expiresAt().get())) {
            return "consent expired on " + k.expiresAt().get() + "; record new consent";
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
