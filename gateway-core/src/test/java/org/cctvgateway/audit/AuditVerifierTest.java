package org.cctvgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.cctvgateway.StorageException;
import org.cctvgateway.audit.VerifyReport.Kind;
import org.cctvgateway.pki.CertificateIssuer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tampering cases over a log of 15 lines whose line numbers equal their seqs: stream sessions at
 * 1-5, 7-11, 13-14 and checkpoints at 6, 12 and 15 (written on close).
 */
class AuditVerifierTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeLog() {
        AuditFixture.write(dir, 12, 5);
    }

    record Case(String name, Consumer<List<String>> tamper, Kind kind, long line, long seq, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> tamperings() {
        return Stream.of(
                new Case("delete a middle line", l -> l.remove(7), Kind.MISSING, 8, 9,
                        "record 8 is missing (record 9 at line 8 follows record 7)"),
                new Case("delete two middle lines", l -> l.subList(7, 9).clear(), Kind.MISSING, 8, 10,
                        "records 8 to 9 are missing (record 10 at line 8 follows record 7)"),
                new Case("delete the first line", l -> l.remove(0), Kind.MISSING, 1, 2,
                        "record 1 is missing (record 2 at line 1 follows the start of the log)"),
                new Case("edit a field", l -> l.set(7, l.get(7).replace("\"bytes\":7000", "\"bytes\":1")),
                        Kind.ALTERED, 8, 8,
                        "record 8 (line 8) was altered (its hash does not match what record 9 says)"),
                new Case("edit the first record", l -> l.set(0, l.get(0).replace("cam-1", "cam-0")),
                        Kind.ALTERED, 1, 1,
                        "record 1 (line 1) was altered (its hash does not match what record 2 says)"),
                new Case("swap two lines", l -> l.add(8, l.remove(7)), Kind.SWAPPED, 8, 9,
                        "records 8 and 9 were swapped (line 8 holds record 9, line 9 holds record 8)"),
                new Case("move a line far", l -> l.add(9, l.remove(2)), Kind.MOVED, 10, 3,
                        "record 3 was moved (it is at line 10, but belongs at line 3, after record 2)"),
                new Case("insert a forged line that chains", l -> l.add(7, l.get(7).replace("cam-7", "cam-X")),
                        Kind.INSERTED, 8, 8, "line 8 (record 8) was inserted"),
                new Case("insert a forged line that does not chain",
                        l -> l.add(7, AuditFixture.withPrev(l.get(7), "f".repeat(64))), Kind.INSERTED, 8, 8,
                        "line 8 (record 8) was inserted"),
                new Case("insert a forged line with a far seq",
                        l -> l.add(7, l.get(7).replace("\"seq\":8", "\"seq\":99")), Kind.INSERTED, 8, 99,
                        "line 8 (record 99) was inserted"),
                new Case("duplicate a line", l -> l.add(8, l.get(7)), Kind.INSERTED, 9, 8,
                        "line 9 (record 8) was inserted"),
                new Case("replace a line with text", l -> l.set(7, "hello"), Kind.UNREADABLE, 8, -1,
                        "line 8 (after record 7) is not an audit record: not JSON"),
                new Case("replace a line with a huge one", l -> l.set(7, "x".repeat(70_000)), Kind.TOO_LONG, 8, -1,
                        "line 8 (after record 7) is 70000 bytes, longer than any record can be (limit 65536)"),
                new Case("edit a field and recompute the later hashes", l -> {
                    l.set(7, l.get(7).replace("\"bytes\":7000", "\"bytes\":1"));
                    AuditFixture.rechain(l, 7, false);
                }, Kind.CHECKPOINT_MISMATCH, 12, 12, "checkpoint record 12 (line 12) does not cover the chain"
                        + " before it: a record from 7 to 11 was altered and the later hashes recomputed"),
                new Case("edit a field and recompute the later hashes and checkpoint hashes", l -> {
                    l.set(7, l.get(7).replace("\"bytes\":7000", "\"bytes\":1"));
                    AuditFixture.rechain(l, 7, true);
                }, Kind.BAD_SIGNATURE, 12, 12, "checkpoint record 12 (line 12) has a bad signature: a record from 7"
                        + " to 11 was altered with the later hashes recomputed, or the checkpoint was forged"));
    }

    @Test
    void passesAnUntouchedLog() {
        VerifyReport report = AuditVerifier.verify(dir, Optional.empty());
        assertThat(report.problem()).isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.recordsChecked()).isEqualTo(15);
        assertThat(report.checkpointsChecked()).isEqualTo(3);
        assertThat(report.lastSeq()).isEqualTo(15);
        assertThat(report.lastCheckpointHash()).isEqualTo(AuditFixture.hash(AuditFixture.lines(dir).get(14)));
        assertThat(report.tornTailBytes()).isZero();
        assertThat(report.keyId()).contains(AuditFixture.signer(dir).keyId());
        assertThat(report.notes()).singleElement().asString().contains("signing-key.pub.pem", "--public-key");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void namesTheFirstRecordThatIsWrong(Case c) {
        List<String> lines = new ArrayList<>(AuditFixture.lines(dir));
        c.tamper().accept(lines);
        AuditFixture.writeLines(dir, lines);
        VerifyReport report = AuditVerifier.verify(dir, Optional.empty());
        assertThat(report.ok()).isFalse();
        VerifyReport.Problem p = report.problem().orElseThrow();
        assertThat(p.message()).startsWith(c.message());
        assertThat(p.kind()).isEqualTo(c.kind());
        assertThat(p.line()).isEqualTo(c.line());
        assertThat(p.seq().isPresent() ? p.seq().getAsLong() : -1).isEqualTo(c.seq());
    }

    @Test
    void cuttingRecordsAfterTheLastCheckpointCannotBeDetectedButTheReportShowsWhereSigningEnds() {
        List<String> lines = new ArrayList<>(AuditFixture.lines(dir));
        lines.remove(14);
        AuditFixture.writeLines(dir, lines);
        VerifyReport report = AuditVerifier.verify(dir, Optional.empty());
        assertThat(report.ok()).isTrue();
        assertThat(report.lastSeq()).isEqualTo(14);
        assertThat(report.lastCheckpointSeq()).isEqualTo(12);
        assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("records 13 to 14 come after the last"
                + " checkpoint (record 12)", "cannot be detected"));
    }

    @Test
    void refusesCheckpointsSignedByAnotherKeyThanTheTrustedOne() {
        var other = new CertificateIssuer(new SecureRandom()).newEcKeyPair().getPublic();
        VerifyReport report = AuditVerifier.verify(dir, Optional.of(other));
        VerifyReport.Problem p = report.problem().orElseThrow();
        assertThat(p.kind()).isEqualTo(Kind.WRONG_KEY);
        assertThat(p.line()).isEqualTo(6);
        assertThat(p.message()).startsWith("checkpoint record 6 (line 6) is signed by key "
                + AuditFixture.signer(dir).keyId().substring(0, 16) + "..., not by the trusted key "
                + AuditSigner.keyId(other).substring(0, 16));
        assertThat(report.recordsChecked()).isEqualTo(5);
    }

    @Test
    void aCheckpointWithoutAnyPublicKeyIsAProblem() throws Exception {
        Files.delete(dir.resolve(AuditSigner.PUBLIC_KEY_FILE));
        VerifyReport report = AuditVerifier.verify(dir, Optional.empty());
        assertThat(report.problem().orElseThrow().kind()).isEqualTo(Kind.NO_KEY);
        assertThat(report.problem().get().message()).contains("pass --public-key");
    }

    @Test
    void aTornTailIsANoteNotAProblem() throws Exception {
        Files.write(AuditLog.file(dir), "{\"seq\":16,\"ti".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        VerifyReport report = AuditVerifier.verify(dir, Optional.empty());
        assertThat(report.ok()).isTrue();
        assertThat(report.tornTailBytes()).isEqualTo(13);
        assertThat(report.notes())
                .anySatisfy(n -> assertThat(n).contains("partial record of 13 bytes after record 15"));
    }

    @Test
    void saysSoWhenThereIsNoLog(@TempDir Path empty) {
        assertThatThrownBy(() -> AuditVerifier.verify(empty, Optional.empty())).isInstanceOf(StorageException.class)
                .hasMessageStartingWith("no audit log at ");
    }
}
