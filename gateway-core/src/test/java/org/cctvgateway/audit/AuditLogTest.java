package org.cctvgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.StorageException;
import org.cctvgateway.pki.CertificateIssuer;
import org.cctvgateway.spi.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    @TempDir
    Path dir;

    @Test
    void chainsEachLineToTheOneBeforeAndVerifies() {
        List<AuditRecord> written = new ArrayList<>();
        try (AuditLog log = AuditFixture.open(dir, 100)) {
            for (int i = 1; i <= 5; i++) {
                written.add(log.append(AuditFixture.session(i)));
            }
        }
        List<String> lines = AuditFixture.lines(dir);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).startsWith("{\"seq\":1,\"time\":\"2026-03-01T10:00:00Z\",\"type\":\"stream.session\","
                + "\"fields\":{\"agency\":\"traffic\"").endsWith("\"prev\":\"" + "0".repeat(64) + "\"}");
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i)).endsWith("\"prev\":\"" + AuditFixture.hash(lines.get(i - 1)) + "\"}");
        }
        for (int i = 0; i < written.size(); i++) {
            assertThat(written.get(i).seq()).isEqualTo(i + 1);
            assertThat(written.get(i).hash()).isEqualTo(AuditFixture.hash(lines.get(i)));
            assertThat(AuditJson.decode(lines.get(i).getBytes(StandardCharsets.UTF_8))).isEqualTo(written.get(i));
        }
        assertThat(lines.get(5)).contains("\"type\":\"checkpoint\"", "\"coveredSeq\":5");
        VerifyReport report = AuditVerifier.verify(dir, Optional.empty());
        assertThat(report.ok()).isTrue();
        assertThat(report.recordsChecked()).isEqualTo(6);
        assertThat(report.checkpointsChecked()).isEqualTo(1);
        assertThat(report.lastSeq()).isEqualTo(6);
        assertThat(report.lastCheckpointSeq()).isEqualTo(6);
    }

    @Test
    void writesASignedCheckpointEveryNRecordsAndOnCloseOnlyWhenNeeded() {
        AuditFixture.write(dir, 6, 3);
        List<String> types = AuditFixture.lines(dir).stream()
                .map(l -> AuditJson.decode(l.getBytes(StandardCharsets.UTF_8)).type()).toList();
        assertThat(types).containsExactly("stream.session", "stream.session", "stream.session", "checkpoint",
                "stream.session", "stream.session", "stream.session", "checkpoint");
        AuditFixture.write(dir, 1, 3);
        assertThat(AuditFixture.lines(dir)).hasSize(10);
        assertThat(AuditVerifier.verify(dir, Optional.empty()).checkpointsChecked()).isEqualTo(3);
    }

    @Test
    void reopeningContinuesTheSeqAndTheChain() {
        AuditFixture.write(dir, 2, 100);
        try (AuditLog log = AuditFixture.open(dir, 100)) {
            assertThat(log.lastSeq()).isEqualTo(3);
            assertThat(log.recoveredBytes()).isZero();
            AuditRecord r = log.append(AuditEvent.enrollment("hotel-1", "lobby", "operator"));
            assertThat(r.seq()).isEqualTo(4);
            assertThat(r.fields()).containsEntry("site", "hotel-1").containsEntry("camera", "lobby");
        }
        VerifyReport report = AuditVerifier.verify(dir, Optional.empty());
        assertThat(report.ok()).isTrue();
        assertThat(report.lastSeq()).isEqualTo(5);
    }

    @Test
    void refusesTheTypesOnlyTheLogWrites() {
        try (AuditLog log = AuditFixture.open(dir, 100)) {
            assertThatThrownBy(() -> log.append(AuditTypes.CHECKPOINT, Map.of("coveredSeq", 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("checkpoint");
            assertThatThrownBy(() -> log.append(AuditTypes.LOG_RECOVERED, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(log.lastSeq()).isZero();
        }
    }

    @Test
    void refusesARecordLongerThanTheLineLimitAndStaysUsable() {
        try (AuditLog log = AuditFixture.open(dir, 100)) {
            AuditEvent huge = AuditEvent.policyChange("admin", "x".repeat(70_000));
            assertThatThrownBy(() -> log.append(huge)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("policy.change").hasMessageContaining("limit is 65536")
                    .hasMessageMatching(".* is 70\\d{3} bytes.*");
            assertThat(log.append(AuditFixture.session(1)).seq()).isEqualTo(1);
        }
        assertThat(AuditVerifier.verify(dir, Optional.empty()).ok()).isTrue();
    }

    @Test
    void eventsRefuseSecretLikeNamesAndValuesThatAreNotJson() {
        assertThatThrownBy(() -> AuditEvent.of("enrollment", Map.of("cameraPassword", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret");
        assertThatThrownBy(() -> AuditEvent.of("enrollment", Map.of("details", Map.of("api_key", "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secret");
        assertThatThrownBy(() -> AuditEvent.of("enrollment", Map.of("login", new Credentials("u", "pw"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Credentials")
                .hasMessageNotContaining("pw");
        assertThatThrownBy(() -> AuditEvent.of("Not A Type", Map.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditEvent.of("x", Map.of("bytes", Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signingKeyIsOwnerOnlyAndItsPublicHalfIsWrittenBeside() throws Exception {
        AuditSigner first = AuditFixture.signer(dir);
        Path key = dir.resolve(AuditSigner.PRIVATE_KEY_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(AuditSigner.readPublicKey(dir.resolve(AuditSigner.PUBLIC_KEY_FILE)))
                .isEqualTo(first.publicKey());
        Files.delete(dir.resolve(AuditSigner.PUBLIC_KEY_FILE));
        AuditSigner again = AuditFixture.signer(dir);
        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(AuditSigner.readPublicKey(dir.resolve(AuditSigner.PUBLIC_KEY_FILE))).isEqualTo(first.publicKey());
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> AuditFixture.signer(dir)).isInstanceOf(StorageException.class)
                .hasMessageContaining("may be read by others").extracting(e -> ((StorageException) e).hint())
                .asString().contains("chmod 600");
    }

    @Test
    void refusesToAppendWhenTheTailDoesNotChain() {
        AuditFixture.write(dir, 4, 100);
        List<String> lines = new ArrayList<>(AuditFixture.lines(dir));
        lines.set(3, lines.get(3).replace("\"cam-4\"", "\"cam-9\""));
        AuditFixture.writeLines(dir, lines);
        assertThatThrownBy(() -> AuditFixture.open(dir, 100)).isInstanceOf(StorageException.class)
                .hasMessageContaining("record 4 does not match the hash record 5 holds")
                .extracting(e -> ((StorageException) e).hint()).asString().contains("cctv-gateway audit verify");
    }

    @Test
    void refusesToAppendWhenTheLastCheckpointIsByAnotherKey() {
        AuditFixture.write(dir, 2, 100);
        AuditSigner other = AuditSigner.of(new CertificateIssuer(new SecureRandom()).newEcKeyPair());
        assertThatThrownBy(() -> AuditLog.open(dir, other, new AuditFixture.TickingClock(),
                AuditLog.Options.defaults())).isInstanceOf(StorageException.class)
                .hasMessageContaining("not by this gateway's audit key " + other.keyId());
    }

    @Test
    void concurrentAppendersGetContiguousSeqsAndTheLogVerifies() throws Exception {
        int threads = 8;
        int each = 150;
        Set<Long> seqs = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (AuditLog log = AuditFixture.open(dir, 40)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                futures.add(pool.submit(() -> {
                    for (int i = 1; i <= each; i++) {
                        seqs.add(log.append(AuditFixture.session(base + i)).seq());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seqs).hasSize(threads * each);
        VerifyReport report = AuditVerifier.verify(dir, Optional.empty());
        assertThat(report.ok()).as("%s", report.problem()).isTrue();
        assertThat(report.checkpointsChecked()).isEqualTo(threads * each / 40);
        assertThat(report.lastSeq()).isEqualTo(threads * each + report.checkpointsChecked());
        List<Long> lineSeqs = AuditFixture.lines(dir).stream()
                .map(l -> AuditJson.decode(l.getBytes(StandardCharsets.UTF_8)).seq()).toList();
        for (int i = 0; i < lineSeqs.size(); i++) {
            assertThat(lineSeqs.get(i)).isEqualTo(i + 1L);
        }
    }

    @Test
    void concurrentAppendersShareFsyncs() throws Exception {
        int threads = 8;
        int each = 50;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (AuditLog log = AuditFixture.open(dir, 1000)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 1; i <= each; i++) {
                        log.append(AuditFixture.session(i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
            assertThat(log.lastSeq()).isEqualTo(threads * each);
            assertThat(log.syncs()).isLessThan(threads * each);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoWritersOnOneDirectoryKeepOneChain() throws Exception {
        int each = 60;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (AuditLog a = AuditFixture.open(dir, 25); AuditLog b = AuditFixture.open(dir, 25)) {
            a.append(AuditFixture.session(1));
            assertThat(b.append(AuditFixture.session(2)).seq()).isEqualTo(2);
            assertThat(a.append(AuditFixture.session(3)).seq()).isEqualTo(3);
            Future<?> fa = pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    a.append(AuditFixture.session(i));
                }
            });
            Future<?> fb = pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    b.append(AuditFixture.session(i));
                }
            });
            fa.get(120, TimeUnit.SECONDS);
            fb.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        VerifyReport report = AuditVerifier.verify(dir, Optional.empty());
        assertThat(report.ok()).as("%s", report.problem()).isTrue();
        assertThat(report.recordsChecked() - report.checkpointsChecked()).isEqualTo(3 + 2 * each);
    }

    @Test
    void repairsATornTailLeftByAnotherWriterWhileOpen() throws Exception {
        try (AuditLog log = AuditFixture.open(dir, 100)) {
            log.append(AuditFixture.session(1));
            Files.write(AuditLog.file(dir), "{\"seq\":2,".getBytes(StandardCharsets.UTF_8),
                    java.nio.file.StandardOpenOption.APPEND);
            AuditRecord next = log.append(AuditFixture.session(2));
            assertThat(next.seq()).isEqualTo(3);
            assertThat(log.recoveredBytes()).isEqualTo(9);
        }
        assertThat(AuditFixture.lines(dir).get(1)).contains("\"type\":\"log.recovered\"", "\"droppedBytes\":9");
        assertThat(AuditVerifier.verify(dir, Optional.empty()).ok()).isTrue();
    }

    @Test
    void refusesToGoOnWhenRecordsAreCutOffWhileOpen() throws Exception {
        AuditLog log = AuditFixture.open(dir, 100);
        log.append(AuditFixture.session(1));
        log.append(AuditFixture.session(2));
        String first = AuditFixture.lines(dir).get(0);
        try (var raf = new java.io.RandomAccessFile(AuditLog.file(dir).toFile(), "rw")) {
            raf.setLength(first.getBytes(StandardCharsets.UTF_8).length + 1);
        }
        assertThatThrownBy(() -> log.append(AuditFixture.session(3))).isInstanceOf(StorageException.class)
                .hasMessageContaining("shrank from").hasMessageContaining("records were removed");
        assertThatThrownBy(() -> log.append(AuditFixture.session(3))).isInstanceOf(StorageException.class);
        log.close();
        assertThat(AuditFixture.lines(dir)).hasSize(1);
    }

    @Test
    void appendAfterCloseIsRefused() {
        AuditLog log = AuditFixture.open(dir, 100);
        log.close();
        log.close();
        assertThatThrownBy(() -> log.append(AuditFixture.session(1))).isInstanceOf(IllegalStateException.class);
    }
}
