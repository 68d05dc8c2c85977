package org.cctvgateway.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real peer (ffmpeg, ffprobe, openssl, node) for a test with a bounded wait. Output goes
 * to temporary files, so a chatty process never blocks on a full pipe. The process is killed,
 * by its own {@link Process} handle and nothing else, when the wait runs out and at the latest
 * when this is closed.
 */
public final class ExternalProcess implements AutoCloseable {
    /** Exit code, stdout and stderr of a finished process; exit code -1 when it was killed. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private final Process process;
    private final Path out;
    private final Path err;
    private final Path in;

    private ExternalProcess(Process process, Path out, Path err, Path in) {
        this.process = process;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    /** Starts {@code command} with stdin from {@code input} (empty for none). */
    public static ExternalProcess start(List<String> command, String input) throws IOException {
        return start(new ProcessBuilder(command), input);
    }

    /** Starts what {@code builder} describes (its command, environment, directory), with no input. */
    public static ExternalProcess start(ProcessBuilder builder) throws IOException {
        return start(builder, "");
    }

    private static ExternalProcess start(ProcessBuilder builder, String input) throws IOException {
        Path out = Files.createTempFile("external-process", ".out");
        Path err = Files.createTempFile("external-process", ".err");
        Path in = Files.createTempFile("external-process", ".in");
        Files.writeString(in, input, StandardCharsets.UTF_8);
        Process p = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(in.toFile()).start();
        return new ExternalProcess(p, out, err, in);
    }

    /** Starts {@code command} with no input. */
    public static ExternalProcess start(String... command) throws IOException {
        return start(List.of(command), "");
    }

    public static Result run(List<String> command, Duration timeout) throws Exception {
        return run(command, "", timeout);
    }

    public static Result run(List<String> command, String input, Duration timeout) throws Exception {
        try (ExternalProcess p = start(command, input)) {
            return p.await(timeout);
        }
    }

    /** Waits at most {@code timeout}; kills the process if it is still running. */
    public Result await(Duration timeout) throws Exception {
        boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
            kill();
        }
        return new Result(done ? process.exitValue() : -1, Files.readString(out), Files.readString(err));
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            kill();
        }
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        Files.deleteIfExists(in);
    }
}
