package org.cctvgateway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.cctvgateway.audit.AuditFields;
import org.cctvgateway.audit.AuditRecord;
import org.cctvgateway.audit.AuditTypes;
import org.cctvgateway.cli.Main;
import org.cctvgateway.policy.EmergencyWindows;
import org.cctvgateway.registry.RegistryStore;
import org.cctvgateway.registry.Site;
import org.cctvgateway.registry.SiteType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmergencyCommandTest {
    @TempDir
    Path data;

    record Run(int exit, String out, String err) {
        JsonNode json(int line) throws Exception {
            return new ObjectMapper().readTree(out.lines().toList().get(line));
        }
    }

    @BeforeEach
    void sitesOnRecord() {
        RegistryStore store = RegistryStore.open(data);
        store.addSite(new Site("hotel-1", "Hotel Sunrise", SiteType.HOTEL, "", "", "", Optional.empty()));
        store.addSite(new Site("plaza-1", "City Plaza", SiteType.PLAZA, "", "", "", Optional.empty()));
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = data.toString();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void openListAndCloseAWindow() throws Exception {
        Run open = run("emergency", "open", "--site", "hotel-1", "--reason", "fire alarm", "--case", "FIR-17",
                "--for", "2h", "--json");
        assertThat(open.exit()).as(open.err()).isZero();
        JsonNode w = open.json(0);
        String id = w.get("id").asText();
        assertThat(w.get("site").asText()).isEqualTo("hotel-1");
        assertThat(w.get("duration").asText()).isEqualTo("2h");
        assertThat(Duration.between(Instant.parse(w.get("opened").asText()), Instant.parse(w.get("until").asText())))
                .isEqualTo(Duration.ofHours(2));
        assertThat(EmergencyWindows.open(data).openFor("hotel-1", Instant.now())).hasSize(1);

        Run list = run("emergency", "list");
        assertThat(list.out()).contains(id, "hotel-1", "open", "FIR-17", "fire alarm");

        Run close = run("emergency", "close", "--id", id);
        assertThat(close.exit()).isZero();
        assertThat(close.out()).contains("closed emergency window " + id);
        assertThat(run("emergency", "list").out()).contains("no emergency window is open now");
        Run all = run("emergency", "list", "--all", "--json");
        assertThat(all.json(0).get("open").asBoolean()).isFalse();
        assertThat(all.json(0).has("closedAt")).isTrue();
    }

    @Test
    void textOpenSaysHowToCloseAndCloseBySiteReportsNothingLeft() {
        Run open = run("emergency", "open", "--site", "plaza-1", "--reason", "riot", "--case", "C-1", "--for", "30m");
        assertThat(open.out()).contains("opened emergency window em-", "for site plaza-1",
                "cctv-gateway emergency close --id em-");

        assertThat(run("emergency", "close", "--site", "plaza-1").out()).contains("closed emergency window");
        assertThat(run("emergency", "close", "--site", "plaza-1").out())
                .contains("nothing closed: no emergency window is open for site plaza-1");
    }

    @Test
    void errorsAndUsageErrorsHaveTheirExitCodes() {
        Run badSite = run("emergency", "open", "--site", "Hotel 1", "--reason", "r", "--case", "c", "--for", "1h");
        assertThat(badSite.exit()).isEqualTo(1);
        assertThat(badSite.err()).contains("error: site id 'Hotel 1' is not valid");
        Run badFor = run("emergency", "open", "--site", "h", "--reason", "r", "--case", "c", "--for", "2x");
        assertThat(badFor.exit()).isEqualTo(1);
        assertThat(badFor.err()).contains("--for");
        assertThat(run("emergency", "open", "--site", "h", "--reason", "r", "--for", "1h").exit()).isEqualTo(2);
        assertThat(run("emergency", "close").exit()).isEqualTo(2);
        Run unknown = run("emergency", "close", "--id", "em-deadbeef");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("there is no emergency window em-deadbeef");
    }

    @Test
    void openingAndClosingAreAuditedWithSiteReasonCaseUntilWindowAndActor() throws Exception {
        JsonNode w = run("emergency", "open", "--site", "hotel-1", "--reason", "fire alarm", "--case", "FIR-17",
                "--for", "2h", "--by", "Insp. Rao", "--json").json(0);
        String id = w.get("id").asText();

        AuditRecord opened = SitesCommandTest.lastAuditRecord(data);
        assertThat(opened.type()).isEqualTo(AuditTypes.EMERGENCY_OPENED);
        assertThat(opened.fields()).containsEntry(AuditFields.SITE, "hotel-1")
                .containsEntry(AuditFields.REASON, "fire alarm").containsEntry(AuditFields.CASE_NUMBER, "FIR-17")
                .containsEntry(AuditFields.UNTIL, w.get("until").asText()).containsEntry(AuditFields.WINDOW, id)
                .containsEntry("openedBy", "Insp. Rao");
        assertThat(opened.text(AuditFields.ACTOR).orElseThrow()).startsWith("cli:");

        run("emergency", "close", "--site", "hotel-1");
        AuditRecord closed = SitesCommandTest.lastAuditRecord(data);
        assertThat(closed.type()).isEqualTo(AuditTypes.EMERGENCY_CLOSED);
        assertThat(closed.fields()).containsEntry(AuditFields.SITE, "hotel-1").containsEntry(AuditFields.WINDOW, id)
                .containsEntry(AuditFields.CASE_NUMBER, "FIR-17").containsEntry(AuditFields.UNTIL,
                        w.get("until").asText()).containsEntry("windowReason", "fire alarm");
        assertThat(closed.text(AuditFields.REASON).orElseThrow()).startsWith("closed by hand");

        run("emergency", "close", "--site", "hotel-1");
        run("emergency", "close", "--id", id);
        run("emergency", "list", "--all");
        assertThat(SitesCommandTest.auditRecords(data)).hasSize(2);
        SitesCommandTest.assertAuditVerifies(data);
    }

    @Test
    void aSiteNotOnRecordIsRefusedWithTheHintToListSites() {
        Run r = run("emergency", "open", "--site", "hotel-9", "--reason", "fire", "--case", "C-2", "--for", "1h");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: site hotel-9 is not on record (list the sites with cctv-gateway sites "
                + "list)\n");
        assertThat(data.resolve("emergency.yaml")).doesNotExist();
        assertThat(SitesCommandTest.auditRecords(data)).isEmpty();
    }
}
