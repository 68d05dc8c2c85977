package org.cctvgateway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.cctvgateway.audit.AuditEvent;
import org.cctvgateway.audit.AuditLog;
import org.cctvgateway.audit.AuditSigner;
import org.cctvgateway.cli.Main;
import org.cctvgateway.pki.CertificateIssuer;
import org.cctvgateway.pki.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path data;

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** Seq 1-4: stream sessions on cam-1..cam-4 (police, traffic alternately); 5: a refusal; 6: checkpoint. */
    private void writeLog() {
        Path auditDir = AuditLog.directory(data);
        try (AuditLog log = AuditLog.open(auditDir, AuditSigner.loadOrCreate(auditDir, new SecureRandom()),
                Clock.fixed(T0, ZoneOffset.UTC), AuditLog.Options.defaults())) {
            for (int i = 1; i <= 4; i++) {
                log.append(AuditEvent.streamSession(i % 2 == 0 ? "police" : "traffic", "0a" + i, "cam-" + i,
                        T0, T0.plusSeconds(60), 1000L * i));
            }
            log.append(AuditEvent.accessRefused("press", "cam-2", "agency not in the access policy"));
        }
    }

    @Test
    void verifySaysSoWhenThereIsNoLogYetAndExitsZero() {
        Run r = run("audit", "verify", "--data-dir", data.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("no audit log at ", "yet: nothing to verify");
    }

    @Test
    void verifyPassesAnIntactLog() {
        writeLog();
        Run r = run("audit", "verify", "--data-dir", data.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("audit log intact: 6 records, 1 signed checkpoints, last record 6");
    }

    @Test
    void verifyNamesTheAlteredRecordAndExitsOne() throws Exception {
        writeLog();
        Path file = AuditLog.file(AuditLog.directory(data));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        lines.set(2, lines.get(2).replace("\"bytes\":3000", "\"bytes\":3"));
        Files.write(file, lines, StandardCharsets.UTF_8);
        Run r = run("audit", "verify", "--data-dir", data.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).startsWith("audit log NOT intact: record 3 (line 3) was altered (its hash does not"
                + " match what record 4 says)");
        Run json = run("audit", "verify", "--json", "--data-dir", data.toString());
        assertThat(json.exit()).isEqualTo(1);
        JsonNode node = new ObjectMapper().readTree(json.out());
        assertThat(node.get("ok").asBoolean()).isFalse();
        assertThat(node.at("/problem/seq").asLong()).isEqualTo(3);
        assertThat(node.at("/problem/kind").asText()).isEqualTo("altered");
    }

    @Test
    void verifyWithAnotherPublicKeyFailsOnTheFirstCheckpoint() throws Exception {
        writeLog();
        Path other = data.resolve("other.pub.pem");
        Files.writeString(other, Pem.encode(new CertificateIssuer(new SecureRandom()).newEcKeyPair().getPublic()));
        Run r = run("audit", "verify", "--public-key", other.toString(), "--data-dir", data.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("checkpoint record 6 (line 6) is signed by key ", "not by the trusted key");
        Run missing = run("audit", "verify", "--public-key", data.resolve("nope.pem").toString(),
                "--data-dir", data.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).startsWith("error: ");
    }

    @Test
    void showPrintsATableFilteredByCamera() {
        writeLog();
        Run r = run("audit", "show", "--camera", "cam-2", "--data-dir", data.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("SEQ").contains("TIME", "TYPE", "CAMERA", "AGENCY");
        assertThat(lines.get(1)).contains("2 ", "stream.session", "cam-2", "police", "bytes=2000");
        assertThat(lines.get(2)).contains("access.refused", "press", "reason=agency not in the access policy");
    }

    @Test
    void showPrintsJsonLinesWithALimit() throws Exception {
        writeLog();
        Run r = run("audit", "show", "--json", "--limit", "2", "--data-dir", data.toString());
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(lines.get(0)).get("seq").asLong()).isEqualTo(5);
        assertThat(mapper.readTree(lines.get(1)).get("type").asText()).isEqualTo("checkpoint");
        assertThat(mapper.readTree(lines.get(1)).get("hash").asText()).hasSize(64);
    }

    @Test
    void showFiltersByAgencyTypeAndTime() {
        writeLog();
        Run r = run("audit", "show", "--agency", "traffic", "--type", "stream", "--since", "2026-03-01",
                "--until", "2026-03-01T10:00:01Z", "--data-dir", data.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines().skip(1)).hasSize(2).allSatisfy(l -> assertThat(l).contains("traffic"));
        Run none = run("audit", "show", "--since", "2026-03-02", "--data-dir", data.toString());
        assertThat(none.out()).contains("no matching records");
    }

    @Test
    void showRefusesATimeItCannotReadAndABadLimit() {
        writeLog();
        Run r = run("audit", "show", "--since", "yesterday", "--data-dir", data.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: --since 'yesterday' is not an instant, a date or an age");
        assertThat(run("audit", "show", "--limit", "0", "--data-dir", data.toString()).exit()).isEqualTo(1);
        assertThat(run("audit", "show", "--limit", "many", "--data-dir", data.toString()).exit()).isEqualTo(2);
    }

    @Test
    void sinceAcceptsAnAge() {
        assertThat(AuditCommand.Show.time("--since", "2h", T0)).contains(T0.minusSeconds(7200));
    }
}
