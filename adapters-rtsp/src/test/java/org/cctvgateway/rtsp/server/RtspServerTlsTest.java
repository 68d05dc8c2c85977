package org.cctvgateway.rtsp.server;

import org.cctvgateway.testing.ExternalProcess;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cctvgateway.ConfigException;
import org.cctvgateway.pki.CertificateIssuer;
import org.cctvgateway.pki.CertificateSpec;
import org.cctvgateway.pki.GatewayTlsMaterial;
import org.cctvgateway.pki.Pem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RTSPS: ffmpeg over rtsps://, the TLS policy seen by openssl, and client certificates. */
class RtspServerTlsTest {
    private static final String PATH = "/site/cam/main";
    private static final String OPTIONS = "OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n";

    @TempDir
    Path dir;

    private ServerFixture fx;

    @AfterEach
    void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    private GatewayTlsMaterial material() {
        return GatewayTlsMaterial.loadOrCreate(dir, "localhost", Clock.systemUTC());
    }

    private void start(GatewayTlsMaterial material, boolean requireClientCertificate) {
        fx = new ServerFixture();
        fx.start(RtspServerOptions.builder().tls(RtspTlsContexts.server(material, requireClientCertificate))
                .sessionTimeout(Duration.ofSeconds(1)).build());
    }

    @Test
    void ffmpegDecodesOverRtsps() throws Exception {
        start(material(), false);
        fx.mount(PATH, ClipFeeder.Clip.h264(), Duration.ofMillis(10));
        ExternalProcess.Result r = ExternalProcess.run(List.of("ffmpeg", "-nostdin", "-v", "error", "-xerror",
                "-i", fx.url("rtsps", PATH), "-t", "5", "-f", "framecrc", "-"), Duration.ofSeconds(60));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEmpty();
        assertThat(RtspServerPlaybackTest.frames(r.stdout())).isGreaterThanOrEqualTo(100);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "TLS 1.3 accepted,              -tls1_3, '',                                     true",
        "TLS 1.2 ECDHE AES-GCM accepted, -tls1_2, ECDHE-ECDSA-AES128-GCM-SHA256,           true",
        "TLS 1.2 ChaCha20 accepted,     -tls1_2, ECDHE-ECDSA-CHACHA20-POLY1305,           true",
        "TLS 1.2 CBC refused,           -tls1_2, ECDHE-ECDSA-AES128-SHA256:@SECLEVEL=0,   false",
        "TLS 1.1 refused,               -tls1_1, DEFAULT:@SECLEVEL=0,                     false",
    })
    void tlsPolicyAsOpensslSeesIt(String name, String version, String cipher, boolean accepted) throws Exception {
        start(material(), false);
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + fx.server.localPort(), "-ign_eof", version));
        if (!cipher.isEmpty()) {
            cmd.addAll(List.of("-cipher", cipher));
        }
        ExternalProcess.Result r = ExternalProcess.run(cmd, OPTIONS, Duration.ofSeconds(20));
        if (accepted) {
            assertThat(r.stdout()).contains("RTSP/1.0 200 OK").contains("Public: OPTIONS");
            assertThat(r.stdout()).contains(version.equals("-tls1_3") ? "TLSv1.3" : "TLSv1.2");
        } else {
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.stdout()).doesNotContain("RTSP/1.0 200 OK");
        }
    }

    @Test
    void clientCertificateRequiredRefusesClientWithoutOneAndAcceptsOneFromTheCa() throws Exception {
        CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());
        Instant now = Instant.now().minusSeconds(60);
        KeyPair caKeys = issuer.newEcKeyPair();
        X509Certificate ca = issuer.selfSigned(new CertificateSpec("Agency CA", List.of(), List.of(), now,
                Duration.ofDays(1), CertificateSpec.Usage.CA), caKeys);
        KeyPair clientKeys = issuer.newEcKeyPair();
        X509Certificate client = issuer.issue(new CertificateSpec("viewer-1", List.of(), List.of(), now,
                Duration.ofDays(1), CertificateSpec.Usage.CLIENT), clientKeys.getPublic(), ca, caKeys.getPrivate());
        KeyPair strangerKeys = issuer.newEcKeyPair();
        X509Certificate stranger = issuer.selfSigned(new CertificateSpec("stranger", List.of(), List.of(), now,
                Duration.ofDays(1), CertificateSpec.Usage.CLIENT), strangerKeys);
        Path cert = write("client.crt", Pem.encode(client));
        Path key = write("client.key", Pem.encode(clientKeys.getPrivate()));
        Path strangerCert = write("stranger.crt", Pem.encode(stranger));
        Path strangerKey = write("stranger.key", Pem.encode(strangerKeys.getPrivate()));
        start(material().withClientCa(List.of(ca)), true);
        String port = "127.0.0.1:" + fx.server.localPort();

        ExternalProcess.Result without = ExternalProcess.run(List.of("openssl", "s_client", "-connect", port,
                "-ign_eof", "-tls1_3"), OPTIONS, Duration.ofSeconds(20));
        ExternalProcess.Result wrongCa = ExternalProcess.run(List.of("openssl", "s_client", "-connect", port,
                "-ign_eof", "-tls1_3", "-cert", strangerCert.toString(), "-key", strangerKey.toString()),
                OPTIONS, Duration.ofSeconds(20));
        ExternalProcess.Result with = ExternalProcess.run(List.of("openssl", "s_client", "-connect", port,
                "-ign_eof", "-tls1_3", "-cert", cert.toString(), "-key", key.toString()),
                OPTIONS, Duration.ofSeconds(20));

        assertThat(without.stdout()).doesNotContain("RTSP/1.0 200 OK");
        assertThat(without.stdout() + without.stderr()).containsIgnoringCase("alert");
        assertThat(wrongCa.stdout()).doesNotContain("RTSP/1.0 200 OK");
        assertThat(with.stdout()).as(with.stderr()).contains("RTSP/1.0 200 OK");
        assertThat(fx.counter("gateway.protocol.errors", "protocol", "rtsp", "reason", "tls")).isEqualTo(2.0);
    }

    @Test
    void overRtspsOnlyInterleavedTcpIsOfferedSoNoVideoLeavesTheTlsSession() throws Exception {
        start(material(), false);
        fx.mount(PATH, ClipFeeder.Clip.h264(), Duration.ofMillis(10));
        String track = "rtsps://127.0.0.1:" + fx.server.localPort() + PATH + "/trackID=0";
        String requests = "SETUP " + track + " RTSP/1.0\r\nCSeq: 2\r\n"
                + "Transport: RTP/AVP;unicast;client_port=40000-40001\r\n\r\n"
                + "SETUP " + track + " RTSP/1.0\r\nCSeq: 3\r\n"
                + "Transport: RTP/AVP;unicast;client_port=40000-40001,RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n";
        awaitStream();

        ExternalProcess.Result r = ExternalProcess.run(List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + fx.server.localPort(), "-ign_eof", "-quiet"), requests, Duration.ofSeconds(20));

        List<String> lines = r.stdout().lines().filter(l -> l.startsWith("RTSP/1.0") || l.startsWith("Transport"))
                .toList();
        assertThat(lines).as(r.stdout()).hasSize(3);
        assertThat(lines.subList(0, 2)).containsExactly("RTSP/1.0 461 Unsupported transport", "RTSP/1.0 200 OK");
        assertThat(lines.get(2)).startsWith("Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
    }

    private void awaitStream() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (fx.mounts.resolve(PATH).flatMap(h -> h.streamInfo()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void requiringClientCertificatesWithoutCaIsAConfigError() {
        GatewayTlsMaterial m = material();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RtspTlsContexts.server(m, true))
                .isInstanceOf(ConfigException.class).hasMessageContaining("server.tls.clientCa");
    }

    private Path write(String name, String pem) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, pem);
        return p;
    }
}
