package org.cctvgateway.rtsp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.cctvgateway.pki.CertificateIssuer;
import org.cctvgateway.pki.CertificateSpec;
import org.cctvgateway.pki.GatewayTlsMaterial;
import org.cctvgateway.pki.Pem;
import org.cctvgateway.rtsp.codec.auth.DigestAuthenticator;
import org.cctvgateway.rtsp.codec.auth.UserSecret;
import org.cctvgateway.testing.ExternalProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-request viewer access over RTSPS: a client certificate or Digest credentials identify the
 * agency, the access decides, and every session end and refusal is reported. Real peers: ffprobe
 * over rtsps:// (Digest) and openssl s_client and socat (client certificates).
 */
class RtspServerViewerAccessTest {
    private static final String PATH = "/site/cam/main";
    private static final String FORBIDDEN = "/site/other/main";

    @TempDir
    Path dir;

    private final RecordingAccess access = new RecordingAccess();
    private ServerFixture fx;
    private X509Certificate ca;
    private Path agencyCert;
    private Path agencyKey;
    private Path strangerCert;
    private Path strangerKey;

    /** Admits agency "police" by certificate from the test CA and "fire" by Digest; denies FORBIDDEN. */
    private final class RecordingAccess implements ViewerAccess {
        final List<ViewerRequest> requests = new CopyOnWriteArrayList<>();
        final List<Refusal> refusals = new CopyOnWriteArrayList<>();
        final List<SessionRecord> sessions = new CopyOnWriteArrayList<>();
        final java.util.concurrent.atomic.AtomicBoolean withdrawn = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public CompletionStage<Admission> admit(ViewerRequest request) {
            // Answered from another thread, as an access that writes its audit durably does.
            return CompletableFuture.supplyAsync(() -> decide(request));
        }

        private Admission decide(ViewerRequest request) {
            requests.add(request);
            Admission.Admitted who;
            if (!request.clientCertificates().isEmpty()) {
                X509Certificate leaf = request.clientCertificates().get(0);
                try {
                    leaf.verify(ca.getPublicKey());
                } catch (Exception e) {
                    return new Admission.Refused(403, "certificate is not issued by this gateway's CA",
                            Optional.empty());
                }
                who = new Admission.Admitted("police", "certificate " + leaf.getSerialNumber().toString(16));
            } else if (request.digestUser().isPresent()) {
                who = new Admission.Admitted(request.digestUser().get(), "digest " + request.digestUser().get());
            } else {
                return new Admission.Refused(401, "no client certificate or credentials", Optional.empty());
            }
            if (withdrawn.get()) {
                return new Admission.Refused(403, "consent withdrawn by the owner", Optional.of(who.agency()));
            }
            if (("/" + request.path()).equals(FORBIDDEN) || request.path().equals(FORBIDDEN)) {
                return new Admission.Refused(403, "agency '" + who.agency() + "' may not see " + request.path(),
                        Optional.of(who.agency()));
            }
            return who;
        }

        @Override
        public CompletionStage<Void> sessionEnded(SessionRecord session) {
            sessions.add(session);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> refused(Refusal refusal) {
            return CompletableFuture.runAsync(() -> refusals.add(refusal));
        }
    }

    @BeforeEach
    void start() throws Exception {
        CertificateIssuer issuer = new CertificateIssuer(new SecureRandom());
        Instant now = Instant.now().minusSeconds(60);
        KeyPair caKeys = issuer.newEcKeyPair();
        ca = issuer.selfSigned(new CertificateSpec("Gateway CA", List.of(), List.of(), now, Duration.ofDays(1),
                CertificateSpec.Usage.CA), caKeys);
        KeyPair clientKeys = issuer.newEcKeyPair();
        X509Certificate client = issuer.issue(new CertificateSpec("police", List.of(), List.of(), now,
                Duration.ofDays(1), CertificateSpec.Usage.CLIENT), clientKeys.getPublic(), ca, caKeys.getPrivate());
        KeyPair strangerKeys = issuer.newEcKeyPair();
        X509Certificate stranger = issuer.selfSigned(new CertificateSpec("stranger", List.of(), List.of(), now,
                Duration.ofDays(1), CertificateSpec.Usage.CLIENT), strangerKeys);
        agencyCert = write("agency.crt", Pem.encode(client));
        agencyKey = write("agency.key", Pem.encode(clientKeys.getPrivate()));
        strangerCert = write("stranger.crt", Pem.encode(stranger));
        strangerKey = write("stranger.key", Pem.encode(strangerKeys.getPrivate()));

        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        DigestAuthenticator auth = new DigestAuthenticator(DigestAuthenticator.Options.defaults("cctv-gateway"),
                DigestAuthenticator.users(Map.of("fire", new UserSecret.Password("Fire-Secret-9"))), secret,
                Clock.systemUTC(), new SecureRandom());
        GatewayTlsMaterial material = GatewayTlsMaterial.loadOrCreate(dir, "localhost", Clock.systemUTC())
                .withClientCa(List.of(ca));
        fx = new ServerFixture();
        fx.start(RtspServerOptions.builder().tls(RtspTlsContexts.serverForViewerAccess(material)).auth(auth)
                .access(access).accessRecheck(Duration.ofMillis(300)).sessionTimeout(Duration.ofSeconds(5)).build());
        fx.mount(PATH, ClipFeeder.Clip.h264(), Duration.ofMillis(10));
        fx.mount(FORBIDDEN, ClipFeeder.Clip.h264(), Duration.ofMillis(10));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void digestCredentialsOverRtspsIdentifyTheAgencyAndTheSessionIsReported() throws Exception {
        String url = "rtsps://fire:Fire-Secret-9@127.0.0.1:" + fx.server.localPort() + PATH;
        ExternalProcess.Result r = ExternalProcess.run(List.of("ffprobe", "-v", "error", "-show_streams",
                "-of", "json", url), Duration.ofSeconds(30));

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("\"codec_name\": \"h264\"");
        awaitTrue(() -> !access.sessions.isEmpty());
        ViewerAccess.SessionRecord s = access.sessions.get(0);
        assertThat(s.agency()).isEqualTo("fire");
        assertThat(s.credential()).isEqualTo("digest fire");
        assertThat(s.path()).isEqualTo(PATH);
        assertThat(s.bytes()).isPositive();
        assertThat(s.end()).isAfterOrEqualTo(s.start());
        assertThat(access.refusals).isEmpty();
    }

    @Test
    void aSessionWhoseAccessIsWithdrawnWhilePlayingIsEndedAndTheRefusalReported() throws Exception {
        String url = "rtsps://fire:Fire-Secret-9@127.0.0.1:" + fx.server.localPort() + PATH;
        try (ExternalProcess player = ExternalProcess.start("ffmpeg", "-nostdin", "-v", "error", "-i", url, "-t", "30",
                "-f", "null", "-")) {
            awaitTrue(() -> access.requests.stream().anyMatch(r -> r.method().equals("PLAY")));
            access.withdrawn.set(true);

            awaitTrue(() -> !access.sessions.isEmpty());
            ExternalProcess.Result r = player.await(Duration.ofSeconds(20));
            assertThat(r.exitCode()).as("the player ends with the session, long before its 30 s").isNotNegative();
        }
        assertThat(access.sessions.get(0).endReason()).isEqualTo("access withdrawn: consent withdrawn by the owner");
        assertThat(access.refusals).singleElement().satisfies(f -> {
            assertThat(f.method()).isEqualTo("RECHECK");
            assertThat(f.reason()).isEqualTo("access withdrawn during the session: consent withdrawn by the owner");
            assertThat(f.agency()).contains("fire");
        });
    }

    @Test
    void aClientWithoutCertificateOrCredentialsIsRefusedAndTheRefusalReported() throws Exception {
        ExternalProcess.Result r = ExternalProcess.run(List.of("ffprobe", "-v", "error", "-show_streams",
                fx.url("rtsps", PATH)), Duration.ofSeconds(30));

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("401");
        awaitTrue(() -> !access.refusals.isEmpty());
        assertThat(access.refusals).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(401);
            assertThat(f.reason()).isEqualTo("no client certificate or credentials presented");
            assertThat(f.path()).isEqualTo(PATH);
        });
        assertThat(access.sessions).isEmpty();
    }

    @Test
    void wrongDigestCredentialsAreRefusedAndReported() throws Exception {
        String url = "rtsps://fire:wrong@127.0.0.1:" + fx.server.localPort() + PATH;
        ExternalProcess.Result r = ExternalProcess.run(List.of("ffprobe", "-v", "error", "-show_streams", url),
                Duration.ofSeconds(30));

        assertThat(r.exitCode()).isNotZero();
        awaitTrue(() -> !access.refusals.isEmpty());
        assertThat(access.refusals.get(0).status()).isEqualTo(401);
        assertThat(access.refusals.get(0).reason()).startsWith("wrong credentials");
    }

    @Test
    void aCertificateFromTheCaIsAdmittedAndAForeignOneGetsA403WithTheReason() throws Exception {
        String port = "127.0.0.1:" + fx.server.localPort();
        String describe = "DESCRIBE rtsps://" + port + PATH + " RTSP/1.0\r\nCSeq: 2\r\n\r\n";

        ExternalProcess.Result ours = ExternalProcess.run(List.of("openssl", "s_client", "-connect", port,
                "-ign_eof", "-quiet", "-cert", agencyCert.toString(), "-key", agencyKey.toString()), describe,
                Duration.ofSeconds(20));
        ExternalProcess.Result foreign = ExternalProcess.run(List.of("openssl", "s_client", "-connect", port,
                "-ign_eof", "-quiet", "-cert", strangerCert.toString(), "-key", strangerKey.toString()), describe,
                Duration.ofSeconds(20));

        assertThat(ours.stdout()).as(ours.stderr()).startsWith("RTSP/1.0 200 OK").contains("m=video");
        assertThat(foreign.stdout()).as(foreign.stderr())
                .startsWith("RTSP/1.0 403 Forbidden: certificate is not issued by this gateway's CA");
        assertThat(access.refusals).singleElement().satisfies(f -> {
            assertThat(f.status()).isEqualTo(403);
            assertThat(f.method()).isEqualTo("DESCRIBE");
        });
        assertThat(access.requests).extracting(q -> q.clientCertificates().size()).containsOnly(1);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderWhileAnAdmissionIsPending() throws Exception {
        String port = "127.0.0.1:" + fx.server.localPort();
        String requests = "DESCRIBE rtsps://" + port + PATH + " RTSP/1.0\r\nCSeq: 2\r\n\r\n"
                + "OPTIONS * RTSP/1.0\r\nCSeq: 3\r\n\r\n"
                + "DESCRIBE rtsps://" + port + FORBIDDEN + " RTSP/1.0\r\nCSeq: 4\r\n\r\n"
                + "OPTIONS * RTSP/1.0\r\nCSeq: 5\r\n\r\n";

        ExternalProcess.Result r = ExternalProcess.run(List.of("openssl", "s_client", "-connect", port,
                "-ign_eof", "-quiet", "-cert", agencyCert.toString(), "-key", agencyKey.toString()), requests,
                Duration.ofSeconds(20));

        List<String> answers = r.stdout().lines().filter(l -> l.startsWith("RTSP/1.0") || l.startsWith("CSeq"))
                .toList();
        assertThat(answers).as(r.stdout()).containsExactly("RTSP/1.0 200 OK", "CSeq: 2", "RTSP/1.0 200 OK", "CSeq: 3",
                "RTSP/1.0 403 Forbidden: agency 'police' may not see /site/other/main", "CSeq: 4",
                "RTSP/1.0 200 OK", "CSeq: 5");
    }

    @Test
    void anAgencyTheAccessDoesNotAllowForAStreamGetsA403NamingTheAgency() throws Exception {
        String url = "rtsps://fire:Fire-Secret-9@127.0.0.1:" + fx.server.localPort() + FORBIDDEN;
        ExternalProcess.Result r = ExternalProcess.run(List.of("ffprobe", "-v", "error", "-show_streams", url),
                Duration.ofSeconds(30));

        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("403");
        awaitTrue(() -> !access.refusals.isEmpty());
        assertThat(access.refusals.get(0).agency()).contains("fire");
        assertThat(access.refusals.get(0).reason()).isEqualTo("agency 'fire' may not see /site/other/main");
    }

    @Test
    void ffmpegThroughSocatWithTheAgencyCertificatePlaysAndTheSessionCarriesTheSerial() throws Exception {
        int local;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            local = s.getLocalPort();
        }
        ProcessBuilder socat = new ProcessBuilder("socat",
                "TCP-LISTEN:" + local + ",bind=127.0.0.1,reuseaddr,fork",
                "OPENSSL:127.0.0.1:" + fx.server.localPort() + ",cert=" + agencyCert + ",key=" + agencyKey
                        + ",verify=0");
        try (ExternalProcess proxy = ExternalProcess.start(socat)) {
            awaitTrue(() -> {
                try (java.net.Socket probe = new java.net.Socket("127.0.0.1", local)) {
                    return true;
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            ExternalProcess.Result r = ExternalProcess.run(List.of("ffmpeg", "-nostdin", "-v", "error",
                    "-rtsp_transport", "tcp", "-i", "rtsp://127.0.0.1:" + local + PATH, "-t", "2", "-f", "null", "-"),
                    Duration.ofSeconds(30));
            assertThat(r.exitCode()).as(r.stderr()).isZero();
        }
        awaitTrue(() -> access.sessions.stream().anyMatch(s -> s.agency().equals("police")));
        assertThat(access.sessions).filteredOn(s -> s.agency().equals("police")).first()
                .satisfies(s -> assertThat(s.credential()).startsWith("certificate ").hasSizeGreaterThan(14));
    }

    private Path write(String name, String pem) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, pem);
        return p;
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
