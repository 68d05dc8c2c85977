package org.cctvgateway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cctvgateway.audit.AuditFields;
import org.cctvgateway.audit.AuditRecord;
import org.cctvgateway.audit.AuditTypes;
import org.cctvgateway.cli.Main;
import org.cctvgateway.pki.AgencyCredentialStore;
import org.cctvgateway.pki.GatewayCa;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiCommandTest {
    @TempDir
    Path data;

    record Run(int exit, String out, String err) {
        JsonNode json(int line) throws Exception {
            return new ObjectMapper().readTree(out.lines().toList().get(line));
        }
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
    void initPrintsFilesAndCaFingerprint() {
        Run r = run("pki", "init", "--host", "gw.example.org");

        assertThat(r.exit()).as(r.err()).isZero();
        String fp = GatewayCa.load(data).caFingerprint();
        assertThat(r.out()).contains("made the gateway CA", "ca.crt.pem", "ca.key.pem", "server.crt.pem",
                "CA fingerprint SHA-256 " + fp, "gw.example.org");
        assertThat(data.resolve("pki/crl.pem")).exists();
    }

    @Test
    void secondInitFailsWithHintAndForceReplaces() throws Exception {
        run("pki", "init");

        Run again = run("pki", "init");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).startsWith("error: the gateway CA already exists").contains("every agency certificate");

        Run forced = run("pki", "init", "--force", "--json");
        assertThat(forced.exit()).isZero();
        assertThat(forced.json(0).get("replaced").asBoolean()).isTrue();
        assertThat(forced.json(0).get("caFingerprint").asText()).isEqualTo(GatewayCa.load(data).caFingerprint());
    }

    @Test
    void issueShowsFilesPasswordAndSecretOnceAndStoresOnlyTheHash() throws Exception {
        run("pki", "init");

        Run r = run("pki", "issue", "--agency", "police", "--valid", "30d", "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json(0);
        assertThat(j.get("agency").asText()).isEqualTo("police");
        assertThat(Path.of(j.get("certificate").asText())).exists();
        assertThat(Path.of(j.get("pkcs12").asText())).exists();
        assertThat(j.get("pkcs12PasswordFrom").asText()).isEqualTo("generated");
        String secret = j.get("digestSecret").asText();
        assertThat(secret).hasSize(24);
        assertThat(j.get("digestUser").asText()).isEqualTo("police");
        Map<String, String> ha1 = AgencyCredentialStore.open(data).digestSecrets("police").orElseThrow();
        assertThat(ha1.get("MD5")).isEqualTo(AgencyCredentialStore.ha1("MD5", "police", "cctv-gateway", secret));
        try (var files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readAllBytes(f)).asString(java.nio.charset.StandardCharsets.ISO_8859_1)
                        .as(f.toString()).doesNotContain(secret).doesNotContain(j.get("pkcs12Password").asText());
            }
        }
    }

    @Test
    void issueInTextNamesEverythingTheOperatorHandsOver() {
        run("pki", "init");

        Run r = run("pki", "issue", "--agency", "fire");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("issued certificate", "for agency fire", ".crt.pem", ".key.pem", ".p12",
                "PKCS#12 password", "user    fire", "secret  ", "shown only now");
    }

    @Test
    void revokeThenListShowsStatusAndCredentials() throws Exception {
        run("pki", "init");
        String serial = run("pki", "issue", "--agency", "police", "--json").json(0).get("serial").asText();
        run("pki", "issue", "--agency", "fire", "--json");

        Run revoke = run("pki", "revoke", "--serial", serial.toLowerCase(), "--reason", "laptop lost", "--json");
        assertThat(revoke.exit()).as(revoke.err()).isZero();
        assertThat(revoke.json(0).get("event").asText()).isEqualTo("certificate-revoked");
        assertThat(revoke.json(0).get("reason").asText()).isEqualTo("laptop lost");

        Run creds = run("pki", "revoke", "--agency", "fire", "--credentials-only");
        assertThat(creds.out()).contains("revoked the Digest credentials of agency fire")
                .doesNotContain("revoked certificate");

        Run list = run("pki", "list", "--json");
        List<JsonNode> rows = List.of(list.json(0), list.json(1));
        assertThat(rows).extracting(n -> n.get("agency").asText() + " " + n.get("status").asText() + " "
                + n.get("credentials").asText())
                .containsExactly("police revoked active", "fire valid revoked");
        Run text = run("pki", "list");
        assertThat(text.out()).contains("SERIAL", serial, "revoked", "valid");
    }

    @Test
    void revokeAgencyRevokesCertificatesAndCredentials() {
        run("pki", "init");
        run("pki", "issue", "--agency", "police");

        Run r = run("pki", "revoke", "--agency", "police");

        assertThat(r.out()).contains("revoked certificate", "revoked the Digest credentials of agency police");
        assertThat(AgencyCredentialStore.open(data).digestSecrets("police")).isEmpty();
        assertThat(run("pki", "revoke", "--agency", "police").out()).contains("nothing revoked");
    }

    @Test
    void errorsAndUsageErrorsHaveTheirExitCodes() {
        Run noCa = run("pki", "issue", "--agency", "police");
        assertThat(noCa.exit()).isEqualTo(1);
        assertThat(noCa.err()).contains("error: there is no gateway CA", "pki init");

        run("pki", "init");
        Run badName = run("pki", "issue", "--agency", "Police");
        assertThat(badName.exit()).isEqualTo(1);
        assertThat(badName.err()).contains("agency name 'Police' is not valid");
        Run badValid = run("pki", "issue", "--agency", "police", "--valid", "3 weeks");
        assertThat(badValid.exit()).isEqualTo(1);
        assertThat(badValid.err()).contains("--valid");
        assertThat(run("pki", "revoke").exit()).isEqualTo(2);
        assertThat(run("pki", "revoke", "--serial", "AB", "--agency", "x").exit()).isEqualTo(2);
        Run credsOnly = run("pki", "revoke", "--serial", "AB", "--credentials-only");
        assertThat(credsOnly.exit()).isEqualTo(2);
        assertThat(credsOnly.err()).contains("--credentials-only goes with --agency");
        Run unknown = run("pki", "revoke", "--serial", "ABCDEF");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no certificate with serial ABCDEF");
    }

    @Test
    void noCredentialsKeepsTheAgencySecret() throws Exception {
        run("pki", "init");
        String secret = run("pki", "issue", "--agency", "police", "--json").json(0).get("digestSecret").asText();

        Run r = run("pki", "issue", "--agency", "police", "--no-credentials", "--json");

        assertThat(r.exit()).isZero();
        assertThat(r.json(0).has("digestSecret")).isFalse();
        assertThat(AgencyCredentialStore.open(data).digestSecrets("police").orElseThrow().get("SHA-256"))
                .isEqualTo(AgencyCredentialStore.ha1("SHA-256", "police", "cctv-gateway", secret));
    }

    @Test
    void p12PasswordFromEnvironmentIsNotPrinted() throws Exception {
        run("pki", "init");
        StringWriter out = new StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new PkiCommand.Issue());
        PkiCommand.Issue issue = cli.getCommand();
        issue.environment = Map.of("P12_PW", "a long passphrase")::get;
        cli.setOut(new PrintWriter(out, true));
        int exit = cli.execute("--agency", "police", "--p12-password-env", "P12_PW", "--data-dir", data.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("the value of $P12_PW").doesNotContain("a long passphrase");
        assertThat(SitesCommandTest.auditText(data)).contains("certificate.issued").doesNotContain("a long passphrase");
    }

    private List<AuditRecord> audit() {
        return SitesCommandTest.auditRecords(data);
    }

    @Test
    void initIsAuditedWithTheCaFingerprintAndHostsAndForceSaysItReplaced() {
        run("pki", "init", "--host", "gw.example.org");
        AuditRecord made = SitesCommandTest.lastAuditRecord(data);
        assertThat(made.type()).isEqualTo(AuditTypes.PKI_INIT);
        assertThat(made.fields()).containsEntry(AuditFields.CA_FINGERPRINT, GatewayCa.load(data).caFingerprint())
                .containsEntry("replaced", false);
        assertThat(made.fields().get(AuditFields.HOSTS)).asList().contains("gw.example.org", "localhost",
                "127.0.0.1");
        assertThat(made.text(AuditFields.ACTOR).orElseThrow()).startsWith("cli:");

        run("pki", "init");
        assertThat(audit()).as("a refused init writes no record").hasSize(1);

        run("pki", "init", "--force");
        AuditRecord replaced = SitesCommandTest.lastAuditRecord(data);
        assertThat(replaced.fields()).containsEntry("replaced", true)
                .containsEntry(AuditFields.CA_FINGERPRINT, GatewayCa.load(data).caFingerprint());
        assertThat(replaced.text(AuditFields.DETAILS).orElseThrow()).contains("replaced (--force)");
        assertThat(replaced.fields().get(AuditFields.CA_FINGERPRINT))
                .isNotEqualTo(made.fields().get(AuditFields.CA_FINGERPRINT));
        SitesCommandTest.assertAuditVerifies(data);
    }

    @Test
    void issueAuditsTheCertificateAndTheCredentialsButNeverTheirSecrets() throws Exception {
        run("pki", "init");

        JsonNode j = run("pki", "issue", "--agency", "police", "--valid", "30d", "--json").json(0);

        List<AuditRecord> records = audit();
        assertThat(records).extracting(AuditRecord::type).containsExactly(AuditTypes.PKI_INIT,
                AuditTypes.CERTIFICATE_ISSUED, AuditTypes.CREDENTIALS_ISSUED);
        assertThat(records.get(1).fields()).containsEntry(AuditFields.AGENCY, "police")
                .containsEntry(AuditFields.CERTIFICATE_SERIAL, j.get("serial").asText())
                .containsEntry(AuditFields.EXPIRES, Instant.parse(j.get("notAfter").asText()).toString());
        assertThat(records.get(2).fields()).containsEntry(AuditFields.AGENCY, "police")
                .containsEntry(AuditFields.CREDENTIAL, "police").containsEntry("replaced", false);
        String text = SitesCommandTest.auditText(data);
        assertThat(text).doesNotContain(j.get("digestSecret").asText())
                .doesNotContain(j.get("pkcs12Password").asText());

        run("pki", "issue", "--agency", "police", "--no-credentials");
        assertThat(audit()).extracting(AuditRecord::type).endsWith(AuditTypes.CREDENTIALS_ISSUED,
                AuditTypes.CERTIFICATE_ISSUED);
        SitesCommandTest.assertAuditVerifies(data);
    }

    @Test
    void revocationsAreAuditedOncePerCertificateAndCredentialsAndNothingRevokedWritesNothing() throws Exception {
        run("pki", "init");
        run("pki", "issue", "--agency", "police");
        run("pki", "issue", "--agency", "police", "--no-credentials");
        String fire = run("pki", "issue", "--agency", "fire", "--json").json(0).get("serial").asText();
        int before = audit().size();

        run("pki", "revoke", "--serial", fire, "--reason", "laptop lost");
        AuditRecord one = SitesCommandTest.lastAuditRecord(data);
        assertThat(one.type()).isEqualTo(AuditTypes.CERTIFICATE_REVOKED);
        assertThat(one.fields()).containsEntry(AuditFields.AGENCY, "fire")
                .containsEntry(AuditFields.CERTIFICATE_SERIAL, fire).containsEntry(AuditFields.REASON, "laptop lost");
        run("pki", "revoke", "--serial", fire);
        assertThat(audit()).hasSize(before + 1);

        run("pki", "revoke", "--agency", "fire", "--credentials-only");
        AuditRecord creds = SitesCommandTest.lastAuditRecord(data);
        assertThat(creds.type()).isEqualTo(AuditTypes.CREDENTIALS_REVOKED);
        assertThat(creds.fields()).containsEntry(AuditFields.AGENCY, "fire").containsEntry(AuditFields.CREDENTIAL,
                "fire").containsEntry(AuditFields.REASON, "no reason given");

        run("pki", "revoke", "--agency", "police", "--reason", "contract  ended");
        List<AuditRecord> last = audit().subList(before + 2, audit().size());
        assertThat(last).extracting(AuditRecord::type).containsExactly(AuditTypes.CERTIFICATE_REVOKED,
                AuditTypes.CERTIFICATE_REVOKED, AuditTypes.CREDENTIALS_REVOKED);
        assertThat(last).allSatisfy(r -> assertThat(r.fields()).containsEntry(AuditFields.AGENCY, "police")
                .containsEntry(AuditFields.REASON, "contract ended"));

        int all = audit().size();
        assertThat(run("pki", "revoke", "--agency", "police").out()).contains("nothing revoked");
        assertThat(audit()).hasSize(all);
        SitesCommandTest.assertAuditVerifies(data);
    }
}
