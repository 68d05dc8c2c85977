package org.cctvgateway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Clock;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cctvgateway.audit.AuditLog;
import org.cctvgateway.audit.AuditQuery;
import org.cctvgateway.audit.AuditRecord;
import org.cctvgateway.audit.AuditTypes;
import org.cctvgateway.audit.AuditVerifier;
import org.cctvgateway.audit.VerifyReport;
import org.cctvgateway.cli.simulator.CameraSimulator;
import org.cctvgateway.cli.simulator.Clip;
import org.cctvgateway.registry.Camera;
import org.cctvgateway.registry.RegistrySnapshot;
import org.cctvgateway.registry.RegistryStore;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.spi.ProbeTarget;
import org.cctvgateway.testing.ExternalProcess;
import org.cctvgateway.vault.CredentialsVault;
import org.cctvgateway.vault.VaultKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway killed with SIGKILL at random moments: in each round a {@code serve} process runs,
 * ffprobe/ffmpeg sessions watch enrolled cameras through it with an agency's Digest credentials,
 * and {@code enroll} processes put simulated cameras on record one after another; at a random
 * moment the serve process and the enroll process running then are both killed. In about half the
 * rounds that moment is drawn from the last 0.7 s of an enroll's expected run, where it writes the
 * vault, the registry and the audit log (a uniform draw seldom lands there). After every kill
 * the registry loads, the audit log verifies (in process and with {@code audit verify}), and every
 * acknowledged enrollment is in the registry, in the vault and in the audit log, as is the start of
 * every session that played; the next round's processes start on the same data directory. No process
 * output and no file of the data directory holds the camera password in clear.
 *
 * <p>An enrollment counts as acknowledged once its {@code "enrolled": true} line was printed (the
 * command prints it after every write): with exit code 0, or printed just before the kill. The
 * random moments come from one seed, printed in every assertion message; run again with
 * {@code -Ddurability.seed=N} to replay a failure's schedule (process timing still varies).
 */
class DurabilityIT {
    private static final String CAMERA_USER = "admin";
    private static final String CAMERA_PASSWORD = "Durable-Cam-Pw-5183";
    private static final String SITE = "hotel-1";
    private static final int CAMERAS = 4;
    private static final int ROUNDS = 8;
    /** When, after serve is ready, the kill comes: uniformly in this window. */
    private static final long KILL_MIN_MS = 1_500;
    private static final long KILL_MAX_MS = 13_000;
    /** In targeted rounds the kill comes within this long before an enroll is expected to end. */
    private static final Duration TARGET_WINDOW = Duration.ofMillis(700);
    private static final Duration ENROLL_LIMIT = Duration.ofSeconds(90);
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(60);
    private static final Duration SESSION_LIMIT = Duration.ofSeconds(20);
    private static final Duration READY_LIMIT = Duration.ofSeconds(40);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path data;
    private Path config;
    private int rtspPort;
    private String agencyUser;
    private String agencySecret;
    private String seedNote;
    /** Every process output of the run, checked for the camera password at the end. */
    private final List<String> outputs = Collections.synchronizedList(new ArrayList<>());
    /** Enrollments whose "enrolled": true line was printed, in order. */
    private final Set<String> acknowledged = Collections.synchronizedSet(new LinkedHashSet<>());
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger sessionAttempts = new AtomicInteger();
    private final AtomicInteger enrollAttempts = new AtomicInteger();
    private final AtomicInteger enrollsKilled = new AtomicInteger();
    private int kills;
    private int targetedKills;
    /** How long the last enroll that exited 0 ran, start to exit, in nanoseconds; 0 before the first. */
    private volatile long lastEnrollNanos;

    @Test
    void sigkillDuringEnrollmentsAndSessionsNeverBreaksTheRegistryOrAuditLogNorLosesAnAcknowledgedEnrollment()
            throws Exception {
        long seed = Long.getLong("durability.seed", System.nanoTime());
        seedNote = "seed " + seed + " (replay with -Ddurability.seed=" + seed + ")";
        Random random = new Random(seed);
        long started = System.nanoTime();
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (CameraSimulator sim = CameraSimulator.start(CAMERAS, "127.0.0.1", 0, Clip.bundledHd(),
                Optional.of(new Credentials(CAMERA_USER, CAMERA_PASSWORD)),
                new CameraSimulator.OnvifOptions(0, Optional.empty()), group, Clock.SYSTEM)) {
            List<String> targets = sim.cameras().stream().map(c -> {
                URI xaddr = c.onvif().orElseThrow().xaddr();
                return ProbeTarget.of(xaddr.getHost(), xaddr.getPort()).display();
            }).toList();
            setUpDataDirectory();
            for (int round = 1; round <= ROUNDS; round++) {
                runRoundAndKill(round, targets, random);
                checkAfterKill("after the kill of round " + round);
            }
            serveOnceMoreAndWatchAnAcknowledgedCamera();
            checkAfterKill("after the final serve");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        System.out.printf("DurabilityIT: %s; %d rounds, %d kills (%d aimed at an enroll's end, %d hit an enroll), "
                        + "%d enrollments started, %d acknowledged, %d sessions made of %d tried, %d s%n", seedNote,
                ROUNDS, kills, targetedKills, enrollsKilled.get(), enrollAttempts.get(), acknowledged.size(),
                sessions.get(), sessionAttempts.get(), seconds);

        assertThat(unexpected).as("processes that failed without being killed; %s", seedNote).isEmpty();
        assertThat(acknowledged).as("acknowledged enrollments; %s", seedNote).isNotEmpty();
        assertThat(sessions.get()).as("stream sessions that played; %s", seedNote).isPositive();
        assertThat(AuditQuery.run(AuditLog.directory(data), new AuditQuery.Filter(Optional.empty(),
                Optional.empty(), Optional.of(AuditTypes.STREAM_SESSION), Optional.empty(), Optional.empty(),
                AuditQuery.MAX_LIMIT)).matched()).as("stream sessions audited; %s", seedNote).isPositive();
        assertNoPasswordAnywhere();
    }

    private void setUpDataDirectory() throws Exception {
        data = tmp.resolve("data");
        rtspPort = freePort();
        config = tmp.resolve("gw.yaml");
        Files.writeString(config, "server:\n  bind: 127.0.0.1\n  port: " + rtspPort + "\nadmin:\n  enabled: false\n");
        jar("sites", "add", "--data-dir", data.toString(), "--id", SITE, "--name", "Grand Hotel", "--type", "hotel");
        jar("pki", "init", "--data-dir", data.toString());
        ExternalProcess.Result issued = jar("pki", "issue", "--data-dir", data.toString(), "--agency", "police",
                "--json");
        JsonNode line = JSON.readTree(issued.stdout().strip().lines().reduce((a, b) -> b).orElseThrow());
        agencyUser = line.path("digestUser").asText();
        agencySecret = line.path("digestSecret").asText();
        assertThat(agencyUser).as("pki issue --json: %s", issued.stdout()).isNotEmpty();
        assertThat(agencySecret).isNotEmpty();
        Files.writeString(data.resolve("access-policy.yaml"),
                "agencies:\n  - name: police\n    siteTypes: [hotel]\n");
    }

    /** One serve, sessions and a burst of enrollments, until the kill at a random moment. */
    private void runRoundAndKill(int round, List<String> targets, Random random) throws Exception {
        long killAfter = KILL_MIN_MS + (long) (random.nextDouble() * (KILL_MAX_MS - KILL_MIN_MS));
        boolean targeted = random.nextBoolean();
        double beforeEnd = random.nextDouble();
        boolean serveFirst = random.nextBoolean();
        long sessionSeed = random.nextLong();
        ExternalProcess serve = startServe();
        Round r = new Round();
        try {
            awaitReady(serve, "round " + round);
            Thread enrolling = new Thread(() -> enrollUntilStopped(round, targets, r), "enroll-" + round);
            Thread watching = new Thread(() -> watchUntilStopped(new Random(sessionSeed), r), "watch-" + round);
            enrolling.start();
            watching.start();
            if (targeted && lastEnrollNanos > 0) {
                killNearTheEndOfAnEnroll(r, beforeEnd);
                targetedKills++;
            } else {
                Thread.sleep(killAfter);
            }
            // SIGKILL both, in a random order, with nothing in between.
            ExternalProcess.Result served;
            if (serveFirst) {
                served = serve.await(Duration.ZERO);
                stopAndKillEnroll(r);
            } else {
                stopAndKillEnroll(r);
                served = serve.await(Duration.ZERO);
            }
            kills++;
            outputs.add(served.stdout());
            outputs.add(served.stderr());
            if (served.exitCode() != -1) {
                unexpected.add("serve of round " + round + " had ended by itself (exit " + served.exitCode() + "): "
                        + served.stderr());
            }
            enrolling.join(ENROLL_LIMIT.toMillis() + 10_000);
            watching.join(SESSION_LIMIT.toMillis() + 10_000);
            assertThat(enrolling.isAlive() || watching.isAlive()).as("round %d threads ended; %s", round, seedNote)
                    .isFalse();
        } finally {
            serve.close();
        }
    }

    /**
     * Waits for the round's second enroll and sleeps until {@code TARGET_WINDOW * beforeEnd} before the
     * moment the last successful enroll took to finish: where it probes no more but writes the vault,
     * the registry and the audit log, moments that a uniformly random kill seldom hits.
     */
    private void killNearTheEndOfAnEnroll(Round r, double beforeEnd) throws InterruptedException {
        long deadline = System.nanoTime() + ENROLL_LIMIT.toNanos();
        long startedAt;
        while (true) {
            synchronized (r) {
                if (r.current != null && r.number >= 2) {
                    startedAt = r.startedAt;
                    break;
                }
            }
            if (System.nanoTime() > deadline) {
                return;
            }
            Thread.sleep(20);
        }
        long killAt = startedAt + lastEnrollNanos - (long) (TARGET_WINDOW.toNanos() * beforeEnd);
        long wait = killAt - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** What the threads of one round share. */
    private static final class Round {
        boolean stopped;
        ExternalProcess current;
        int number;
        long startedAt;
    }

    /**
     * Stops the round's enrollments and kills the one running, under the round's lock: its thread
     * closes the process (deleting its output files) only after taking the lock.
     */
    private static void stopAndKillEnroll(Round r) throws Exception {
        synchronized (r) {
            r.stopped = true;
            if (r.current != null) {
                r.current.await(Duration.ZERO);
            }
        }
    }

    private void enrollUntilStopped(int round, List<String> targets, Round r) {
        for (int n = 1; ; n++) {
            String id = "cam-r" + round + "-" + n;
            ExternalProcess p;
            synchronized (r) {
                if (r.stopped) {
                    return;
                }
                try {
                    p = ExternalProcess.start(javaJar(env(), "enroll", targets.get(n % targets.size()), "--data-dir",
                            data.toString(), "--site", SITE, "--camera-id", id, "--user", CAMERA_USER,
                            "--password-env", "CAM_PW", "--sharing", "continuous", "--consent-by", "A. Khan",
                            "--sample", "1s", "--no-credential-check", "--accept-warnings", "--json"));
                } catch (IOException e) {
                    unexpected.add("enroll " + id + " did not start: " + e);
                    return;
                }
                r.current = p;
                r.number = n;
                r.startedAt = System.nanoTime();
                enrollAttempts.incrementAndGet();
            }
            try (p) {
                ExternalProcess.Result res = p.await(ENROLL_LIMIT);
                boolean killed;
                synchronized (r) {
                    killed = r.stopped;
                    r.current = null;
                }
                outputs.add(res.stdout());
                outputs.add(res.stderr());
                boolean printed = res.stdout().lines().anyMatch(l -> enrolledLine(l, id));
                if (printed) {
                    acknowledged.add(id);
                }
                if (res.exitCode() == 0) {
                    synchronized (r) {
                        lastEnrollNanos = System.nanoTime() - r.startedAt;
                    }
                }
                if (killed && res.exitCode() != 0) {
                    enrollsKilled.incrementAndGet();
                    return;
                }
                if (res.exitCode() != 0 || !printed) {
                    unexpected.add("enroll " + id + " exited " + res.exitCode() + " (printed enrolled: " + printed
                            + "): " + res.stdout().lines().filter(l -> !l.contains("\"report\"")).collect(
                            Collectors.joining(" ")) + " " + res.stderr());
                    return;
                }
            } catch (Exception e) {
                unexpected.add("enroll " + id + ": " + e);
                return;
            }
        }
    }

    private static boolean enrolledLine(String line, String id) {
        if (!line.startsWith("{")) {
            return false;
        }
        try {
            JsonNode n = JSON.readTree(line);
            return n.path("enrolled").asBoolean(false) && id.equals(n.path("camera").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** Sessions one after another, alternately ffprobe and a 2-second ffmpeg read, on acknowledged cameras. */
    private void watchUntilStopped(Random random, Round r) {
        for (int n = 0; ; n++) {
            synchronized (r) {
                if (r.stopped) {
                    return;
                }
            }
            List<String> cams;
            synchronized (acknowledged) {
                cams = new ArrayList<>(acknowledged);
            }
            if (cams.isEmpty()) {
                sleep(300);
                continue;
            }
            String url = streamUrl(cams.get(random.nextInt(cams.size())));
            List<String> cmd = n % 2 == 0
                    ? List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-show_entries", "stream=codec_name",
                    "-of", "csv", url)
                    : List.of("ffmpeg", "-nostdin", "-v", "error", "-rtsp_transport", "tcp", "-i", url, "-t", "2",
                    "-c", "copy", "-f", "null", "-");
            sessionAttempts.incrementAndGet();
            try {
                ExternalProcess.Result res = ExternalProcess.run(cmd, SESSION_LIMIT);
                outputs.add(res.stdout());
                outputs.add(res.stderr());
                if (res.exitCode() == 0) {
                    sessions.incrementAndGet();
                } else {
                    sleep(300);
                }
            } catch (Exception e) {
                unexpected.add("session on " + url.replace(agencySecret, "***") + ": " + e);
                return;
            }
        }
    }

    private String streamUrl(String cameraId) {
        return "rtsps://" + agencyUser + ":" + agencySecret + "@127.0.0.1:" + rtspPort + "/" + SITE + "/" + cameraId
                + "/main";
    }

    /** A serve after the last kill re-publishes an acknowledged camera: its vault entry still decrypts. */
    private void serveOnceMoreAndWatchAnAcknowledgedCamera() throws Exception {
        assertThat(acknowledged).as("acknowledged enrollments; %s", seedNote).isNotEmpty();
        String camera = new ArrayList<>(acknowledged).get(acknowledged.size() - 1);
        try (ExternalProcess serve = startServe()) {
            awaitReady(serve, "the final serve");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            ExternalProcess.Result probe;
            do {
                sessionAttempts.incrementAndGet();
                probe = ExternalProcess.run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                        "-show_entries", "stream=codec_name", "-of", "csv", streamUrl(camera)), SESSION_LIMIT);
                outputs.add(probe.stdout());
                outputs.add(probe.stderr());
                if (probe.exitCode() != 0) {
                    sleep(500);
                }
            } while (probe.exitCode() != 0 && System.nanoTime() < deadline);
            ExternalProcess.Result served = serve.await(Duration.ZERO);
            kills++;
            outputs.add(served.stdout());
            outputs.add(served.stderr());
            assertThat(probe.exitCode()).as("ffprobe of %s after the last kill: %s; serve: %s; %s", camera,
                    probe.stderr().replace(agencySecret, "***"), served.stderr(), seedNote).isZero();
            sessions.incrementAndGet();
            assertThat(probe.stdout()).contains("h264");
        }
    }

    private void checkAfterKill(String when) throws Exception {
        assertThat(unexpected).as("processes that failed without being killed, %s; %s", when, seedNote).isEmpty();
        Set<String> acked;
        synchronized (acknowledged) {
            acked = new TreeSet<>(acknowledged);
        }
        RegistrySnapshot registry;
        try {
            registry = RegistryStore.load(data.resolve(RegistryStore.FILE_NAME));
        } catch (RuntimeException e) {
            throw new AssertionError("the registry does not load " + when + "; " + seedNote + ": " + e, e);
        }
        Set<String> onRecord = registry.cameras().stream().map(Camera::id).collect(Collectors.toCollection(
                TreeSet::new));
        assertThat(onRecord).as("cameras in the registry %s; %s", when, seedNote).containsAll(acked);

        Path auditDir = AuditLog.directory(data);
        VerifyReport report = AuditVerifier.verify(auditDir, Optional.empty());
        assertThat(report.problem()).as("audit log %s (notes %s); %s", when, report.notes(), seedNote).isEmpty();
        assertThat(report.ok()).isTrue();
        ExternalProcess.Result verify = jar(List.of(0, 1), "audit", "verify", "--data-dir", data.toString());
        assertThat(verify.exitCode()).as("audit verify %s: %s %s; %s", when, verify.stdout(), verify.stderr(),
                seedNote).isZero();

        Set<String> audited = AuditQuery.run(auditDir, new AuditQuery.Filter(Optional.empty(), Optional.empty(),
                        Optional.of(AuditTypes.ENROLLMENT), Optional.empty(), Optional.empty(), AuditQuery.MAX_LIMIT))
                .records().stream().filter(rec -> rec.type().equals(AuditTypes.ENROLLMENT))
                .map(rec -> rec.text("camera").orElse("")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(audited).as("cameras with an enrollment record in the audit log %s; %s", when, seedNote)
                .containsAll(acked);

        try (CredentialsVault vault = CredentialsVault.open(data, new VaultKey.KeyFile(
                data.resolve(CredentialsVault.DIR).resolve(CredentialsVault.KEY_FILE_NAME)))) {
            assertThat(vault.cameraIds()).as("vault entries %s; %s", when, seedNote).containsAll(acked)
                    .as("every camera on record has its password in the vault %s; %s", when, seedNote)
                    .containsAll(onRecord);
            for (String id : acked) {
                assertThat(vault.get(id)).as("vault entry of %s %s; %s", id, when, seedNote)
                        .hasValueSatisfying(c -> assertThat(c.password()).isEqualTo(CAMERA_PASSWORD));
            }
        }
        long started = AuditQuery.run(auditDir, new AuditQuery.Filter(Optional.empty(), Optional.of(agencyUser),
                Optional.of("stream.started"), Optional.empty(), Optional.empty(), AuditQuery.MAX_LIMIT)).matched();
        assertThat(started).as("stream.started records (written before PLAY is answered) vs sessions that played "
                + "%s; %s", when, seedNote).isGreaterThanOrEqualTo(sessions.get());
        Set<String> unaudited = new TreeSet<>(onRecord);
        unaudited.removeAll(audited);
        // The enrollment's audit record is written before the registry: no camera is ever on record without it.
        assertThat(unaudited).as("cameras on record without an enrollment record %s; %s", when, seedNote).isEmpty();
        long leftovers;
        try (Stream<Path> walk = Files.walk(data)) {
            leftovers = walk.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
        }
        System.out.printf("DurabilityIT %s: %d on record, %d acknowledged, %d with an enrollment record, "
                        + "on record without one: %s; audit: %d records, torn tail %d bytes; %d temporary files "
                        + "left by kills%n", when, onRecord.size(), acked.size(), audited.size(), unaudited,
                report.recordsChecked(), report.tornTailBytes(), leftovers);
    }

    private void assertNoPasswordAnywhere() throws IOException {
        synchronized (outputs) {
            assertThat(outputs).as("process outputs; %s", seedNote).isNotEmpty()
                    .noneMatch(o -> o.contains(CAMERA_PASSWORD));
        }
        byte[] secret = CAMERA_PASSWORD.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).contains(data.resolve("vault").resolve("vault.yaml"), data.resolve("registry.yaml"),
                AuditLog.file(AuditLog.directory(data)));
        for (Path f : files) {
            assertThat(indexOf(Files.readAllBytes(f), secret)).as("camera password in clear in %s", f).isEqualTo(-1);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private ExternalProcess startServe() throws IOException {
        // --duration bounds a serve this test would fail to kill.
        return ExternalProcess.start(javaJar(env(), "serve", "--config", config.toString(), "--data-dir",
                data.toString(), "--duration", "300s"));
    }

    /** Waits until the serve process accepts connections on its RTSPS port. */
    private void awaitReady(ExternalProcess serve, String which) throws Exception {
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!serve.isAlive()) {
                ExternalProcess.Result res = serve.await(Duration.ZERO);
                outputs.add(res.stdout());
                outputs.add(res.stderr());
                fail("serve of " + which + " exited " + res.exitCode() + " before it was ready: " + res.stdout()
                        + res.stderr() + "; " + seedNote);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", rtspPort), 500);
                return;
            } catch (IOException notYet) {
                sleep(200);
            }
        }
        ExternalProcess.Result res = serve.await(Duration.ZERO);
        fail("serve of " + which + " did not listen on port " + rtspPort + " within " + READY_LIMIT + ": "
                + res.stdout() + res.stderr() + "; " + seedNote);
    }

    private ProcessBuilder env() {
        ProcessBuilder pb = new ProcessBuilder();
        pb.environment().put("CAM_PW", CAMERA_PASSWORD);
        return pb;
    }

    private static ProcessBuilder javaJar(ProcessBuilder pb, String... args) {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-jar", System.getProperty("cctv.jar")));
        cmd.addAll(List.of(args));
        return pb.command(cmd);
    }

    private ExternalProcess.Result jar(String... args) throws Exception {
        return jar(List.of(0), args);
    }

    /** Runs a short command of the jar and checks its exit code is one of {@code allowed}. */
    private ExternalProcess.Result jar(List<Integer> allowed, String... args) throws Exception {
        try (ExternalProcess p = ExternalProcess.start(javaJar(env(), args))) {
            ExternalProcess.Result res = p.await(COMMAND_LIMIT);
            outputs.add(res.stdout());
            outputs.add(res.stderr());
            assertThat(allowed).as("exit code of %s: %s %s", String.join(" ", args), res.stdout(), res.stderr())
                    .contains(res.exitCode());
            return res;
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
