package org.cctvgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.cctvgateway.StorageException;
import org.cctvgateway.pki.CertificateIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a crash can leave behind, and how {@link AuditLog#open} deals with it. */
class AuditRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void dropsATornTailAndRecordsHowManyBytes() throws Exception {
        AuditFixture.write(dir, 3, 100);
        Files.write(AuditLog.file(dir), "{\"seq\":5,\"time\":\"20".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        try (AuditLog log = AuditFixture.open(dir, 100)) {
            assertThat(log.recoveredBytes()).isEqualTo(19);
            assertThat(log.lastSeq()).isEqualTo(5);
            assertThat(log.append(AuditFixture.session(9)).seq()).isEqualTo(6);
        }
        List<String> lines = AuditFixture.lines(dir);
        AuditRecord recovered = AuditJson.decode(lines.get(4).getBytes(StandardCharsets.UTF_8));
        assertThat(recovered.type()).isEqualTo(AuditTypes.LOG_RECOVERED);
        assertThat(recovered.fields()).containsEntry(AuditFields.DROPPED_BYTES, 19L)
                .containsEntry(AuditFields.AFTER_SEQ, 4L);
        VerifyReport report = AuditVerifier.verify(dir, Optional.empty());
        assertThat(report.ok()).isTrue();
        assertThat(report.lastSeq()).isEqualTo(7);
    }

    @Test
    void aLogThatIsOnlyATornFirstLineStartsAgainFromOne() throws Exception {
        Files.createDirectories(dir);
        Files.write(AuditLog.file(dir), "{\"seq\":1,".getBytes(StandardCharsets.UTF_8));
        try (AuditLog log = AuditFixture.open(dir, 100)) {
            assertThat(log.recoveredBytes()).isEqualTo(9);
            assertThat(log.lastSeq()).isEqualTo(1);
        }
        assertThat(AuditVerifier.verify(dir, Optional.empty()).ok()).isTrue();
    }

    /**
     * A crash can stop the file at any byte. Cut a valid log at every offset within its last two
     * records (a small record and a checkpoint): each prefix must reopen (dropping a partial line), close
     * (signing a checkpoint) and verify.
     */
    @Test
    void everyPrefixOfTheLastRecordsReopensAndVerifies(@TempDir Path scratch) throws Exception {
        var keys = new CertificateIssuer(new SecureRandom()).newEcKeyPair();
        AuditSigner signer = AuditSigner.of(keys);
        Path original = scratch.resolve("original");
        try (AuditLog log = AuditLog.open(original, signer, new AuditFixture.TickingClock(),
                new AuditLog.Options(3))) {
            for (int i = 1; i <= 5; i++) {
                log.append(AuditEvent.of("x", java.util.Map.of()));
            }
        }
        byte[] full = Files.readAllBytes(AuditLog.file(original));
        List<String> lines = AuditFixture.lines(original);
        int keep = lines.size() - 2;
        int from = 0;
        for (int i = 0; i < keep; i++) {
            from += lines.get(i).getBytes(StandardCharsets.UTF_8).length + 1;
        }
        List<String> failures = new ArrayList<>();
        for (int cut = from; cut <= full.length; cut++) {
            Path d = scratch.resolve("cut-" + cut);
            Files.createDirectories(d);
            byte[] prefix = Arrays.copyOf(full, cut);
            Files.write(AuditLog.file(d), prefix);
            int lastNl = lastNewline(prefix);
            try (AuditLog log = AuditLog.open(d, signer, new AuditFixture.TickingClock(), new AuditLog.Options(3))) {
                if (log.recoveredBytes() != cut - (lastNl + 1)) {
                    failures.add(cut + ": recovered " + log.recoveredBytes());
                }
            } catch (StorageException e) {
                failures.add(cut + ": " + e.oneLine());
                continue;
            }
            VerifyReport report = AuditVerifier.verify(d, Optional.of(keys.getPublic()));
            if (!report.ok()) {
                failures.add(cut + ": " + report.problem().orElseThrow().message());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void refusesALastLineThatIsCompleteButNotARecord() throws Exception {
        AuditFixture.write(dir, 2, 100);
        Files.write(AuditLog.file(dir), "{\"seq\":4}\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        assertThatThrownBy(() -> AuditFixture.open(dir, 100)).isInstanceOf(StorageException.class)
                .hasMessageContaining("its last line is not an audit record")
                .extracting(e -> ((StorageException) e).hint()).asString().contains("cctv-gateway audit verify");
    }

    @Test
    void refusesATailThatSkipsARecord() {
        AuditFixture.write(dir, 3, 100);
        List<String> lines = new ArrayList<>(AuditFixture.lines(dir));
        lines.remove(2);
        AuditFixture.writeLines(dir, lines);
        assertThatThrownBy(() -> AuditFixture.open(dir, 100)).isInstanceOf(StorageException.class)
                .hasMessageContaining("its last record has seq 4 but follows record 2");
    }

    @Test
    void refusesAnEndlessUnterminatedTail() throws Exception {
        AuditFixture.write(dir, 1, 100);
        Files.write(AuditLog.file(dir), "x".repeat(3 * 65537).getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        assertThatThrownBy(() -> AuditFixture.open(dir, 100)).isInstanceOf(StorageException.class)
                .hasMessageContaining("no line end");
    }

    private static int lastNewline(byte[] b) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
