package org.cctvgateway.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.GatewayException;
import org.cctvgateway.pki.CertificateSpec;
import org.cctvgateway.pki.GatewayTlsMaterial;
import org.cctvgateway.rtsp.server.RtspTlsContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connector on real TLS over 127.0.0.1, against a TLS echo server standing in for the gateway. */
class AgencyConnectorTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final TestPki PKI = new TestPki();
    private static EventLoopGroup group;

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final LinkedBlockingQueue<ConnectionEvent> events = new LinkedBlockingQueue<>();

    @BeforeAll
    static void startGroup() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private <T extends AutoCloseable> T own(T c) {
        toClose.add(c);
        return c;
    }

    private TlsEchoServer gatewayTrusting(java.security.cert.X509Certificate clientCa) {
        return own(new TlsEchoServer(RtspTlsContexts.server(PKI.serverMaterial(clientCa), true), group));
    }

    private AgencyConnector connector(int gatewayPort, GatewayTrust trust, int maxConnections) {
        ConnectorOptions o = new ConnectorOptions(new HostAndPort("127.0.0.1", 0),
                new HostAndPort("127.0.0.1", gatewayPort), false, maxConnections, Duration.ofSeconds(5),
                Duration.ofSeconds(2));
        return own(AgencyConnector.start(o, PKI.agencyCertificate(), trust, null, events::add));
    }

    private Socket player(AgencyConnector c) throws IOException {
        Socket s = own(new Socket("127.0.0.1", c.localAddress().getPort()));
        s.setSoTimeout((int) WAIT.toMillis());
        return s;
    }

    private <E extends ConnectionEvent> E next(Class<E> type) throws InterruptedException {
        ConnectionEvent e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(e).as("event within %s", WAIT).isNotNull();
        assertThat(e).isInstanceOf(type);
        return type.cast(e);
    }

    /** Reads until the peer closes; fails the test if it does not within the socket timeout. */
    private static void assertClosedByConnector(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        try {
            while (in.read(buf) >= 0) {
                // drain anything sent before the close
            }
        } catch (java.net.SocketException reset) {
            // a reset is a close too
        }
    }

    @Test
    void carriesSeveralMegabytesBothWaysIntactAndGatewaySeesAgencyCertificate() throws Exception {
        TlsEchoServer gw = gatewayTrusting(PKI.ca);
        AgencyConnector c = connector(gw.port(), PKI.caTrust(dir, PKI.ca), 4);
        Socket s = player(c);
        byte[] data = new byte[8 * 1024 * 1024];
        new Random(42).nextBytes(data);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                OutputStream out = s.getOutputStream();
                for (int off = 0; off < data.length; off += 65536) {
                    out.write(data, off, Math.min(65536, data.length - off));
                }
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        MessageDigest echoed = MessageDigest.getInstance("SHA-256");
        InputStream in = s.getInputStream();
        byte[] buf = new byte[65536];
        long total = 0;
        while (total < data.length) {
            int n = in.read(buf);
            assertThat(n).as("echo ended after %d bytes", total).isPositive();
            echoed.update(buf, 0, n);
            total += n;
        }
        writer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(echoed.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
        assertThat(gw.clientSubjects.poll(5, TimeUnit.SECONDS)).isEqualTo("CN=" + TestPki.AGENCY);
        assertThat(next(ConnectionEvent.Opened.class).id()).isEqualTo(1);

        s.close();
        ConnectionEvent.Closed closed = next(ConnectionEvent.Closed.class);
        assertThat(closed.failure()).isEmpty();
        assertThat(closed.bytesToGateway()).isEqualTo(data.length);
        assertThat(closed.bytesFromGateway()).isEqualTo(data.length);
        assertThat(c.activeConnections()).isZero();
    }

    @Test
    void closesPlayerAndSaysSoWhenGatewayRefusesAgencyCertificate() throws Exception {
        TlsEchoServer gw = gatewayTrusting(PKI.foreignCa);
        AgencyConnector c = connector(gw.port(), PKI.caTrust(dir, PKI.ca), 4);
        Socket s = player(c);
        s.getOutputStream().write("OPTIONS rtsp://127.0.0.1/ RTSP/1.0\r\nCSeq: 1\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        assertClosedByConnector(s);
        ConnectionEvent.Closed closed = lastClosed();
        assertThat(closed.failure())
                .hasValueSatisfying(f -> assertThat(f).startsWith("gateway refused our certificate: "));
        assertThat(gw.clientSubjects).isEmpty();
    }

    /** Like the gateway's deferred client trust: names one CA in its request, takes any chain and judges later. */
    @Test
    void presentsTheAgencyCertificateEvenWhenTheGatewayAsksForAnotherCa() throws Exception {
        javax.net.ssl.X509ExtendedTrustManager acceptAll = new javax.net.ssl.X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType,
                                           java.net.Socket socket) {
            }

            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType,
                                           javax.net.ssl.SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType)
                    throws java.security.cert.CertificateException {
                throw new java.security.cert.CertificateException("server side only");
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType,
                                           java.net.Socket socket) throws java.security.cert.CertificateException {
                throw new java.security.cert.CertificateException("server side only");
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType,
                                           javax.net.ssl.SSLEngine engine)
                    throws java.security.cert.CertificateException {
                throw new java.security.cert.CertificateException("server side only");
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[] {PKI.foreignCa};
            }
        };
        io.netty.handler.ssl.SslContext tls = io.netty.handler.ssl.SslContextBuilder
                .forServer(PKI.serverKeys.getPrivate(), PKI.server)
                .sslProvider(io.netty.handler.ssl.SslProvider.JDK)
                .trustManager(acceptAll)
                .clientAuth(io.netty.handler.ssl.ClientAuth.REQUIRE)
                .build();
        TlsEchoServer gw = own(new TlsEchoServer(tls, group));
        AgencyConnector c = connector(gw.port(), PKI.caTrust(dir, PKI.ca), 4);
        assertEchoes(player(c));
        assertThat(gw.clientSubjects.poll(5, TimeUnit.SECONDS)).isEqualTo("CN=" + TestPki.AGENCY);
    }

    @Test
    void refusesGatewayWhoseCertificateIsNotFromTheGivenCa() throws Exception {
        TlsEchoServer gw = gatewayTrusting(PKI.ca);
        AgencyConnector c = connector(gw.port(), PKI.caTrust(dir, PKI.foreignCa), 4);
        assertClosedByConnector(player(c));
        assertThat(lastClosed().failure()).hasValueSatisfying(f -> assertThat(f)
                .startsWith("gateway certificate not trusted by --gateway-ca " + dir.resolve("gateway-ca.pem"))
                .contains("issued by CN=Test Gateway CA"));
    }

    @Test
    void acceptsGatewayByPinnedFingerprint() throws Exception {
        TlsEchoServer gw = gatewayTrusting(PKI.ca);
        String pin = GatewayTlsMaterial.fingerprint(PKI.server).replace(":", "").toLowerCase(java.util.Locale.ROOT);
        AgencyConnector c = connector(gw.port(), GatewayTrust.of(Optional.empty(), Optional.of(pin), true), 4);
        assertEchoes(player(c));
    }

    @Test
    void refusesGatewayWhoseFingerprintDiffersFromThePin() throws Exception {
        TlsEchoServer gw = gatewayTrusting(PKI.ca);
        String pin = GatewayTlsMaterial.fingerprint(PKI.ca);
        AgencyConnector c = connector(gw.port(), GatewayTrust.of(Optional.empty(), Optional.of(pin), true), 4);
        assertClosedByConnector(player(c));
        assertThat(lastClosed().failure()).hasValue("gateway certificate SHA-256 fingerprint is "
                + GatewayTlsMaterial.fingerprint(PKI.server) + ", not the pinned --gateway-fingerprint " + pin);
    }

    @Test
    void refusesGatewayCertificateThatDoesNotNameTheHostUnlessTheCheckIsOff() throws Exception {
        java.security.KeyPair keys = PKI.issuer.newEcKeyPair();
        java.security.cert.X509Certificate other = PKI.issue(TestPki.spec("gw", List.of("gateway.example"), List.of(),
                CertificateSpec.Usage.SERVER), keys);
        GatewayTlsMaterial material = GatewayTlsMaterial.of(keys.getPrivate(), List.of(other))
                .withClientCa(List.of(PKI.ca));
        TlsEchoServer gw = own(new TlsEchoServer(RtspTlsContexts.server(material, true), group));
        Path caFile = TestPki.writePem(dir.resolve("ca.pem"), PKI.ca);

        AgencyConnector checked = connector(gw.port(), GatewayTrust.of(Optional.of(caFile), Optional.empty(), true), 4);
        assertClosedByConnector(player(checked));
        assertThat(lastClosed().failure()).hasValueSatisfying(f -> assertThat(f)
                .startsWith("gateway certificate is for gateway.example, not for '127.0.0.1'"));

        AgencyConnector unchecked = connector(gw.port(), GatewayTrust.of(Optional.of(caFile), Optional.empty(), false),
                4);
        assertEchoes(player(unchecked));
    }

    @Test
    void answersAUdpSetupItselfSoTheVideoStaysInsideTls() throws Exception {
        TlsEchoServer gw = gatewayTrusting(PKI.ca);
        AgencyConnector c = connector(gw.port(), PKI.caTrust(dir, PKI.ca), 4);
        Socket s = player(c);
        assertEchoes(s);
        s.getOutputStream().write(("SETUP rtsp://127.0.0.1:8554/a/b/main/trackID=0 RTSP/1.0\r\nCSeq: 7\r\n"
                + "Transport: RTP/AVP/UDP;unicast;client_port=5000-5001\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] expected = "RTSP/1.0 461 Unsupported Transport\r\nCSeq: 7\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(s.getInputStream().readNBytes(expected.length)).isEqualTo(expected);
        // The echo gateway never saw the SETUP: the next bytes back are the echo of what follows.
        assertEchoes(s);
    }

    @Test
    void closesConnectionsOverTheLimitWithoutDialingTheGateway() throws Exception {
        TlsEchoServer gw = gatewayTrusting(PKI.ca);
        AgencyConnector c = connector(gw.port(), PKI.caTrust(dir, PKI.ca), 1);
        Socket first = player(c);
        assertEchoes(first);
        assertThat(next(ConnectionEvent.Opened.class).id()).isEqualTo(1);
        Socket second = player(c);
        assertClosedByConnector(second);
        assertThat(next(ConnectionEvent.Refused.class).limit()).isEqualTo(1);
        assertThat(gw.connections.size()).isEqualTo(1);
        assertEchoes(first);
    }

    @Test
    void closesPlayerWhenGatewayCloses() throws Exception {
        TlsEchoServer gw = gatewayTrusting(PKI.ca);
        AgencyConnector c = connector(gw.port(), PKI.caTrust(dir, PKI.ca), 4);
        Socket s = player(c);
        assertEchoes(s);
        gw.connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        assertClosedByConnector(s);
        assertThat(lastClosed().failure()).isEmpty();
    }

    @Test
    void reportsAGatewayThatIsNotListening() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        AgencyConnector c = connector(port, PKI.caTrust(dir, PKI.ca), 4);
        assertClosedByConnector(player(c));
        assertThat(lastClosed().failure()).hasValueSatisfying(f -> assertThat(f)
                .startsWith("cannot connect to gateway 127.0.0.1:" + port + ": Connection refused"));
    }

    @Test
    void reportsAGatewayThatNeverAnswersTheHandshake() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress())) {
            AgencyConnector c = connector(silent.getLocalPort(), PKI.caTrust(dir, PKI.ca), 4);
            Socket s = player(c);
            try (Socket accepted = silent.accept()) {
                assertClosedByConnector(s);
            }
            assertThat(lastClosed().failure()).hasValue("gateway 127.0.0.1:" + silent.getLocalPort()
                    + " did not complete the TLS handshake within 2s");
        }
    }

    @Test
    void reportsAGatewayPortThatSpeaksPlainRtsp() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 4, java.net.InetAddress.getLoopbackAddress())) {
            AgencyConnector c = connector(plain.getLocalPort(), PKI.caTrust(dir, PKI.ca), 4);
            Socket s = player(c);
            try (Socket accepted = plain.accept()) {
                accepted.getOutputStream().write("RTSP/1.0 400 Bad Request\r\nCSeq: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                assertClosedByConnector(s);
            }
            assertThat(lastClosed().failure()).hasValue("gateway 127.0.0.1:" + plain.getLocalPort()
                    + " does not speak TLS on that port (a plain RTSP port?)");
        }
    }

    @Test
    void refusesToListenBeyondLoopbackUnlessAllowed() {
        ConnectorOptions o = new ConnectorOptions(new HostAndPort("0.0.0.0", 0), new HostAndPort("127.0.0.1", 8322),
                false, 4, Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThatThrownBy(() -> AgencyConnector.start(o, PKI.agencyCertificate(), PKI.caTrust(dir, PKI.ca), group,
                events::add))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("--listen 0.0.0.0:0 is not a loopback address")
                .hasMessageContaining("no TLS and no login");
        ConnectorOptions allowed = new ConnectorOptions(o.listen(), o.gateway(), true, 4, o.connectTimeout(),
                o.handshakeTimeout());
        assertThat(AgencyConnector.checkListen(allowed).isAnyLocalAddress()).isTrue();
    }

    @Test
    void saysWhichPortIsTakenWhenItCannotListen() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ConnectorOptions o = new ConnectorOptions(new HostAndPort("127.0.0.1", taken.getLocalPort()),
                    new HostAndPort("127.0.0.1", 8322), false, 4, Duration.ofSeconds(1), Duration.ofSeconds(1));
            assertThatThrownBy(() -> AgencyConnector.start(o, PKI.agencyCertificate(), PKI.caTrust(dir, PKI.ca), group,
                    events::add))
                    .isInstanceOf(GatewayException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ");
        }
    }

    /** Skips Opened events; the Closed that follows. */
    private ConnectionEvent.Closed lastClosed() throws InterruptedException {
        while (true) {
            ConnectionEvent e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(e).as("a Closed event within %s", WAIT).isNotNull();
            if (e instanceof ConnectionEvent.Closed c) {
                return c;
            }
        }
    }

    private static void assertEchoes(Socket s) throws IOException {
        byte[] hello = "OPTIONS rtsp://127.0.0.1:8554/ RTSP/1.0\r\nCSeq: 1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        s.getOutputStream().write(hello);
        byte[] back = s.getInputStream().readNBytes(hello.length);
        assertThat(back).isEqualTo(hello);
    }
}
