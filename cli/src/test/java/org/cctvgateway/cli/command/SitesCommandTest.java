package org.cctvgateway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cctvgateway.audit.AuditFields;
import org.cctvgateway.audit.AuditLog;
import org.cctvgateway.audit.AuditQuery;
import org.cctvgateway.audit.AuditRecord;
import org.cctvgateway.audit.AuditTypes;
import org.cctvgateway.cli.Main;
import org.cctvgateway.registry.RegistryStore;
import org.cctvgateway.registry.SiteType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SitesCommandTest {
    @TempDir
    Path data;

    record Run(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out.lines().findFirst().orElseThrow());
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The records of the audit log under {@code data}, checkpoints left out, oldest first. */
    static List<AuditRecord> auditRecords(Path data) {
        if (!Files.exists(AuditLog.file(AuditLog.directory(data)))) {
            return List.of();
        }
        return AuditQuery.run(AuditLog.directory(data), AuditQuery.Filter.all(AuditQuery.MAX_LIMIT)).records()
                .stream().filter(r -> !r.type().equals(AuditTypes.CHECKPOINT)).toList();
    }

    /** The last audit record (checkpoints left out). */
    static AuditRecord lastAuditRecord(Path data) {
        List<AuditRecord> all = auditRecords(data);
        assertThat(all).isNotEmpty();
        return all.get(all.size() - 1);
    }

    /** The audit log's bytes as text, to look for what must not be there. */
    static String auditText(Path data) throws Exception {
        return new String(Files.readAllBytes(AuditLog.file(AuditLog.directory(data))), StandardCharsets.ISO_8859_1);
    }

    /** Runs {@code audit verify} and asserts that it passes. */
    static void assertAuditVerifies(Path data) {
        Run v = run("audit", "verify", "--data-dir", data.toString());
        assertThat(v.exit()).as(v.out() + v.err()).isZero();
        assertThat(v.out()).startsWith("audit log intact: ");
    }

    Run sites(String... args) {
        List<String> all = new ArrayList<>(List.of("sites"));
        all.addAll(List.of(args));
        all.addAll(List.of("--data-dir", data.toString()));
        return run(all.toArray(String[]::new));
    }

    private Run addHotel() {
        return sites("add", "--id", "hotel-1", "--name", "Hotel Sunrise", "--type", "hotel", "--owner", "A. Sharma",
                "--contact", "+91 22 5555 0101", "--location", "18.9432,72.8236", "--address", "1 Marine Drive");
    }

    @Test
    void addsASiteAndSaysWhatToDoNext() {
        Run r = addHotel();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Site hotel-1 (Hotel Sunrise, hotel) added. Next: enroll its cameras with "
                + "cctv-gateway enroll HOST --site hotel-1");
        var site = RegistryStore.open(data).snapshot().site("hotel-1").orElseThrow();
        assertThat(site.type()).isEqualTo(SiteType.HOTEL);
        assertThat(site.location().orElseThrow().lat()).isEqualTo(18.9432);
    }

    @Test
    void listsAndShowsSitesAsTextAndJsonLines() throws Exception {
        addHotel();
        sites("add", "--id", "school-2", "--name", "Gate School", "--type", "school");

        Run text = sites("list");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("hotel-1").contains("school-2").contains("2 site(s)");

        Run json = sites("list", "--json");
        List<String> lines = json.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("id").asText()).isEqualTo("hotel-1");
        assertThat(first.get("type").asText()).isEqualTo("hotel");
        assertThat(first.get("location").get("lon").asDouble()).isEqualTo(72.8236);
        assertThat(first.get("cameraCount").asInt()).isZero();

        Run show = sites("show", "hotel-1");
        assertThat(show.out()).contains("Site hotel-1: Hotel Sunrise (hotel)").contains("A. Sharma")
                .contains("No cameras yet");
        JsonNode shown = sites("show", "hotel-1", "--json").json();
        assertThat(shown.get("cameras").isArray()).isTrue();
        assertThat(shown.get("contact").asText()).isEqualTo("+91 22 5555 0101");
    }

    @Test
    void addWithJsonPrintsTheChange() throws Exception {
        JsonNode j = sites("add", "--id", "plaza-1", "--name", "Plaza", "--type", "plaza", "--json").json();
        assertThat(j.get("changed").asBoolean()).isTrue();
        assertThat(j.get("action").asText()).isEqualTo("site.add");
        assertThat(j.get("subject").asText()).isEqualTo("plaza-1");
        assertThat(j.get("generation").asLong()).isEqualTo(1);
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of(new String[] {"add", "--id", "Hotel 1", "--name", "x", "--type", "hotel"}, 1,
                        "error: site id 'Hotel 1' is not valid"),
                Arguments.of(new String[] {"add", "--id", "h2", "--name", "x", "--type", "castle"}, 1,
                        "error: site type 'castle' is not known (use one of hotel, plaza"),
                Arguments.of(new String[] {"add", "--id", "h2", "--name", "x", "--type", "hotel", "--location",
                    "95,10"}, 1, "error: latitude 95.0 is outside -90..90"),
                Arguments.of(new String[] {"add", "--id", "hotel-1", "--name", "x", "--type", "hotel"}, 1,
                        "error: site hotel-1 is already on record"),
                Arguments.of(new String[] {"add", "--id", "h2", "--type", "hotel"}, 2, "--name"),
                Arguments.of(new String[] {"show", "nope"}, 1, "error: site nope is not on record"),
                Arguments.of(new String[] {"remove", "nope"}, 1, "error: site nope is not on record"),
                Arguments.of(new String[] {"import", "/nonexistent/backup.yaml", "--replace"}, 1,
                        "error: import file /nonexistent/backup.yaml does not exist"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputGivesOneErrorLineAndLeavesTheRegistryByteIdentical(String[] args, int exit, String error)
            throws Exception {
        addHotel();
        byte[] before = Files.readAllBytes(data.resolve("registry.yaml"));
        List<AuditRecord> audited = auditRecords(data);

        Run r = sites(args);

        assertThat(auditRecords(data)).isEqualTo(audited);
        assertThat(r.exit()).isEqualTo(exit);
        assertThat(r.err()).contains(error);
        if (exit == 1) {
            assertThat(r.err().lines().toList()).hasSize(1);
        }
        assertThat(Files.readAllBytes(data.resolve("registry.yaml"))).isEqualTo(before);
    }

    @Test
    void exportsAndImportsTheWholeRegistry(@TempDir Path other) throws Exception {
        addHotel();
        Path backup = other.resolve("backup.yaml");
        Run export = sites("export", "--out", backup.toString());
        assertThat(export.exit()).isZero();
        assertThat(export.out()).contains("Registry exported to " + backup).contains("1 site(s)");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
        assertThat(sites("export").out()).isEqualTo(Files.readString(backup));

        Path fresh = other.resolve("fresh");
        Run imported = run("sites", "import", backup.toString(), "--data-dir", fresh.toString());
        assertThat(imported.exit()).isZero();
        assertThat(imported.out()).startsWith("Registry imported 1 site(s) and 0 camera(s) from " + backup);
        assertThat(RegistryStore.open(fresh).snapshot().sites())
                .isEqualTo(RegistryStore.open(data).snapshot().sites());

        Run refused = run("sites", "import", backup.toString(), "--data-dir", fresh.toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("import does not merge").contains("--replace");
        Run replaced = run("sites", "import", backup.toString(), "--replace", "--data-dir", fresh.toString(),
                "--json");
        assertThat(replaced.json().get("action").asText()).isEqualTo("registry.import");
    }

    @Test
    void aBrokenImportFileIsNamedWithItsLineAndChangesNothing(@TempDir Path other) throws Exception {
        addHotel();
        byte[] before = Files.readAllBytes(data.resolve("registry.yaml"));
        Path bad = other.resolve("bad.yaml");
        Files.writeString(bad, "schemaVersion: 1\nsites:\n  - id: a\n    name: A\n    type: hotel\n    colour: red\n");

        Run r = sites("import", bad.toString(), "--replace");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("unknown key 'colour'").contains("line 6");
        assertThat(Files.readAllBytes(data.resolve("registry.yaml"))).isEqualTo(before);
    }

    @Test
    void aBrokenRegistryFileGivesOneLineWithItsLine() throws Exception {
        Files.writeString(data.resolve("registry.yaml"), "schemaVersion: 1\nsites: [\n");
        Run r = sites("list");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: " + data.resolve("registry.yaml") + " line ")
                .contains("not valid YAML").contains("sites export");
        assertThat(r.err().lines().toList()).hasSize(1);
    }

    @Test
    void eachChangeWritesOneRegistryChangeRecordBeforeItIsReportedAndTheLogVerifies() {
        addHotel();
        AuditRecord added = lastAuditRecord(data);
        assertThat(added.type()).isEqualTo(AuditTypes.REGISTRY_CHANGE);
        assertThat(added.fields()).containsEntry(AuditFields.SITE, "hotel-1")
                .containsEntry(AuditFields.ACTION, "site.add")
                .containsEntry(AuditFields.DETAILS, "added hotel site 'Hotel Sunrise'")
                .doesNotContainKey(AuditFields.CAMERA);
        assertThat(added.text(AuditFields.ACTOR).orElseThrow()).startsWith("cli:");

        sites("list");
        sites("show", "hotel-1");
        sites("export");
        assertThat(auditRecords(data)).hasSize(1);

        Run removed = sites("remove", "hotel-1");
        assertThat(removed.exit()).as(removed.err()).isZero();
        AuditRecord r = lastAuditRecord(data);
        assertThat(r.fields()).containsEntry(AuditFields.SITE, "hotel-1").containsEntry(AuditFields.ACTION,
                "site.remove").containsEntry(AuditFields.DETAILS, "removed");
        assertThat(auditRecords(data)).hasSize(2);
        assertAuditVerifies(data);
    }

    @Test
    void anImportIsOneRecordSayingHowMuchFromWhereAndWhetherItReplaced(@TempDir Path other) {
        addHotel();
        sites("add", "--id", "school-2", "--name", "Gate School", "--type", "school");
        Path backup = other.resolve("backup.yaml");
        sites("export", "--out", backup.toString());
        Path fresh = other.resolve("fresh");

        assertThat(run("sites", "import", backup.toString(), "--data-dir", fresh.toString()).exit()).isZero();
        assertThat(auditRecords(fresh)).hasSize(1);
        AuditRecord imported = lastAuditRecord(fresh);
        assertThat(imported.type()).isEqualTo(AuditTypes.REGISTRY_CHANGE);
        assertThat(imported.fields()).containsEntry(AuditFields.ACTION, "registry.import")
                .containsEntry("sites", 2L).containsEntry("cameras", 0L).containsEntry("mode", "into-empty")
                .containsEntry("source", backup.toAbsolutePath().toString());

        run("sites", "import", backup.toString(), "--data-dir", fresh.toString());
        assertThat(auditRecords(fresh)).as("a refused import writes no record").hasSize(1);

        assertThat(run("sites", "import", backup.toString(), "--replace", "--data-dir", fresh.toString()).exit())
                .isZero();
        assertThat(lastAuditRecord(fresh).fields()).containsEntry("mode", "replace")
                .containsEntry(AuditFields.DETAILS, "replaced by 2 site(s) and 0 camera(s) from " + backup);
        assertAuditVerifies(fresh);
    }

    @Test
    void aSequenceOfCommandsLeavesALogThatVerifiesAndHoldsNoSecret() throws Exception {
        addHotel();
        String d = data.toString();
        assertThat(run("pki", "init", "--data-dir", d).exit()).isZero();
        JsonNode issued = new ObjectMapper().readTree(run("pki", "issue", "--agency", "police", "--json",
                "--data-dir", d).out());
        assertThat(run("emergency", "open", "--site", "hotel-1", "--reason", "fire", "--case", "C-9", "--for", "1h",
                "--data-dir", d).exit()).isZero();
        assertThat(run("emergency", "close", "--site", "hotel-1", "--data-dir", d).exit()).isZero();
        assertThat(run("pki", "revoke", "--agency", "police", "--data-dir", d).exit()).isZero();
        assertThat(sites("remove", "hotel-1").exit()).isZero();

        assertThat(auditRecords(data)).extracting(AuditRecord::type).containsExactly(AuditTypes.REGISTRY_CHANGE,
                AuditTypes.PKI_INIT, AuditTypes.CERTIFICATE_ISSUED, AuditTypes.CREDENTIALS_ISSUED,
                AuditTypes.EMERGENCY_OPENED, AuditTypes.EMERGENCY_CLOSED, AuditTypes.CERTIFICATE_REVOKED,
                AuditTypes.CREDENTIALS_REVOKED, AuditTypes.REGISTRY_CHANGE);
        assertAuditVerifies(data);
        assertThat(auditText(data)).doesNotContain(issued.get("digestSecret").asText())
                .doesNotContain(issued.get("pkcs12Password").asText());
    }
}
