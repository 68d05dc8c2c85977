package org.cctvgateway.cli.command;

import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cctvgateway.GatewayException;
import org.cctvgateway.audit.AuditEvent;
import org.cctvgateway.audit.AuditFields;
import org.cctvgateway.audit.AuditTypes;
import org.cctvgateway.cli.output.JsonLines;
import org.cctvgateway.cli.runtime.AgencyGateway;
import org.cctvgateway.cli.runtime.AuditTrail;
import org.cctvgateway.cli.runtime.Enroller;
import org.cctvgateway.cli.runtime.GatewayMetrics;
import org.cctvgateway.cli.runtime.GatewayRuntime;
import org.cctvgateway.cli.runtime.StreamPipeline;
import org.cctvgateway.cli.simulator.CameraSimulator;
import org.cctvgateway.cli.simulator.Clip;
import org.cctvgateway.config.AdminConfig;
import org.cctvgateway.config.GatewayConfig;
import org.cctvgateway.config.ServerConfig;
import org.cctvgateway.internal.AtomicFiles;
import org.cctvgateway.pki.AgencyCertificates;
import org.cctvgateway.pki.GatewayCa;
import org.cctvgateway.policy.AccessPolicy;
import org.cctvgateway.registry.ComplianceSummary;
import org.cctvgateway.registry.Consent;
import org.cctvgateway.registry.Facing;
import org.cctvgateway.registry.GeoPoint;
import org.cctvgateway.registry.RegistryStore;
import org.cctvgateway.registry.SharingMode;
import org.cctvgateway.registry.Site;
import org.cctvgateway.registry.SiteType;
import org.cctvgateway.rtsp.transport.Transports;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.spi.DiscoveryRequest;
import org.cctvgateway.validation.Outcome;
import org.cctvgateway.validation.RuleResult;
import org.cctvgateway.validation.StandardsLoader;
import org.cctvgateway.vault.CredentialsVault;
import org.cctvgateway.vault.VaultKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cctv-gateway demo}: the whole mission on one machine. Three simulated cameras (a hotel
 * lobby, a plaza entrance, a school gate) are discovered, enrolled into three sites with the
 * owners' consent and validated, the school gate failing the baseline standard on resolution; an
 * agency certificate is issued, the passing cameras are re-published over RTSPS with mutual TLS,
 * and the exact commands an operator runs to watch them under that certificate are printed. All
 * of it is recorded in the demo's own data directory, audit log included.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the whole mission on one simulated site.",
                       "Three simulated cameras are discovered, enrolled with consent and validated (one fails),",
                       "an agency certificate is issued, the passing cameras are re-published over RTSPS with",
                       "mutual TLS, and the commands to watch them are printed. Ctrl-C stops."})
public final class DemoCommand implements Callable<Integer> {
    /** The file that marks a data directory as the demo's own, which the next demo may clear. */
    static final String MARKER = ".cctv-gateway-demo";
    static final String AGENCY = "police";
    private static final String CAMERA_USER = "gateway";

    /** One simulated premises and its camera. */
    private record Premises(String site, String name, SiteType type, String camera, GeoPoint location, Facing facing,
                            String consentBy, boolean hd) {
    }

    private static final List<Premises> PREMISES = List.of(
            new Premises("hotel-1", "Grand Plaza Hotel", SiteType.HOTEL, "lobby", new GeoPoint(31.5497, 74.3436),
                    new Facing(135, 90, 8), "R. Ahmed, hotel manager", true),
            new Premises("plaza-1", "Liberty Market Plaza", SiteType.PLAZA, "entrance",
                    new GeoPoint(31.5102, 74.3441), new Facing(270, 60, 15), "S. Malik, plaza administrator", true),
            new Premises("school-1", "Government High School", SiteType.SCHOOL, "gate",
                    new GeoPoint(31.5204, 74.3587), new Facing(0, 70, 10), "N. Iqbal, principal", false));

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--port", defaultValue = "8322",
            description = "RTSPS port of the gateway. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--admin-port", defaultValue = "9464",
            description = "Port of /metrics and /health; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int adminPort;

    @Option(names = "--data-dir", defaultValue = "demo-data",
            description = "The demo's own data directory (registry, vault, PKI, audit log); cleared at the start "
                    + "if an earlier demo made it. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--sample", defaultValue = "3s",
            description = "How long each camera's stream is measured. Default: ${DEFAULT-VALUE}.")
    String sample;

    @Option(names = "--duration", defaultValue = "0s",
            description = "Stop after this long (e.g. 30s); 0s runs until Ctrl-C. Default: ${DEFAULT-VALUE}.")
    String duration;

    @Override
    public Integer call() throws Exception {
        common.applyLogLevel();
        Duration runFor = SimulateCommand.parseDuration(duration);
        Duration window = ValidateCommand.duration("--sample", sample, ValidateCommand.MAX_SAMPLE);
        PrintWriter out = spec.commandLine().getOut();
        java.time.Clock clock = java.time.Clock.systemUTC();
        prepare(dataDir);
        String cameraPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        Credentials login = new Credentials(CAMERA_USER, cameraPassword);
        try (Lifetime life = new Lifetime()) {
            MultiThreadIoEventLoopGroup group = Transports.newEventLoopGroup(0);
            life.own(() -> group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS));
            Optional<NetworkInterface> lo = SimulateCommand.multicastInterface("127.0.0.1");
            CameraSimulator.OnvifOptions onvif = new CameraSimulator.OnvifOptions(0, lo,
                    List.of("time.safecity.local"), Duration.ZERO);
            CameraSimulator hd = life.own(CameraSimulator.start(2, "127.0.0.1", 0, Clip.bundledHd(),
                    Optional.of(login), onvif, group, Clock.SYSTEM));
            CameraSimulator sd = life.own(CameraSimulator.start(1, "127.0.0.1", 0, Clip.bundled(
                    org.cctvgateway.media.Codec.H264), Optional.of(login), onvif, group, Clock.SYSTEM));
            List<CameraSimulator.SimulatedCamera> cameras = new ArrayList<>(hd.cameras());
            cameras.addAll(sd.cameras());
            say(out, "Simulated site: 3 cameras on 127.0.0.1, each behind its own login (Digest and ONVIF).");
            discover(out, lo);

            RegistryStore registry = RegistryStore.open(dataDir);
            AuditTrail audit = life.own(new AuditTrail(dataDir, clock));
            for (Premises p : PREMISES) {
                registry.addSite(new Site(p.site(), p.name(), p.type(), "", p.consentBy(), "", Optional.of(p.location())))
                        .change().ifPresent(c -> audit.record(AuditEvent.registryChange(p.site(), null,
                                Enroller.DEMO_ACTOR, c.detail())));
            }
            GatewayCa ca = GatewayCa.init(dataDir, List.of("localhost", "127.0.0.1"), false, clock);
            audit.record(AuditEvent.of(AuditTypes.PKI_INIT, Map.of(AuditFields.CA_FINGERPRINT, ca.caFingerprint(),
                    AuditFields.ACTOR, Enroller.DEMO_ACTOR)));
            AgencyCertificates agencyCertificates = new AgencyCertificates(dataDir);
            agencyCertificates.writeCrl(clock);
            AgencyCertificates.Issued cert = agencyCertificates.issue(AGENCY, Duration.ofDays(90), Optional.empty(),
                    clock);
            audit.record(AuditEvent.certificateIssued(AGENCY, cert.certificate().serialHex(),
                    cert.certificate().notAfter()).with(AuditFields.ACTOR, Enroller.DEMO_ACTOR));
            Path policy = AccessPolicy.defaultFile(dataDir);
            AtomicFiles.write(policy, ("# Written by cctv-gateway demo: agency police may watch every kind of site.\n"
                    + "agencies:\n  - name: police\n    siteTypes: [hotel, plaza, school]\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), AtomicFiles.Permissions.DEFAULT);
            audit.record(AuditEvent.policyChange(Enroller.DEMO_ACTOR, "access policy written: police may watch "
                    + "hotel, plaza and school sites"));

            say(out, "Enrolling against " + StandardsLoader.DEFAULT + " (each stream measured for "
                    + sample + ", factory-default logins tried)...");
            List<Enroller.Outcome> outcomes = enrollAll(registry, dataDir, audit, group, cameras, login, window);
            audit.close();

            GatewayConfig cfg = new GatewayConfig(dataDir.toString(), new ServerConfig("127.0.0.1", port, null, null,
                    null, null, null, null, null), new AdminConfig(true, "127.0.0.1", adminPort), null, List.of());
            PrometheusMeterRegistry metrics = GatewayMetrics.newRegistry();
            AgencyGateway gateway = life.own(AgencyGateway.start(cfg, dataDir, policy,
                    VaultKey.resolve(Optional.empty(), dataDir), System::getenv, metrics, group, clock));
            awaitStreams(gateway.runtime(), outcomes, Duration.ofSeconds(15));
            report(out, gateway, outcomes, cert);
            life.await(runFor);
        }
        return 0;
    }

    /** Clears a data directory an earlier demo made; refuses one it did not make. */
    static void prepare(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            boolean empty;
            try (Stream<Path> s = Files.list(dir)) {
                empty = s.findAny().isEmpty();
            }
            if (!empty && !Files.exists(dir.resolve(MARKER))) {
                throw new GatewayException("--data-dir " + dir + " holds data the demo did not make",
                        "give the demo a directory of its own, e.g. --data-dir demo-data");
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    if (!p.equals(dir)) {
                        Files.delete(p);
                    }
                }
            }
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MARKER), "made by cctv-gateway demo; the next demo clears this folder\n");
    }

    private void discover(PrintWriter out, Optional<NetworkInterface> lo) throws InterruptedException {
        if (lo.isEmpty()) {
            say(out, "Discovery skipped: the loopback interface has multicast off, so WS-Discovery and mDNS "
                    + "cannot run on it (as root: ip link set lo multicast on). The cameras are enrolled by address.");
            return;
        }
        DiscoverCommand.DeviceTable table = new DiscoverCommand.DeviceTable();
        DiscoverCommand.discoverAll(DiscoverCommand.installedProviders(),
                new DiscoveryRequest(Duration.ofSeconds(4), List.of(), lo, 50), table::add);
        List<DiscoverCommand.Row> rows = table.rows();
        say(out, "Discovery on lo (WS-Discovery and mDNS): " + rows.size() + " camera(s) found.");
        for (DiscoverCommand.Row r : rows) {
            say(out, "    " + (r.vendor + " " + r.model).trim() + " at " + r.hostAndPort() + "  (" + r.howFound() + ")");
        }
    }

    private List<Enroller.Outcome> enrollAll(RegistryStore registry, Path data, AuditTrail audit,
                                             MultiThreadIoEventLoopGroup group,
                                             List<CameraSimulator.SimulatedCamera> cameras, Credentials login,
                                             Duration window) {
        VaultKey key = VaultKey.resolve(Optional.empty(), data);
        CredentialsVault vault = CredentialsVault.open(data, key);
        try {
            Enroller enroller = new Enroller(registry, () -> vault, audit, group, Clock.SYSTEM);
            List<CompletableFuture<Enroller.Outcome>> running = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < PREMISES.size(); i++) {
                Premises p = PREMISES.get(i);
                int onvifPort = cameras.get(i).onvif().orElseThrow().port();
                Enroller.Request request = new Enroller.Request("127.0.0.1:" + onvifPort, p.site(),
                        Optional.of(p.camera()), login, Optional.of(p.location()), Optional.of(p.facing()),
                        Optional.of(new Consent(p.consentBy(), now, SharingMode.CONTINUOUS,
                                Optional.of(now.plus(Duration.ofDays(365))), "demo consent form")),
                        new StandardsLoader().resolve(StandardsLoader.DEFAULT), true, window, Duration.ofSeconds(10),
                        true, ValidateCommand.LOGIN_INTERVAL, Enroller.DEMO_ACTOR);
                running.add(CompletableFuture.supplyAsync(() -> enroller.enroll(request)));
            }
            List<Enroller.Outcome> outcomes = new ArrayList<>();
            for (CompletableFuture<Enroller.Outcome> f : running) {
                outcomes.add(f.join());
            }
            return outcomes;
        } finally {
            vault.close();
        }
    }

    private static void awaitStreams(GatewayRuntime rt, List<Enroller.Outcome> outcomes, Duration limit)
            throws InterruptedException {
        long expected = outcomes.stream().filter(o -> o instanceof Enroller.Enrolled).count();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            List<StreamPipeline> ps = rt.pipelines();
            if (ps.size() >= expected && ps.stream().allMatch(p -> p.hub().streamInfo().isPresent())) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private void report(PrintWriter out, AgencyGateway gateway, List<Enroller.Outcome> outcomes,
                        AgencyCertificates.Issued cert) {
        GatewayRuntime rt = gateway.runtime();
        Path caFile = GatewayCa.caCertificateFile(dataDir);
        String gw = "127.0.0.1:" + rt.rtspPort();
        String connect = launcher() + " connect --agency-cert " + cert.certificateFile() + " --agency-key "
                + cert.keyFile() + " --gateway " + gw + " --gateway-ca " + caFile + " --listen 127.0.0.1:8554";
        String socat = "socat TCP-LISTEN:8555,bind=127.0.0.1,reuseaddr,fork OPENSSL:" + gw + ",cert="
                + cert.certificateFile() + ",key=" + cert.keyFile() + ",cafile=" + caFile;
        for (int i = 0; i < outcomes.size(); i++) {
            Premises p = PREMISES.get(i);
            Enroller.Outcome o = outcomes.get(i);
            String verdict = ComplianceSummary.label(o.report().verdict());
            List<RuleResult> failing = o.report().results().stream().filter(r -> r.outcome() == Outcome.FAIL).toList();
            List<RuleResult> warnings = o.report().results().stream().filter(r -> r.outcome() == Outcome.WARN)
                    .toList();
            String path = p.site() + "/" + p.camera() + "/main";
            Optional<StreamPipeline> pipe = rt.pipelines().stream().filter(x -> x.path().equals(path)).findFirst();
            String url = "rtsps://" + gw + "/" + path;
            String watch = "ffplay -rtsp_transport tcp rtsp://127.0.0.1:8554/" + path;
            if (common.json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("site", p.site());
                line.put("siteType", p.type().label());
                line.put("camera", p.camera());
                line.put("verdict", verdict);
                line.put("enrolled", o instanceof Enroller.Enrolled);
                line.put("failing", failing.stream().map(RuleResult::ruleId).toList());
                line.put("warnings", warnings.stream().map(RuleResult::ruleId).toList());
                if (o instanceof Enroller.Enrolled) {
                    line.put("url", url);
                    line.put("state", pipe.map(x -> x.status().state().name().toLowerCase(Locale.ROOT))
                            .orElse("starting"));
                    line.put("agency", AGENCY);
                    line.put("connect", connect);
                    line.put("watch", watch);
                } else {
                    line.put("reason", ((Enroller.Refused) o).reason());
                    line.put("fix", failing.stream().map(RuleResult::fixHint).toList());
                }
                JsonLines.print(out, line);
                continue;
            }
            out.println();
            out.println(p.name() + " (" + p.type().label() + "), camera " + p.camera() + ": " + verdict.toUpperCase(
                    Locale.ROOT).replace('-', ' '));
            for (RuleResult r : failing) {
                out.println("    FAIL " + r.ruleId() + ": " + r.message());
                out.println("         Fix: " + r.fixHint());
            }
            for (RuleResult r : warnings) {
                out.println("    warn " + r.ruleId() + ": " + r.message());
            }
            if (o instanceof Enroller.Enrolled e) {
                out.println("    enrolled with the consent of " + p.consentBy() + " (sharing continuous, one year); "
                        + "re-published at " + url + pipe.flatMap(x -> x.hub().streamInfo())
                        .map(si -> "  (" + si.codec() + " " + si.width() + "x" + si.height() + ")").orElse(""));
            } else {
                out.println("    NOT enrolled, so never re-published: " + ((Enroller.Refused) o).reason() + ".");
            }
        }
        if (common.json) {
            return;
        }
        out.println();
        out.println("Agency '" + AGENCY + "' certificate (serial " + cert.certificate().serialHex() + ", valid until "
                + cert.certificate().notAfter() + "):");
        out.println("    " + cert.certificateFile() + " and its key " + cert.keyFile());
        out.println("Gateway CA (agencies check the gateway with it): " + caFile + "  SHA-256 " + gateway.caFingerprint());
        out.println();
        out.println("To watch as a Safe City operator of agency '" + AGENCY + "', in another terminal run the "
                + "connector (mutual TLS to the gateway, plain RTSP on 127.0.0.1:8554):");
        out.println("    " + connect);
        out.println("then play a stream:");
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof Enroller.Enrolled) {
                out.println("    ffplay -rtsp_transport tcp rtsp://127.0.0.1:8554/" + PREMISES.get(i).site() + "/"
                        + PREMISES.get(i).camera() + "/main");
            }
        }
        out.println("(or, with socat instead of the connector: " + socat
                + "  and play rtsp://127.0.0.1:8555/... the same way)");
        out.println("A player without the certificate is refused, and the refusal is audited.");
        out.println();
        out.println("Audit log: " + launcher() + " audit show --data-dir " + dataDir + "   and   " + launcher()
                + " audit verify --data-dir " + dataDir);
        rt.adminPort().ifPresent(ap -> out.println("Metrics: http://127.0.0.1:" + ap + "/metrics   Health: "
                + "http://127.0.0.1:" + ap + "/health"));
        out.println("The gateway is running; press Ctrl-C to stop.");
        out.flush();
    }

    /** How the user runs the command line here: the launcher in this folder, or the installed command. */
    private static String launcher() {
        return Files.isExecutable(Path.of("cctv-gateway")) ? "./cctv-gateway" : "cctv-gateway";
    }

    private void say(PrintWriter out, String line) {
        if (!common.json) {
            out.println(line);
            out.flush();
        }
    }
}
