package org.cctvgateway.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Clock;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cctvgateway.rtsp.client.RtspSourceOptions;
import org.cctvgateway.rtsp.client.RtspStreamSource;
import org.slf4j.LoggerFactory;

/**
 * The media-plane benchmark: for each N, N simulated cameras (a separate process looping a 1080p
 * ~4 Mbit/s clip) relayed to M viewers each, first by the gateway ({@code serve}, a separate
 * process, plain RTSP; optionally RTSPS too) and then by one {@code ffmpeg -c copy} process per
 * camera with one RTP output per viewer. Viewers, and one direct subscription per camera used as
 * the latency reference, run in this JVM. Prints a table per N and writes them all to
 * {@code OUT/latest.txt}. Run by {@code bench/run}; see bench/README.md.
 */
public final class RelayBenchmark implements AutoCloseable {
    private static final Duration PROCESS_START = Duration.ofSeconds(60);
    private static final Duration FIRST_FRAMES = Duration.ofSeconds(30);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
    private static final String SITE = "bench";

    private final BenchOptions options;
    private final long ticksPerSecond;
    private final Path javaBin;
    private final Path jcmd;
    private final Path workDir;
    private final Path logDir;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final StringBuilder report = new StringBuilder();

    /** Live heap and RSS of the gateway with no streams. */
    private record Baseline(double heapBytes, long rssBytes) {
    }

    /** CPU and memory over the measured window. */
    private record Window(long startNanos, long endNanos, double relayCpuSeconds, double jitCpuSeconds,
                          double gcCpuSeconds, double simulatorCores, double harnessCores, long relayRssBytes,
                          double loadAverage) {
        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }
    }

    private RelayBenchmark(BenchOptions options) throws IOException, InterruptedException {
        this.options = options;
        this.ticksPerSecond = ProcStats.clockTicksPerSecond();
        Path java = Path.of(ProcessHandle.current().info().command()
                .orElseThrow(() -> new IOException("cannot tell which java runs this JVM")));
        this.javaBin = java;
        this.jcmd = java.resolveSibling("jcmd");
        this.workDir = Files.createTempDirectory("cctv-bench-");
        this.logDir = options.out().resolve("logs");
        Files.createDirectories(logDir);
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException | NullPointerException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.cctvgateway")).setLevel(Level.WARN);
        int code;
        try (RelayBenchmark bench = new RelayBenchmark(options)) {
            code = bench.run();
        }
        System.exit(code);
    }

    private int run() throws Exception {
        header();
        progress("baseline: the gateway with no streams");
        Baseline base = baseline();
        report.append(String.format(Locale.ROOT, "gateway with 0 streams: live heap %.1f MB, RSS %.1f MB%n",
                base.heapBytes() / 1048576.0, base.rssBytes() / 1048576.0));
        int failed = 0;
        for (int n : options.cameras()) {
            List<PhaseResult> rows = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            runN(n, base, rows, failures);
            failed += failures.size();
            String table = ReportTable.format(n, options.viewers(), options.fps(), rows, failures);
            System.out.print(table);
            System.out.flush();
            report.append(table);
            write();
        }
        progress("done; wrote " + options.out().resolve("latest.txt"));
        return failed == 0 ? 0 : 1;
    }

    private void header() throws IOException, InterruptedException {
        long clipBytes = Files.size(options.clip());
        report.append("cctv-gateway media-plane benchmark, ")
                .append(OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS)).append('\n')
                .append(String.format(Locale.ROOT, "machine: %d cores (%s), load %.1f at start; java %s; %s%n",
                        Runtime.getRuntime().availableProcessors(), cpuModel(), ProcStats.loadAverage(),
                        Runtime.version(), firstLine("ffmpeg", "-version")))
                .append(String.format(Locale.ROOT, "clip: %s, %.0f kbit/s at %.0f fps, looped by the simulator%n",
                        options.clip().getFileName(), clipBytes * 8 / 1000.0 / 10.0, options.fps()))
                .append(String.format(Locale.ROOT, "window %d s after %d s warmup; relays ingest RTSP over TCP"
                        + " (interleaved); viewers receive RTP over UDP on 127.0.0.1%n", options.seconds(),
                        options.warmup()))
                .append("CPU s/str-s: CPU seconds of the relay process(es) per camera stream per second;"
                        + " MB/s out: NAL bytes all viewers got;\n"
                        + "p50/p99: added latency, viewer arrival minus direct-from-camera arrival of the same"
                        + " frame; heap/str: live heap after full GC\n"
                        + "minus the 0-stream gateway, per stream; RSS/str: RSS / N; RSS+/str: RSS minus the"
                        + " 0-stream gateway, / N.\n");
        System.out.print(report);
        write();
    }

    private void runN(int n, Baseline base, List<PhaseResult> rows, List<String> failures) throws Exception {
        progress("N=" + n + ": starting " + n + " simulated camera(s)");
        ChildProcess sim = ChildProcess.start("simulator-n" + n, logDir, List.of(javaBin.toString(), "-jar",
                options.jar().toString(), "simulate", "--cameras", Integer.toString(n), "--port", "0", "--clip",
                options.clip().toString(), "--fps", Double.toString(options.fps()), "--json"));
        List<RtspStreamSource> direct = new ArrayList<>();
        try {
            if (!sim.awaitStdoutLines(n, PROCESS_START)) {
                failures.add("simulator did not start " + n + " cameras: " + sim.stderrTail(2000));
                return;
            }
            List<URI> cameras = new ArrayList<>();
            for (String line : sim.stdoutLines().subList(0, n)) {
                cameras.add(URI.create(json.readTree(line).path("url").asText()));
            }
            List<FrameLog> directLogs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                FrameLog log = new FrameLog();
                directLogs.add(log);
                RtspStreamSource s = new RtspStreamSource(receiverOptions(cameras.get(i),
                        RtspSourceOptions.Transport.TCP, false), "direct-" + (i + 1),
                        group, Clock.SYSTEM);
                direct.add(s);
                s.start(new RecordingSink(log));
            }
            int silent = awaitFirstFrames(directLogs);
            if (silent > 0) {
                failures.add(silent + " of " + n + " direct subscriptions got no frame within " + FIRST_FRAMES);
                return;
            }
            phase(failures, "gateway rtsp", () -> rows.add(gatewayPhase(n, cameras, directLogs, sim, base, false)));
            if (options.rtsps()) {
                phase(failures, "gateway rtsps",
                        () -> rows.add(gatewayPhase(n, cameras, directLogs, sim, base, true)));
            }
            phase(failures, "ffmpeg", () -> rows.add(ffmpegPhase(n, cameras, directLogs, sim)));
        } finally {
            closeAll(direct);
            sim.stop(STOP_GRACE);
        }
    }

    private interface Phase {
        void run() throws Exception;
    }

    private void phase(List<String> failures, String name, Phase phase) throws InterruptedException {
        try {
            phase.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            failures.add(name + ": " + e);
            progress(name + " failed: " + e);
        }
    }

    private PhaseResult gatewayPhase(int n, List<URI> cameras, List<FrameLog> direct, ChildProcess sim,
                                     Baseline base, boolean tls) throws Exception {
        String label = tls ? "gateway rtsps/tcp" : "gateway rtsp/udp";
        progress("N=" + n + ": " + label + ", " + n * options.viewers() + " viewer(s)");
        int rtspPort = freeTcpPort();
        int adminPort = freeTcpPort();
        Path config = writeConfig(n, cameras, rtspPort, adminPort, tls);
        ChildProcess gw = ChildProcess.start("gateway-" + (tls ? "rtsps" : "rtsp") + "-n" + n, logDir,
                gatewayCommand(config));
        List<RtspStreamSource> viewers = new ArrayList<>();
        List<RecordingSink> sinks = new ArrayList<>();
        try {
            if (!gw.awaitStdoutLines(n, PROCESS_START)) {
                throw new IllegalStateException("gateway did not list its streams: " + gw.stderrTail(2000));
            }
            String health = awaitHealth(adminPort, n);
            if (!health.isEmpty()) {
                throw new IllegalStateException("gateway streams not up within " + PROCESS_START + ": " + health);
            }
            List<List<FrameLog>> logs = new ArrayList<>();
            List<FrameLog> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<FrameLog> perCamera = new ArrayList<>();
                URI url = URI.create((tls ? "rtsps" : "rtsp") + "://127.0.0.1:" + rtspPort + "/" + SITE + "/cam-"
                        + (i + 1) + "/main");
                for (int v = 0; v < options.viewers(); v++) {
                    FrameLog log = new FrameLog();
                    RecordingSink sink = new RecordingSink(log);
                    RtspStreamSource viewer = new RtspStreamSource(receiverOptions(url, tls
                            ? RtspSourceOptions.Transport.TCP : RtspSourceOptions.Transport.UDP, tls),
                            "viewer-" + (i + 1) + "-" + (v + 1), group, Clock.SYSTEM);
                    viewers.add(viewer);
                    sinks.add(sink);
                    viewer.start(sink);
                    perCamera.add(log);
                    all.add(log);
                }
                logs.add(perCamera);
            }
            String note = silentNote(awaitFirstFrames(all), all.size());
            Thread.sleep(options.warmup() * 1000L);
            Window w = measure(List.of(gw), sim, true);
            double heap = (liveHeapBytes(gw) - base.heapBytes()) / n;
            if (!gw.isAlive()) {
                note = join(note, "the gateway exited: " + gw.stderrTail(500));
            }
            long reconnects = viewers.stream().mapToLong(RtspStreamSource::reconnects).sum()
                    + sinks.stream().mapToLong(RecordingSink::discontinuities).sum();
            closeAll(viewers);
            return summarize(label, n, w, logs, direct, heap, (double) (w.relayRssBytes() - base.rssBytes()) / n,
                    reconnects, note);
        } finally {
            closeAll(viewers);
            gw.stop(STOP_GRACE);
        }
    }

    private PhaseResult ffmpegPhase(int n, List<URI> cameras, List<FrameLog> direct, ChildProcess sim)
            throws Exception {
        progress("N=" + n + ": ffmpeg -c copy, " + n + " process(es), " + n * options.viewers() + " RTP output(s)");
        List<UdpRtpViewer> viewers = new ArrayList<>();
        List<ChildProcess> relays = new ArrayList<>();
        try {
            List<List<FrameLog>> logs = new ArrayList<>();
            List<FrameLog> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                List<FrameLog> perCamera = new ArrayList<>();
                List<String> outputs = new ArrayList<>();
                for (int v = 0; v < options.viewers(); v++) {
                    FrameLog log = new FrameLog();
                    UdpRtpViewer viewer = UdpRtpViewer.bind(group, log);
                    viewers.add(viewer);
                    perCamera.add(log);
                    all.add(log);
                    outputs.add("[f=rtp]rtp://127.0.0.1:" + viewer.port());
                }
                logs.add(perCamera);
                relays.add(ChildProcess.start("ffmpeg-n" + n + "-" + (i + 1), logDir, List.of("ffmpeg", "-nostdin",
                        "-hide_banner", "-loglevel", "error", "-rtsp_transport", "tcp", "-i",
                        cameras.get(i).toString(), "-map", "0:v", "-c", "copy", "-f", "tee",
                        String.join("|", outputs))));
            }
            String note = silentNote(awaitFirstFrames(all), all.size());
            Thread.sleep(options.warmup() * 1000L);
            Window w = measure(relays, sim, false);
            long dead = relays.stream().filter(r -> !r.isAlive()).count();
            if (dead > 0) {
                note = join(note, dead + " ffmpeg process(es) exited: " + relays.stream().filter(r -> !r.isAlive())
                        .findFirst().map(r -> r.stderrTail(300)).orElse(""));
            }
            long malformed = viewers.stream().mapToLong(UdpRtpViewer::malformed).sum();
            if (malformed > 0) {
                note = join(note, malformed + " malformed RTP packet(s)");
            }
            return summarize("ffmpeg -c copy", n, w, logs, direct, Double.NaN, Double.NaN, 0, note);
        } finally {
            for (ChildProcess r : relays) {
                r.stop(STOP_GRACE);
            }
            for (UdpRtpViewer v : viewers) {
                v.close();
            }
        }
    }

    /** CPU over the window; for a JVM relay (one process) also its JIT compiler and GC threads' share. */
    private Window measure(List<ChildProcess> relays, ChildProcess sim, boolean jvm) throws InterruptedException {
        long self = ProcessHandle.current().pid();
        long start = System.nanoTime();
        Map<Long, ProcStats.ThreadTicks> threads0 = jvm ? ProcStats.threadTicks(relays.get(0).pid()) : Map.of();
        long relay0 = relays.stream().mapToLong(ChildProcess::cpuTicks).sum();
        long sim0 = sim.cpuTicks();
        long self0 = ProcStats.cpuTicks(self);
        Thread.sleep(options.seconds() * 1000L);
        long relay1 = relays.stream().filter(ChildProcess::isAlive).mapToLong(ChildProcess::cpuTicks).sum();
        long sim1 = sim.cpuTicks();
        long self1 = ProcStats.cpuTicks(self);
        Map<Long, ProcStats.ThreadTicks> threads1 = jvm && relays.get(0).isAlive()
                ? ProcStats.threadTicks(relays.get(0).pid()) : Map.of();
        long end = System.nanoTime();
        long rss = relays.stream().filter(ChildProcess::isAlive).mapToLong(ChildProcess::rssBytes).sum();
        double seconds = (end - start) / 1e9;
        double tick = ticksPerSecond;
        double jit = jvm ? threadSeconds(threads0, threads1, "C1 Compiler", "C2 Compiler") : Double.NaN;
        double gc = jvm ? threadSeconds(threads0, threads1, "GC Thread", "G1 ", "VM Thread") : Double.NaN;
        return new Window(start, end, (relay1 - relay0) / tick, jit, gc, (sim1 - sim0) / tick / seconds,
                (self1 - self0) / tick / seconds, rss, ProcStats.loadAverage());
    }

    /** CPU seconds over the window of the threads whose name starts with one of {@code prefixes}. */
    private double threadSeconds(Map<Long, ProcStats.ThreadTicks> before, Map<Long, ProcStats.ThreadTicks> after,
                                 String... prefixes) {
        long ticks = 0;
        for (Map.Entry<Long, ProcStats.ThreadTicks> e : after.entrySet()) {
            String name = e.getValue().name();
            if (Arrays.stream(prefixes).anyMatch(name::startsWith)) {
                ProcStats.ThreadTicks was = before.get(e.getKey());
                ticks += e.getValue().ticks() - (was == null ? 0 : was.ticks());
            }
        }
        return (double) ticks / ticksPerSecond;
    }

    private PhaseResult summarize(String system, int n, Window w, List<List<FrameLog>> viewerLogs,
                                  List<FrameLog> direct, double heapPerStream, double rssMarginalPerStream,
                                  long reconnects, String note) {
        long frames = 0;
        long bytes = 0;
        long unmatched = 0;
        long early = 0;
        long[] latencies = new long[1024];
        int matched = 0;
        for (int i = 0; i < n; i++) {
            LatencyMatcher matcher = new LatencyMatcher(direct.get(i).snapshot());
            for (FrameLog log : viewerLogs.get(i)) {
                FrameLog.Snapshot s = log.snapshot();
                for (int f = 0; f < s.frames(); f++) {
                    long t = s.arrivals()[f];
                    if (t < w.startNanos() || t >= w.endNanos()) {
                        continue;
                    }
                    frames++;
                    bytes += s.sizes()[f];
                    long latency = matcher.latency(s.fingerprints()[f], t);
                    if (latency == LatencyMatcher.UNMATCHED) {
                        unmatched++;
                        continue;
                    }
                    if (latency < 0) {
                        early++;
                    }
                    if (matched == latencies.length) {
                        latencies = Arrays.copyOf(latencies, matched * 2);
                    }
                    latencies[matched++] = latency;
                }
            }
        }
        long[] sorted = Arrays.copyOf(latencies, matched);
        Arrays.sort(sorted);
        double expected = (double) n * options.viewers() * options.fps() * w.seconds();
        return new PhaseResult(system, n, options.viewers(), w.seconds(), w.relayCpuSeconds(), w.jitCpuSeconds(),
                w.gcCpuSeconds(), bytes, frames,
                expected, percentileMillis(sorted, 0.50), percentileMillis(sorted, 0.99), matched, early, unmatched,
                heapPerStream, w.relayRssBytes(), rssMarginalPerStream, reconnects, w.simulatorCores(),
                w.harnessCores(), w.loadAverage(), note);
    }

    /** Nearest-rank percentile of sorted nanoseconds, in milliseconds; NaN when empty. */
    static double percentileMillis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    /**
     * The measured gateway's command line: {@code BENCH_GATEWAY_JAVA_OPTS} (split on whitespace), if set, goes
     * before {@code -jar}, e.g. to record a flight recording of the window. The 0-stream baseline gets none.
     */
    private List<String> gatewayCommand(Path config) {
        List<String> command = new ArrayList<>();
        command.add(javaBin.toString());
        String opts = System.getenv("BENCH_GATEWAY_JAVA_OPTS");
        if (opts != null && !opts.isBlank()) {
            command.addAll(Arrays.asList(opts.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", options.jar().toString(), "serve", "--config", config.toString(), "--json"));
        return command;
    }

    private Baseline baseline() throws Exception {
        int rtspPort = freeTcpPort();
        int adminPort = freeTcpPort();
        Path config = writeConfig(0, List.of(), rtspPort, adminPort, false);
        ChildProcess gw = ChildProcess.start("gateway-baseline", logDir, List.of(javaBin.toString(), "-jar",
                options.jar().toString(), "serve", "--config", config.toString(), "--json"));
        try {
            String health = awaitHealth(adminPort, 0);
            if (!health.isEmpty()) {
                throw new IllegalStateException("gateway with no streams did not come up: " + health + "; "
                        + gw.stderrTail(2000));
            }
            Thread.sleep(3000);
            double heap = liveHeapBytes(gw);
            return new Baseline(heap, gw.rssBytes());
        } finally {
            gw.stop(STOP_GRACE);
        }
    }

    private Path writeConfig(int n, List<URI> cameras, int rtspPort, int adminPort, boolean tls) throws IOException {
        Path dataDir = workDir.resolve("data-" + System.nanoTime());
        StringBuilder y = new StringBuilder();
        y.append("dataDir: ").append(dataDir).append('\n')
                .append("server:\n  bind: 127.0.0.1\n  port: ").append(rtspPort).append('\n')
                .append("  tls:\n    enabled: ").append(tls).append('\n')
                .append("  maxSessions: ").append(Math.max(256, n * options.viewers() + 16)).append('\n')
                .append("admin:\n  enabled: true\n  bind: 127.0.0.1\n  port: ").append(adminPort).append('\n');
        if (n == 0) {
            y.append("streams: []\n");
        } else {
            y.append("streams:\n");
            for (int i = 0; i < n; i++) {
                y.append("  - site: ").append(SITE).append('\n')
                        .append("    camera: cam-").append(i + 1).append('\n')
                        .append("    profile: main\n")
                        .append("    url: ").append(cameras.get(i)).append('\n')
                        .append("    transport: tcp\n");
            }
        }
        Path file = workDir.resolve("gateway-" + n + (tls ? "-tls" : "") + ".yaml");
        Files.writeString(file, y.toString(), StandardCharsets.UTF_8);
        return file;
    }

    /** Polls /health until {@code n} streams are streaming (or, for 0, until it answers); "" when up, else why not. */
    private String awaitHealth(int adminPort, int n) throws InterruptedException {
        long deadline = System.nanoTime() + PROCESS_START.toNanos();
        String last = "no answer from /health";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                JsonNode doc = json.readTree(r.body());
                int streaming = 0;
                for (JsonNode s : doc.path("streams")) {
                    if (s.path("state").asText().equals("streaming")) {
                        streaming++;
                    }
                }
                if (streaming >= n) {
                    return "";
                }
                last = streaming + " of " + n + " streaming";
            } catch (IOException e) {
                last = "/health: " + e;
            }
            Thread.sleep(250);
        }
        return last;
    }

    /** Waits until every log has a frame; returns how many have none when the time ran out. */
    private static int awaitFirstFrames(List<FrameLog> logs) throws InterruptedException {
        long deadline = System.nanoTime() + FIRST_FRAMES.toNanos();
        int silent = logs.size();
        while (System.nanoTime() < deadline) {
            silent = (int) logs.stream().filter(l -> l.count() == 0).count();
            if (silent == 0) {
                return 0;
            }
            Thread.sleep(100);
        }
        return silent;
    }

    private static String silentNote(int silent, int total) {
        return silent == 0 ? "" : silent + " of " + total + " viewers had no frame after " + FIRST_FRAMES.toSeconds()
                + " s";
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }

    /** Live heap after a full GC, by jcmd (GC.run, then GC.heap_info); NaN when jcmd fails. */
    private double liveHeapBytes(ChildProcess jvm) throws InterruptedException, IOException {
        String pid = Long.toString(jvm.pid());
        command(List.of(jcmd.toString(), pid, "GC.run"));
        String info = command(List.of(jcmd.toString(), pid, "GC.heap_info"));
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            progress("could not read the heap of " + jvm + " from jcmd: " + info.strip());
            return Double.NaN;
        }
        return Long.parseLong(m.group(1)) * 1024.0;
    }

    private String command(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(workDir, "cmd-", ".out");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            return command.get(0) + " did not finish within 60 s";
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private String firstLine(String... command) throws IOException, InterruptedException {
        String out = command(List.of(command));
        int nl = out.indexOf('\n');
        return nl < 0 ? out.strip() : out.substring(0, nl).strip();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            return "unknown CPU";
        }
        return "unknown CPU";
    }

    /** A receiver of {@code url}; generous timeouts so that a busy machine does not cause reconnects. */
    private static RtspSourceOptions receiverOptions(URI url, RtspSourceOptions.Transport transport, boolean tls) {
        return RtspSourceOptions.defaults(url, "", "")
                .withTransport(transport)
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10),
                        Duration.ofSeconds(10))
                .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(5))
                .withTrustAllTls(tls);
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /** Closes sources in parallel, bounded, so a dead peer cannot hold the benchmark for long. */
    private static void closeAll(List<RtspStreamSource> sources) throws InterruptedException {
        if (sources.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(16, sources.size()));
        try {
            CompletableFuture<?>[] all = sources.stream()
                    .map(s -> CompletableFuture.runAsync(s::close, pool)).toArray(CompletableFuture[]::new);
            try {
                CompletableFuture.allOf(all).get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                progress("closing viewers: " + e);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void write() throws IOException {
        Files.writeString(options.out().resolve("latest.txt"), report.toString(), StandardCharsets.UTF_8);
    }

    private static void progress(String message) {
        System.err.println("bench: " + message);
    }

    @Override
    public void close() throws IOException {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        try (var files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
