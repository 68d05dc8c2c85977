package org.cctvgateway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.audit.AuditEvent;
import org.cctvgateway.audit.AuditLog;
import org.cctvgateway.audit.AuditSigner;
import org.cctvgateway.audit.AuditVerifier;

/**
 * What a durable audit record costs: appends per second and latency of {@link AuditLog#append}
 * (each acknowledged only once on disk) with 1, 2, 4, 8 and 16 threads appending stream-session
 * records at once, and how many fsyncs group commit needed; then how fast {@link AuditVerifier}
 * checks the whole log. Prints one table to standard output.
 *
 * <p>Run: {@code java -cp cli/target-bench/test-classes:cli/target-bench/cctv-gateway.jar
 * org.cctvgateway.bench.AuditLogBenchmark [DIR] [RECORDS-PER-THREAD]} (DIR on the disk to measure;
 * a temporary folder by default).
 */
public final class AuditLogBenchmark {
    private AuditLogBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path base = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("audit-bench");
        int perThread = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        System.out.printf("%-8s %10s %12s %10s %10s %10s%n", "threads", "records", "appends/s", "fsyncs",
                "p50 ms", "p99 ms");
        for (int threads : new int[] {1, 2, 4, 8, 16}) {
            Path dir = Files.createDirectories(base.resolve("t" + threads));
            run(dir, threads, perThread);
        }
        Path dir = base.resolve("t16");
        long t0 = System.nanoTime();
        var report = AuditVerifier.verify(dir, java.util.Optional.empty());
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("verify: %d records, %d checkpoints in %.3f s (%.0f records/s), ok=%s%n",
                report.recordsChecked(), report.checkpointsChecked(), seconds, report.recordsChecked() / seconds,
                report.ok());
    }

    private static void run(Path dir, int threads, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long[][] latencies = new long[threads][perThread];
        try (AuditLog log = AuditLog.open(dir, AuditSigner.loadOrCreate(dir, new SecureRandom()), Clock.systemUTC(),
                AuditLog.Options.defaults())) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        Instant now = Instant.now();
                        long a = System.nanoTime();
                        log.append(AuditEvent.streamSession("police", "5A1B2C3D4E5F", "lobby", now, now, 151_672L)
                                .with("path", "hotel-1/lobby/main").with("remote", "10.0.0." + thread));
                        latencies[thread][i] = System.nanoTime() - a;
                    }
                    return null;
                }));
            }
            long syncsBefore = log.syncs();
            long t0 = System.nanoTime();
            start.countDown();
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf("%-8d %10d %12.0f %10d %10.2f %10.2f%n", threads, all.length, all.length / seconds,
                    log.syncs() - syncsBefore, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
        } finally {
            pool.shutdownNow();
        }
    }
}
