package org.cctvgateway.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Clock;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.cli.Main;
import org.cctvgateway.cli.PipedLines;
import org.cctvgateway.cli.simulator.Clip;
import org.cctvgateway.cli.simulator.ClipSource;
import org.cctvgateway.media.Codec;
import org.cctvgateway.media.HubLimits;
import org.cctvgateway.media.Normalizer;
import org.cctvgateway.media.StreamHub;
import org.cctvgateway.pki.CertificateSpec;
import org.cctvgateway.rtsp.server.MountRegistry;
import org.cctvgateway.rtsp.server.RtspServer;
import org.cctvgateway.rtsp.server.RtspServerOptions;
import org.cctvgateway.rtsp.server.RtspTlsContexts;
import org.cctvgateway.testing.ExternalProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ffprobe, which cannot present a client certificate over {@code rtsps://}, reads a stream of the
 * project's own RTSPS server (client certificates required) through the connector, and through
 * {@code cctv-gateway connect} itself.
 */
class ConnectIT {
    private static final String PATH = "site-1/cam-1/main";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TestPki PKI = new TestPki();

    @TempDir
    static Path dir;

    private static EventLoopGroup group;
    private static StreamHub hub;
    private static ClipSource source;
    private static RtspServer gateway;

    @BeforeAll
    static void startGateway() throws Exception {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        hub = new StreamHub(PATH, HubLimits.DEFAULT);
        MountRegistry mounts = new MountRegistry();
        mounts.register("/" + PATH, hub);
        gateway = new RtspServer(RtspServerOptions.builder().bindAddress("127.0.0.1").port(0)
                .tls(RtspTlsContexts.server(PKI.serverMaterial(PKI.ca), true)).build(), mounts, group,
                Optional.empty(), Clock.SYSTEM);
        gateway.start();
        source = new ClipSource(Clip.bundled(Codec.H264), group.next(), Clock.SYSTEM);
        source.start(new Normalizer(PATH, hub, Clock.SYSTEM));
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (hub.streamInfo().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(hub.streamInfo()).as("clip streaming within %s", WAIT).isPresent();
    }

    @AfterAll
    static void stopGateway() {
        if (source != null) {
            source.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (hub != null) {
            hub.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static ExternalProcess.Result ffprobe(int port) throws Exception {
        return ExternalProcess.run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height", "-of", "json",
                "rtsp://127.0.0.1:" + port + "/" + PATH), WAIT);
    }

    private static void assertReadsTheClip(ExternalProcess.Result r) throws Exception {
        assertThat(r.exitCode()).as("ffprobe exit; stderr: %s", r.stderr()).isZero();
        JsonNode stream = new ObjectMapper().readTree(r.stdout()).path("streams").path(0);
        assertThat(stream.path("codec_name").asText()).isEqualTo("h264");
        assertThat(stream.path("width").asInt()).isEqualTo(640);
        assertThat(stream.path("height").asInt()).isEqualTo(360);
    }

    private static AgencyConnector connector(AgencyCertificate agency, LinkedBlockingQueue<ConnectionEvent> events)
            throws Exception {
        ConnectorOptions o = ConnectorOptions.of(new HostAndPort("127.0.0.1", 0),
                new HostAndPort("127.0.0.1", gateway.localPort()));
        return AgencyConnector.start(o, agency, PKI.caTrust(dir, PKI.ca), null, events::add);
    }

    @Test
    void ffprobeReadsCodecAndResolutionThroughTheConnector() throws Exception {
        LinkedBlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();
        try (AgencyConnector c = connector(PKI.agencyCertificate(), events)) {
            assertReadsTheClip(ffprobe(c.localAddress().getPort()));
            ConnectionEvent.Closed closed = closedEvent(events);
            assertThat(closed.failure()).isEmpty();
            assertThat(closed.bytesFromGateway()).isPositive();
        }
    }

    /** ffprobe tries RTP over UDP first; the connector's 461 sends it to TCP instead of video in clear. */
    @Test
    void ffprobeWithoutTcpOptionFallsBackToTcpThroughTheConnector() throws Exception {
        LinkedBlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();
        try (AgencyConnector c = connector(PKI.agencyCertificate(), events)) {
            assertReadsTheClip(ExternalProcess.run(List.of("ffprobe", "-v", "error", "-select_streams", "v:0",
                    "-show_entries", "stream=codec_name,width,height", "-of", "json",
                    "rtsp://127.0.0.1:" + c.localAddress().getPort() + "/" + PATH), WAIT));
        }
    }

    @Test
    void ffprobeGetsNothingWithAnAgencyCertificateFromAnotherCa() throws Exception {
        KeyPair keys = PKI.issuer.newEcKeyPair();
        X509Certificate foreign = PKI.issuer.issue(TestPki.spec("intruder", List.of(), List.of(),
                CertificateSpec.Usage.CLIENT), keys.getPublic(), PKI.foreignCa, PKI.foreignCaKeys.getPrivate());
        LinkedBlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();
        try (AgencyConnector c = connector(AgencyCertificate.of(keys.getPrivate(), List.of(foreign)), events)) {
            assertThat(ffprobe(c.localAddress().getPort()).exitCode()).isNotZero();
            assertThat(closedEvent(events).failure()).hasValueSatisfying(f -> assertThat(f)
                    .startsWith("gateway refused our certificate: "));
        }
    }

    /** The command line as a user runs it, with a PKCS#12 file whose password is in the environment. */
    @Test
    void connectCommandCarriesFfprobeToTheGateway() throws Exception {
        // PROBE_TEST_PASSWORD is set for the failsafe JVM by cli/pom.xml.
        String password = System.getenv("PROBE_TEST_PASSWORD");
        assertThat(password).as("PROBE_TEST_PASSWORD in the environment (set by failsafe)").isNotEmpty();
        Path p12 = TestPki.writePkcs12(dir.resolve("police.p12"), PKI.agencyKeys, PKI.agency, password);
        Path ca = TestPki.writePem(dir.resolve("ca.pem"), PKI.ca);
        PipedLines lines = new PipedLines();
        StringWriter err = new StringWriter();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(lines.writer(),
                new PrintWriter(err, true), "connect", "--agency-cert", p12.toString(), "--agency-cert-password-env",
                "PROBE_TEST_PASSWORD", "--gateway", "127.0.0.1:" + gateway.localPort(), "--gateway-ca", ca.toString(),
                "--listen", "127.0.0.1:0", "--duration", "15s", "--json"));
        JsonNode listening = json(lines);
        assertThat(listening.path("event").asText()).as("stderr: %s", err).isEqualTo("listening");
        assertThat(listening.path("agency").asText()).isEqualTo(TestPki.AGENCY);
        int port = Integer.parseInt(listening.path("listen").asText().replaceAll(".*:", ""));
        assertReadsTheClip(ffprobe(port));
        assertThat(json(lines).path("event").asText()).isEqualTo("open");
        JsonNode close = json(lines);
        assertThat(close.path("event").asText()).isEqualTo("close");
        assertThat(close.path("bytesFromGateway").asLong()).isPositive();
        assertThat(close.has("error")).isFalse();
        assertThat(exit.get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exit; stderr: %s", err).isZero();
        assertThat(err.toString()).doesNotContain(password);
    }

    private static ConnectionEvent.Closed closedEvent(LinkedBlockingQueue<ConnectionEvent> events)
            throws InterruptedException {
        List<ConnectionEvent> seen = new ArrayList<>();
        while (true) {
            ConnectionEvent e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(e).as("a Closed event within %s after %s", WAIT, seen).isNotNull();
            if (e instanceof ConnectionEvent.Closed c) {
                return c;
            }
            seen.add(e);
        }
    }

    private static JsonNode json(PipedLines lines) throws Exception {
        return new ObjectMapper().readTree(lines.next(WAIT));
    }
}
