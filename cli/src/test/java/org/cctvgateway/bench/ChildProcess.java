package org.cctvgateway.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A process the benchmark started (simulator, gateway, ffmpeg), with its output in files and its
 * CPU time and resident memory read from /proc. Every child is registered so that a JVM shutdown
 * hook can stop the ones still alive, by PID, whatever way the benchmark ends.
 */
final class ChildProcess implements AutoCloseable {
    private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ChildProcess::kill), "bench-children"));
    }

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ChildProcess(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code command} with stdin from /dev/null and stdout/stderr in {@code logDir/name.out|.err}. */
    static ChildProcess start(String name, Path logDir, List<String> command) throws IOException {
        Files.createDirectories(logDir);
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        ChildProcess child = new ChildProcess(name, p, out, err);
        LIVE.add(child);
        return child;
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The lines of standard output so far. */
    List<String> stdoutLines() {
        try {
            return Files.readAllLines(stdout, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The last {@code max} characters of standard error, for failure messages. */
    String stderrTail(int max) {
        try {
            String s = Files.readString(stderr, StandardCharsets.UTF_8);
            return s.length() <= max ? s : "..." + s.substring(s.length() - max);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Waits until standard output has {@code lines} lines; false when the time ran out or the process ended. */
    boolean awaitStdoutLines(int lines, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (stdoutLines().size() >= lines) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** User plus system CPU time in clock ticks (all threads), from /proc/PID/stat. */
    long cpuTicks() {
        return ProcStats.cpuTicks(pid());
    }

    /** Resident set size in bytes, from /proc/PID/status. */
    long rssBytes() {
        return ProcStats.rssBytes(pid());
    }

    /** SIGTERM, then SIGKILL after {@code grace}; bounded. */
    void stop(Duration grace) throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
        LIVE.remove(this);
    }

    private void kill() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(10));
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
