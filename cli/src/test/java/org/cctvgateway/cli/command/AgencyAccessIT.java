package org.cctvgateway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Clock;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.cctvgateway.cli.simulator.CameraSimulator;
import org.cctvgateway.cli.simulator.Clip;
import org.cctvgateway.pki.AgencyCertificates;
import org.cctvgateway.pki.CertificateIssuer;
import org.cctvgateway.pki.CertificateSpec;
import org.cctvgateway.pki.Pem;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.testing.ExternalProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per-agency access end to end, on the shaded jar and real players: four simulated ONVIF cameras
 * enrolled with consent at a hotel and a school, agencies issued with {@code pki issue}, an access
 * policy (police and coast: hotels; fire: schools only) and one {@code serve} process. ffmpeg plays
 * with an agency's Digest credentials over {@code rtsps://} and through {@code connect} under its
 * certificate; each way of being refused (nothing presented, an expired, revoked or foreign-CA
 * certificate, revoked credentials, an agency or sharing mode the policy does not allow) gets its
 * 401/403 and its {@code access.refused} audit record. A client certificate goes in through socat,
 * since ffmpeg 5.1 presents none over {@code rtsps://} (see FACTS.md).
 *
 * <p>The last test stops the gateway, verifies the audit chain, and searches every process's output
 * and every file the run made for the camera password, the agencies' Digest secrets and the PKCS#12
 * passwords. The tests share the one gateway and run in order; each looks only at the audit records
 * written after it began.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgencyAccessIT {
    private static final String CAMERA_USER = "admin";
    /** Distinctive, so that a leak anywhere shows in a plain text search. */
    private static final String CAMERA_PASSWORD = "Cam-Pw-Quokka-5521-Zx81";
    private static final String POLICE_P12_PASSWORD = "P12-Pw-Wombat-9034-Kd";
    private static final String LOBBY = "hotel-1/lobby/main";
    private static final String BAR = "hotel-1/bar/main";
    private static final String POOL = "hotel-1/pool/main";
    private static final String GATE = "school-1/gate/main";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration CLI_LIMIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static Path data;
    private static MultiThreadIoEventLoopGroup group;
    private static final List<CameraSimulator> cameras = new ArrayList<>();
    /** Everything any process printed, with the secrets it was handed and may repeat. */
    private static final List<Output> outputs = Collections.synchronizedList(new ArrayList<>());
    /** Every secret of the run: camera password, Digest secrets, PKCS#12 passwords. */
    private static final Set<String> secrets = Collections.synchronizedSet(new HashSet<>());
    private static final Map<String, Agency> agencies = new LinkedHashMap<>();
    private static ExternalProcess serve;
    private static int gatewayPort;

    private record Output(String what, String text, Set<String> mayShow) {
    }

    /** An agency as {@code pki issue --json} announced it. */
    private record Agency(String name, String serial, Path cert, Path key, Path p12, String p12Password,
                          String digestSecret) {
    }

    @BeforeAll
    static void enrollCamerasIssueAgenciesAndServe() throws Exception {
        data = tmp.resolve("data");
        secrets.addAll(List.of(CAMERA_PASSWORD, POLICE_P12_PASSWORD));
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        cliOk(Map.of(), "sites", "add", "--data-dir", data.toString(), "--id", "hotel-1", "--name", "Grand Hotel",
                "--type", "hotel");
        cliOk(Map.of(), "sites", "add", "--data-dir", data.toString(), "--id", "school-1", "--name", "Hill School",
                "--type", "school");
        cliOk(Map.of(), "pki", "init", "--data-dir", data.toString());
        agencies.put("police", issue("police", Map.of("P12_PW", POLICE_P12_PASSWORD), "--p12-password-env",
                "P12_PW"));
        agencies.put("fire", issue("fire", Map.of()));
        agencies.put("coast", issue("coast", Map.of()));
        enroll("hotel-1", "lobby", "continuous");
        enroll("hotel-1", "bar", "emergency-only");
        enroll("hotel-1", "pool", "continuous");
        enroll("school-1", "gate", "continuous");
        Files.writeString(data.resolve("access-policy.yaml"), "agencies:\n"
                + "  - name: police\n    siteTypes: [hotel]\n"
                + "  - name: coast\n    siteTypes: [hotel]\n"
                + "  - name: fire\n    siteTypes: [school]\n");
        gatewayPort = freePort();
        Path config = Files.writeString(tmp.resolve("gateway.yaml"), "server:\n  bind: 127.0.0.1\n  port: "
                + gatewayPort + "\nadmin:\n  bind: 127.0.0.1\n  port: " + freePort() + "\n");
        // -v: debug lines (every RTSP request) are searched for secrets too.
        serve = ExternalProcess.start(jar(Map.of(), "serve", "-v", "--config", config.toString(), "--data-dir",
                data.toString(), "--duration", "300s"));
        for (String path : List.of(LOBBY, POOL)) {
            awaitProbe(digestUrl("police", path), r -> r.exitCode() == 0, "police plays " + path);
        }
        awaitProbe(digestUrl("fire", GATE), r -> r.exitCode() == 0, "fire plays " + GATE);
    }

    @AfterAll
    static void stopEverything() throws IOException {
        if (serve != null) {
            serve.close();
        }
        cameras.forEach(CameraSimulator::close);
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void policePlaysWithItsDigestCredentialsOverRtspsAndTheSessionIsAudited() throws Exception {
        long mark = auditMark();
        ExternalProcess.Result play = play(digestUrl("police", LOBBY), Set.of(agencies.get("police").digestSecret));
        assertThat(play.exitCode()).as(play.stderr()).isZero();
        JsonNode session = awaitRecord(mark, "stream.session", f -> f.path("agency").asText().equals("police")
                && f.path("path").asText().equals(LOBBY));
        assertThat(session.path("credential").asText()).isEqualTo("digest police");
        assertThat(session.path("camera").asText()).isEqualTo("lobby");
        assertThat(session.path("site").asText()).isEqualTo("hotel-1");
        assertThat(session.path("bytes").asLong()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"pem", "pkcs12"})
    @Order(2)
    void policePlaysThroughConnectUnderItsCertificateAndTheSessionNamesTheSerial(String form) throws Exception {
        Agency police = agencies.get("police");
        int listen = freePort();
        List<String> args = new ArrayList<>(List.of("connect", "--gateway", "127.0.0.1:" + gatewayPort,
                "--gateway-ca", data.resolve("pki/ca.crt.pem").toString(), "--listen", "127.0.0.1:" + listen,
                "--duration", "60s"));
        args.addAll(form.equals("pem") ? List.of("--agency-cert", police.cert.toString(), "--agency-key",
                police.key.toString()) : List.of("--agency-cert", police.p12.toString(),
                "--agency-cert-password-env", "P12_PW"));
        long mark = auditMark();
        try (ExternalProcess connect = ExternalProcess.start(jar(Map.of("P12_PW", POLICE_P12_PASSWORD),
                args.toArray(String[]::new)))) {
            awaitListening(listen, connect);
            ExternalProcess.Result play = play("rtsp://127.0.0.1:" + listen + "/" + LOBBY, Set.of());
            assertThat(play.exitCode()).as(play.stderr()).isZero();
            stop(connect, "cctv-gateway connect (" + form + ")");
        }
        JsonNode session = awaitRecord(mark, "stream.session", f -> f.path("agency").asText().equals("police")
                && f.path("path").asText().equals(LOBBY));
        assertThat(session.path("certificateSerial").asText()).isEqualTo(police.serial);
        assertThat(session.path("bytes").asLong()).isPositive();
    }

    @Test
    @Order(3)
    void aClientWithNoCertificateAndNoCredentialsIsRefusedWith401AndAudited() throws Exception {
        long mark = auditMark();
        ExternalProcess.Result probe = probe("rtsps://127.0.0.1:" + gatewayPort + "/" + LOBBY, Set.of());
        assertThat(probe.exitCode()).isNotZero();
        assertThat(probe.stderr()).contains("401 Unauthorized");
        JsonNode refusal = awaitRefusal(mark, "no client certificate or credentials presented");
        assertThat(refusal.path("status").asInt()).isEqualTo(401);
        assertThat(refusal.path("path").asText()).isEqualTo(LOBBY);
        assertThat(refusal.path("remote").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    @Order(4)
    void anExpiredCertificateIsRefusedWith403AndAudited() throws Exception {
        // Made with the library on the gateway's own CA, issued two days ago for an hour; through socat,
        // since connect refuses to start with an expired certificate (by design).
        java.time.Clock twoDaysAgo = java.time.Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
        AgencyCertificates.Issued expired = new AgencyCertificates(data).issue("police", Duration.ofHours(1),
                Optional.empty(), twoDaysAgo);
        secrets.add(expired.pkcs12Password());
        String serial = expired.certificate().serialHex();
        long mark = auditMark();
        try (Tunnel tunnel = Tunnel.open(expired.certificateFile(), expired.keyFile())) {
            ExternalProcess.Result probe = probe(tunnel.url(LOBBY), Set.of());
            assertThat(probe.exitCode()).isNotZero();
            assertThat(probe.stderr()).contains("403 Forbidden").contains("certificate serial " + serial + " expired");
        }
        JsonNode refusal = awaitRefusal(mark, "certificate serial " + serial + " expired on");
        assertRefused(refusal, 403, LOBBY);
    }

    @Test
    @Order(5)
    void aRevokedCertificateIsRefusedWith403AndAudited() throws Exception {
        Agency second = issue("police", Map.of(), "--no-credentials");
        try (Tunnel tunnel = Tunnel.open(second.cert, second.key)) {
            ExternalProcess.Result before = probe(tunnel.url(LOBBY), Set.of());
            assertThat(before.exitCode()).as("before revocation: %s", before.stderr()).isZero();
            cliOk(Map.of(), "pki", "revoke", "--data-dir", data.toString(), "--serial", second.serial, "--reason",
                    "laptop stolen");
            long mark = auditMark();
            ExternalProcess.Result after = awaitProbe(tunnel.url(LOBBY), r -> r.exitCode() != 0, "refused");
            assertThat(after.stderr()).contains("403 Forbidden").contains("was revoked");
            JsonNode refusal = awaitRefusal(mark, "certificate serial " + second.serial
                    + " for agency 'police' was revoked");
            assertRefused(refusal, 403, LOBBY);
            assertThat(refusal.path("reason").asText()).contains("laptop stolen");
            // Recorded under the agency the certificate names, so `audit show --agency police` lists it.
            assertThat(refusal.path("agency").asText()).isEqualTo("police");
        }
    }

    /** A CA of another name, and one that borrows the gateway CA's name (only the signature tells). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Foreign CA", "gateway CA's own name"})
    @Order(6)
    void aCertificateFromAForeignCaIsRefusedWith403AndAudited(String caName) throws Exception {
        X509Certificate gatewayCa = Pem.readCertificates(data.resolve("pki/ca.crt.pem")).get(0);
        String cn = caName.equals("Foreign CA") ? caName
                : gatewayCa.getSubjectX500Principal().getName().replaceFirst("^CN=", "");
        CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());
        Instant from = Instant.now().minus(Duration.ofHours(1));
        KeyPair caKeys = issuer.newEcKeyPair();
        X509Certificate ca = issuer.selfSigned(new CertificateSpec(cn, List.of(), List.of(), from,
                Duration.ofDays(30), CertificateSpec.Usage.CA), caKeys);
        KeyPair keys = issuer.newEcKeyPair();
        X509Certificate client = issuer.issue(new CertificateSpec("police", List.of(), List.of(), from,
                Duration.ofDays(30), CertificateSpec.Usage.CLIENT), keys.getPublic(), ca, caKeys.getPrivate());
        Path dir = Files.createDirectories(tmp.resolve("foreign-" + cn.hashCode()));
        Path cert = Files.writeString(dir.resolve("police.crt.pem"), Pem.encode(client) + Pem.encode(ca));
        Path key = Files.writeString(dir.resolve("police.key.pem"), Pem.encode(keys.getPrivate()));
        long mark = auditMark();
        try (Tunnel tunnel = Tunnel.open(cert, key)) {
            ExternalProcess.Result probe = probe(tunnel.url(LOBBY), Set.of());
            assertThat(probe.exitCode()).isNotZero();
            assertThat(probe.stderr()).contains("403 Forbidden").contains("not issued by this gateway's CA");
        }
        JsonNode refusal = awaitRefusal(mark, "certificate is not issued by this gateway's CA (issuer CN=" + cn + ")");
        assertRefused(refusal, 403, LOBBY);
    }

    @Test
    @Order(7)
    void revokedDigestCredentialsAreRefusedWith401AndAuditedAsRevoked() throws Exception {
        String url = digestUrl("coast", LOBBY);
        Set<String> secret = Set.of(agencies.get("coast").digestSecret);
        ExternalProcess.Result before = probe(url, secret);
        assertThat(before.exitCode()).as("before revocation: %s", before.stderr()).isZero();
        cliOk(Map.of(), "pki", "revoke", "--data-dir", data.toString(), "--agency", "coast", "--credentials-only",
                "--reason", "secret shared by mistake");
        long mark = auditMark();
        ExternalProcess.Result after = awaitProbe(url, r -> r.exitCode() != 0, "refused");
        assertThat(after.stderr()).contains("401 Unauthorized");
        JsonNode refusal = awaitRefusal(mark, "the Digest credentials of agency 'coast' were revoked");
        assertRefused(refusal, 401, LOBBY);
        assertThat(refusal.path("agency").asText()).isEqualTo("coast");
    }

    @Test
    @Order(8)
    void anAgencyThePolicyDoesNotAllowIsRefusedWith403NamingThePolicyAndAudited() throws Exception {
        long mark = auditMark();
        ExternalProcess.Result probe = probe(digestUrl("fire", LOBBY), Set.of(agencies.get("fire").digestSecret));
        assertThat(probe.exitCode()).isNotZero();
        assertThat(probe.stderr()).contains("403 Forbidden")
                .contains("agency 'fire' is not allowed site type hotel by the access policy");
        JsonNode refusal = awaitRefusal(mark, "agency 'fire' is not allowed site type hotel by the access policy");
        assertRefused(refusal, 403, LOBBY);
        assertThat(refusal.path("agency").asText()).isEqualTo("fire");
    }

    @Test
    @Order(9)
    void anEmergencyOnlyCameraIsRefusedUntilAnEmergencyWindowIsOpenForItsSite() throws Exception {
        String url = digestUrl("police", BAR);
        Set<String> secret = Set.of(agencies.get("police").digestSecret);
        long mark = auditMark();
        ExternalProcess.Result closed = probe(url, secret);
        assertThat(closed.exitCode()).isNotZero();
        assertThat(closed.stderr()).contains("403 Forbidden").contains("no emergency window is open for site hotel-1");
        assertRefused(awaitRefusal(mark, "camera hotel-1/bar is shared emergency-only and no emergency window is "
                + "open for site hotel-1"), 403, BAR);

        cliOk(Map.of(), "emergency", "open", "--data-dir", data.toString(), "--site", "hotel-1", "--reason",
                "fire alarm in the east wing", "--case", "C-2026-0417", "--for", "10m");
        awaitRecord(mark, "emergency.opened", f -> f.path("site").asText().equals("hotel-1"));
        ExternalProcess.Result open = awaitProbe(url, r -> r.exitCode() == 0, "plays in the window");
        assertThat(open.stdout()).contains("h264,1280,720");
    }

    @Test
    @Order(10)
    void aCameraWhoseConsentIsWithdrawnIsRefusedWith403AndAudited() throws Exception {
        String url = digestUrl("police", POOL);
        Set<String> secret = Set.of(agencies.get("police").digestSecret);
        ExternalProcess.Result before = probe(url, secret);
        assertThat(before.exitCode()).as("before withdrawal: %s", before.stderr()).isZero();
        cliOk(Map.of(), "cameras", "consent", "pool", "--data-dir", data.toString(), "--withdraw", "--by",
                "A. Khan");
        long mark = auditMark();
        ExternalProcess.Result after = awaitProbe(url, r -> r.exitCode() != 0, "refused");
        assertThat(after.stderr()).contains("403 Forbidden").contains("sharing to off");
        assertRefused(awaitRefusal(mark, "the owner set sharing to off for camera hotel-1/pool"), 403, POOL);
    }

    @Test
    @Order(11)
    void theAuditLogVerifiesAndNoSecretIsInAnyOutputOrFileButTheVault() throws Exception {
        stop(serve, "cctv-gateway serve");
        cliOk(Map.of(), "audit", "verify", "--data-dir", data.toString());
        assertThat(outputs).hasSizeGreaterThan(20);
        for (Output o : outputs) {
            for (String s : secrets) {
                if (!o.mayShow.contains(s)) {
                    assertThat(o.text).as("output of %s", o.what).doesNotContain(s);
                }
            }
        }
        Path vault = data.resolve("vault/vault.yaml");
        assertThat(vault).isNotEmptyFile();
        List<Path> files;
        try (Stream<Path> all = Files.walk(tmp)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertThat(files).contains(vault, data.resolve("registry.yaml"), data.resolve("audit/audit.log"));
        for (Path file : files) {
            // The vault holds the camera password, but encrypted: not in clear there either.
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String s : secrets) {
                assertThat(text).as("file %s", tmp.relativize(file)).doesNotContain(s);
            }
        }
    }

    // ---- the command line and the players ----

    private static ProcessBuilder jar(Map<String, String> env, String... args) {
        String jar = System.getProperty("cctv.jar");
        assertThat(jar).as("system property cctv.jar (the shaded jar)").isNotNull();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        return pb;
    }

    /** Runs a command to its end and keeps its output for the secrets check; it may show {@code mayShow}. */
    private static ExternalProcess.Result cli(Map<String, String> env, Set<String> mayShow, String... args)
            throws Exception {
        try (ExternalProcess p = ExternalProcess.start(jar(env, args))) {
            ExternalProcess.Result r = p.await(CLI_LIMIT);
            outputs.add(new Output("cctv-gateway " + String.join(" ", args), r.stdout() + r.stderr(), mayShow));
            return r;
        }
    }

    private static ExternalProcess.Result cliOk(Map<String, String> env, String... args) throws Exception {
        ExternalProcess.Result r = cli(env, Set.of(), args);
        assertThat(r.exitCode()).as("cctv-gateway %s: %s%s", String.join(" ", args), r.stdout(), r.stderr())
                .isZero();
        return r;
    }

    /**
     * {@code pki issue --json}: the one output meant to show the agency's Digest secret and a generated
     * PKCS#12 password, once; it may show those two and is still searched for every other secret.
     */
    private static Agency issue(String agency, Map<String, String> env, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("pki", "issue", "--data-dir", data.toString(), "--agency",
                agency, "--json"));
        args.addAll(List.of(extra));
        ExternalProcess.Result r;
        try (ExternalProcess p = ExternalProcess.start(jar(env, args.toArray(String[]::new)))) {
            r = p.await(CLI_LIMIT);
        }
        assertThat(r.exitCode()).as("pki issue %s: %s", agency, r.stderr()).isZero();
        JsonNode j = JSON.readTree(r.stdout());
        String p12Password = j.has("pkcs12Password") ? j.path("pkcs12Password").asText() : POLICE_P12_PASSWORD;
        Agency a = new Agency(agency, j.path("serial").asText(), Path.of(j.path("certificate").asText()),
                Path.of(j.path("key").asText()), Path.of(j.path("pkcs12").asText()), p12Password,
                j.path("digestSecret").asText(null));
        Set<String> shown = new HashSet<>(Set.of(p12Password));
        if (a.digestSecret != null) {
            shown.add(a.digestSecret);
            secrets.add(a.digestSecret);
        }
        secrets.add(p12Password);
        outputs.add(new Output("cctv-gateway pki issue --agency " + agency, r.stdout() + r.stderr(), shown));
        return a;
    }

    private static void enroll(String site, String camera, String sharing) throws Exception {
        CameraSimulator sim = CameraSimulator.start(1, "127.0.0.1", 0, Clip.bundledHd(),
                Optional.of(new Credentials(CAMERA_USER, CAMERA_PASSWORD)),
                new CameraSimulator.OnvifOptions(0, Optional.empty()), group, Clock.SYSTEM);
        cameras.add(sim);
        java.net.URI xaddr = sim.cameras().get(0).onvif().orElseThrow().xaddr();
        cliOk(Map.of("CAM_PW", CAMERA_PASSWORD), "enroll", xaddr.getHost() + ":" + xaddr.getPort(), "--data-dir",
                data.toString(), "--site", site, "--camera-id", camera, "--user", CAMERA_USER, "--password-env",
                "CAM_PW", "--sharing", sharing, "--consent-by", "A. Khan", "--sample", "2s", "--accept-warnings",
                "--no-credential-check");
    }

    private static String digestUrl(String agency, String path) {
        return "rtsps://" + agency + ":" + agencies.get(agency).digestSecret + "@127.0.0.1:" + gatewayPort + "/"
                + path;
    }

    /** ffmpeg plays 3 s and throws the picture away; exit 0 when it got that far. */
    private static ExternalProcess.Result play(String url, Set<String> mayShow) throws Exception {
        return player(List.of("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-t", "3", "-i", url,
                "-f", "null", "-"), mayShow);
    }

    private static ExternalProcess.Result probe(String url, Set<String> mayShow) throws Exception {
        return player(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-show_entries",
                "stream=codec_name,width,height", "-of", "csv", url), mayShow);
    }

    /** Players repeat the URL they were given, Digest secret included, in their errors: that one they may show. */
    private static ExternalProcess.Result player(List<String> command, Set<String> mayShow) throws Exception {
        ExternalProcess.Result r = ExternalProcess.run(command, Duration.ofSeconds(30));
        outputs.add(new Output(command.get(0), r.stdout() + r.stderr(), mayShow));
        return r;
    }

    /** Probes until {@code done} holds (a change on disk reaches the gateway within about a second). */
    private static ExternalProcess.Result awaitProbe(String url, Predicate<ExternalProcess.Result> done, String what)
            throws Exception {
        Set<String> mayShow = url.startsWith("rtsps://") && url.contains("@")
                ? Set.of(url.substring(url.indexOf(':', 8) + 1, url.indexOf('@'))) : Set.of();
        long deadline = System.nanoTime() + WAIT.toNanos();
        ExternalProcess.Result last;
        do {
            last = probe(url, mayShow);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(300);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(what + " not within " + WAIT + "; last ffprobe: exit " + last.exitCode() + ", "
                + last.stderr());
    }

    private static void awaitListening(int port, ExternalProcess process) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("nothing listening on 127.0.0.1:" + port + " within " + WAIT + ": "
                + process.await(Duration.ZERO).stderr());
    }

    /** Stops a long-running process with SIGTERM (by its own pid) and keeps its output. */
    private static void stop(ExternalProcess process, String what) throws Exception {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        ExternalProcess.Result r = process.await(Duration.ofSeconds(15));
        outputs.add(new Output(what, r.stdout() + r.stderr(), Set.of()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /**
     * socat in front of the gateway presenting a client certificate, for ffprobe, which cannot over
     * {@code rtsps://}; it does not check the gateway's certificate, which is not what is tested here.
     */
    private record Tunnel(ExternalProcess process, int port, Path log) implements AutoCloseable {
        static Tunnel open(Path cert, Path key) throws Exception {
            int port = freePort();
            Path log = Files.createTempFile(tmp, "socat", ".log");
            ExternalProcess p = ExternalProcess.start("socat", "-d", "-d", "-lf", log.toString(),
                    "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork",
                    "OPENSSL:127.0.0.1:" + gatewayPort + ",cert=" + cert + ",key=" + key + ",verify=0");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!Files.readString(log).contains("listening on")) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    p.close();
                    throw new AssertionError("socat not listening within " + WAIT + ": " + Files.readString(log));
                }
                Thread.sleep(50);
            }
            return new Tunnel(p, port, log);
        }

        String url(String path) {
            return "rtsp://127.0.0.1:" + port + "/" + path;
        }

        @Override
        public void close() throws IOException {
            process.close();
            outputs.add(new Output("socat", Files.readString(log), Set.of()));
        }
    }

    // ---- the audit log, read as the file it is ----

    private static List<JsonNode> auditRecords() throws IOException {
        Path file = data.resolve("audit/audit.log");
        String text = Files.exists(file) ? Files.readString(file) : "";
        String complete = text.substring(0, text.lastIndexOf('\n') + 1);
        List<JsonNode> records = new ArrayList<>();
        for (String line : complete.split("\n")) {
            if (!line.isBlank()) {
                records.add(JSON.readTree(line));
            }
        }
        return records;
    }

    /** The sequence number of the last record so far; a test looks only at records after it. */
    private static long auditMark() throws IOException {
        List<JsonNode> all = auditRecords();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).path("seq").asLong();
    }

    /** The fields of the first record of {@code type} after {@code mark} that {@code match} accepts. */
    private static JsonNode awaitRecord(long mark, String type, Predicate<JsonNode> match) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<JsonNode> after;
        do {
            after = auditRecords().stream().filter(r -> r.path("seq").asLong() > mark).toList();
            for (JsonNode r : after) {
                if (r.path("type").asText().equals(type) && match.test(r.path("fields"))) {
                    return r.path("fields");
                }
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("no matching " + type + " record after seq " + mark + " within " + WAIT
                + "; records since: " + after);
    }

    private static JsonNode awaitRefusal(long mark, String reason) throws Exception {
        return awaitRecord(mark, "access.refused", f -> f.path("reason").asText().contains(reason));
    }

    private static void assertRefused(JsonNode refusal, int status, String camera) {
        assertThat(refusal.path("status").asInt()).as("status in %s", refusal).isEqualTo(status);
        assertThat(refusal.path("path").asText()).as("path in %s", refusal).isEqualTo(camera);
        assertThat(refusal.path("remote").asText()).as("remote in %s", refusal).isEqualTo("127.0.0.1");
        assertThat(refusal.path("method").asText()).as("method in %s", refusal).isNotEmpty();
    }
}
