package org.cctvgateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Readings from Linux /proc: CPU time and resident memory of a process, and the clock tick rate. */
final class ProcStats {
    private ProcStats() {
    }

    /** utime + stime of process {@code pid} in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    static long cpuTicks(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state), so field 14 is f[11] and field 15 is f[12].
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** One thread's name (comm) and utime + stime in clock ticks. */
    record ThreadTicks(String name, long ticks) {
    }

    /** Every thread of process {@code pid} by thread id; threads that end while being read are skipped. */
    static Map<Long, ThreadTicks> threadTicks(long pid) {
        Map<Long, ThreadTicks> threads = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                    threads.put(Long.parseLong(task.getFileName().toString()),
                            new ThreadTicks(name, Long.parseLong(f[11]) + Long.parseLong(f[12])));
                } catch (IOException | RuntimeException e) {
                    // The thread ended between the listing and the read.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tasks + " (has the process ended?)", e);
        }
        return threads;
    }

    /** VmRSS of process {@code pid} in bytes. */
    static long rssBytes(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String kb = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
                return Long.parseLong(kb) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS line in /proc/" + pid + "/status");
    }

    /** The 1-minute load average. */
    static double loadAverage() {
        return Double.parseDouble(read(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    /** Clock ticks per second, from {@code getconf CLK_TCK}. */
    static long clockTicksPerSecond() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("getconf CLK_TCK did not answer within 10 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        long ticks = Long.parseLong(out);
        if (ticks <= 0) {
            throw new IOException("getconf CLK_TCK gave " + ticks);
        }
        return ticks;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + " (has the process ended?)", e);
        }
    }
}
