package org.cctvgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes on one log: one is killed with SIGKILL in the middle of a burst while another
 * process and this one keep appending. Every acknowledged record must survive and the log must verify.
 */
class AuditLogProcessTest {
    @TempDir
    Path tmp;

    @Test
    void writersInSeveralProcessesKeepOneChainAndAKilledOneLosesNothingAcknowledged() throws Exception {
        Path dir = tmp.resolve("audit");
        AuditFixture.signer(dir);
        Process killed = child(dir, 1_000_000, "killed");
        Process finishing = child(dir, 40, "finishing");
        try (AuditLog log = AuditLog.open(dir, AuditFixture.signer(dir), new AuditFixture.TickingClock(),
                new AuditLog.Options(10))) {
            for (int i = 1; i <= 40; i++) {
                log.append("test.append", Map.of("writer", "parent", "i", i));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (acknowledged("killed").size() < 30 && killed.isAlive() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            killed.destroyForcibly();
            assertThat(killed.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(finishing.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(finishing.exitValue()).as(Files.readString(tmp.resolve("finishing.err"))).isZero();
            log.append("test.append", Map.of("writer", "parent", "i", 41));
        } finally {
            killed.destroyForcibly();
            finishing.destroyForcibly();
        }
        List<String> ackKilled = acknowledged("killed");
        assertThat(ackKilled).hasSizeGreaterThanOrEqualTo(30);
        VerifyReport report = AuditVerifier.verify(dir, Optional.empty());
        assertThat(report.ok()).as("%s", report.problem()).isTrue();
        Map<Long, String> writers = new HashMap<>();
        for (AuditRecord r : AuditQuery.run(dir, new AuditQuery.Filter(Optional.empty(), Optional.empty(),
                Optional.of("test.append"), Optional.empty(), Optional.empty(), AuditQuery.MAX_LIMIT)).records()) {
            writers.put(r.seq(), (String) r.fields().get("writer"));
        }
        for (String seq : ackKilled) {
            assertThat(writers.get(Long.parseLong(seq))).as("acknowledged record %s", seq).isEqualTo("killed");
        }
        for (String seq : acknowledged("finishing")) {
            assertThat(writers.get(Long.parseLong(seq))).isEqualTo("finishing");
        }
        assertThat(writers.values().stream().filter("finishing"::equals)).hasSize(40);
        assertThat(writers.values().stream().filter("parent"::equals)).hasSize(41);
    }

    private Process child(Path dir, int count, String writer) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AuditAppender.class.getName(),
                dir.toString(), Integer.toString(count), writer)
                .redirectOutput(tmp.resolve(writer + ".out").toFile())
                .redirectError(tmp.resolve(writer + ".err").toFile())
                .redirectInput(new File("/dev/null"))
                .start();
    }

    private List<String> acknowledged(String writer) throws Exception {
        Path out = tmp.resolve(writer + ".out");
        if (!Files.exists(out)) {
            return List.of();
        }
        // A line without its '\n' may be cut mid-number: only whole lines count.
        String text = Files.readString(out, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    }
}
