package org.cctvgateway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cctvgateway.cli.output.ErrorReporter;
import org.cctvgateway.pki.CertificateIssuer;
import org.cctvgateway.pki.CertificateSpec;
import org.cctvgateway.pki.Pem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cctv-gateway connect} in process: what it prints when it listens, and its one-line errors. */
class ConnectCommandTest {
    private static final String PIN = "3F:A0:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:01:23:45:67:89:AB:CD:EF:"
            + "10:20:30:40:50:60";
    private static final CertificateIssuer ISSUER = new CertificateIssuer(new SecureRandom());
    private static KeyPair caKeys;
    private static X509Certificate ca;
    private static KeyPair agencyKeys;
    private static X509Certificate agency;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void makeCertificates() {
        caKeys = ISSUER.newEcKeyPair();
        ca = ISSUER.selfSigned(spec("Test CA", Instant.now(), CertificateSpec.Usage.CA), caKeys);
        agencyKeys = ISSUER.newEcKeyPair();
        agency = issue(Instant.now().minus(Duration.ofHours(1)), agencyKeys);
    }

    private static CertificateSpec spec(String cn, Instant from, CertificateSpec.Usage usage) {
        return new CertificateSpec(cn, List.of(), List.of(), from, Duration.ofDays(30), usage);
    }

    private static X509Certificate issue(Instant from, KeyPair keys) {
        return ISSUER.issue(spec("police", from, CertificateSpec.Usage.CLIENT), keys.getPublic(), ca,
                caKeys.getPrivate());
    }

    private int run(Map<String, String> env, String... args) {
        ConnectCommand command = new ConnectCommand();
        command.env = env::get;
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? 2 : 1);
        return cli.execute(args);
    }

    private Path pem(String name, Object... parts) throws Exception {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            b.append(Pem.encode(p));
        }
        return Files.writeString(dir.resolve(name), b.toString(), StandardCharsets.US_ASCII);
    }

    @Test
    void printsWhereItListensForWhichAgencyAndHowToWatch() throws Exception {
        Path cert = pem("police.pem", agency);
        pem("police.key.pem", agencyKeys.getPrivate());
        int exit = run(Map.of(), "--agency-cert", cert.toString(), "--gateway", "127.0.0.1:1", "--gateway-fingerprint",
                PIN, "--listen", "127.0.0.1:0", "--duration", "1s", "-q");
        assertThat(exit).as("stderr: %s", err).isZero();
        String serial = agency.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
        assertThat(out.toString())
                .containsPattern("Listening on rtsp://127\\.0\\.0\\.1:\\d+ for agency 'police' \\(certificate serial "
                        + serial + ", valid until " + agency.getNotAfter().toInstant() + "\\), forwarding to "
                        + "rtsps://127\\.0\\.0\\.1:1 over mutual TLS\\.")
                .contains("Gateway certificate checked against pinned SHA-256 " + PIN + ".")
                .containsPattern("Watch with: ffmpeg -rtsp_transport tcp -i rtsp://127\\.0\\.0\\.1:\\d+/<site>/<camera>"
                        + "/main");
    }

    @Test
    void printsOneJsonLineWhenListeningWithAPkcs12Certificate() throws Exception {
        Path p12 = dir.resolve("police.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("police", agencyKeys.getPrivate(), "pw-1".toCharArray(), new X509Certificate[] {agency});
        try (OutputStream o = Files.newOutputStream(p12)) {
            store.store(o, "pw-1".toCharArray());
        }
        Path caFile = pem("ca.pem", ca);
        int exit = run(Map.of("CCTV_AGENCY_P12_PASSWORD", "pw-1"), "--agency-cert", p12.toString(), "--gateway",
                "localhost", "--gateway-ca", caFile.toString(), "--listen", "127.0.0.1:0", "--duration", "1s",
                "--json");
        assertThat(exit).as("stderr: %s", err).isZero();
        JsonNode line = new ObjectMapper().readTree(out.toString().lines().findFirst().orElseThrow());
        assertThat(line.path("event").asText()).isEqualTo("listening");
        assertThat(line.path("listen").asText()).matches("rtsp://127\\.0\\.0\\.1:\\d+");
        assertThat(line.path("gateway").asText()).isEqualTo("rtsps://localhost:8322");
        assertThat(line.path("agency").asText()).isEqualTo("police");
        assertThat(line.path("serial").asText()).isEqualTo(agency.getSerialNumber().toString(16)
                .toUpperCase(Locale.ROOT));
        assertThat(line.path("notAfter").asText()).isEqualTo(agency.getNotAfter().toInstant().toString());
        assertThat(line.path("trust").asText()).isEqualTo("CA " + caFile + " (host name checked)");
    }

    @Test
    void refusesToListenBeyondLoopbackAndSaysWhy() throws Exception {
        Path cert = pem("police.pem", agency, agencyKeys.getPrivate());
        int exit = run(Map.of(), "--agency-cert", cert.toString(), "--gateway", "gw.example", "--gateway-fingerprint",
                PIN, "--listen", "0.0.0.0:8554");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("error: --listen 0.0.0.0:8554 is not a loopback address: the "
                + "connector's plain RTSP side has no TLS and no login").contains("--allow-remote")
                .doesNotContain("\n");
    }

    @Test
    void refusesAnExpiredAgencyCertificateBeforeListening() throws Exception {
        KeyPair keys = ISSUER.newEcKeyPair();
        X509Certificate old = issue(Instant.now().minus(Duration.ofDays(40)), keys);
        Path cert = pem("old.pem", old, keys.getPrivate());
        int exit = run(Map.of(), "--agency-cert", cert.toString(), "--gateway", "gw.example", "--gateway-fingerprint",
                PIN, "--listen", "127.0.0.1:0");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: your agency certificate expired on "
                + old.getNotAfter().toInstant()).contains("(ask the gateway operator for a new one)");
    }

    @Test
    void needsAWayToCheckTheGateway() throws Exception {
        Path cert = pem("police.pem", agency, agencyKeys.getPrivate());
        int exit = run(Map.of(), "--agency-cert", cert.toString(), "--gateway", "gw.example");
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: nothing to check the gateway's certificate against (give "
                + "--gateway-ca FILE");
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        assertThat(run(Map.of(), "--gateway", "gw.example")).isEqualTo(2);
        assertThat(err.toString()).contains("--agency-cert");
    }
}
