package org.cctvgateway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    }
}
