package org.cctvgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.cctvgateway.onvif.device.OnvifDeviceConfig;
import org.cctvgateway.onvif.device.OnvifDeviceService;
import org.cctvgateway.spi.DeviceIdentity;
import org.cctvgateway.spi.MediaProfile;
import org.junit.jupiter.api.Test;

/**
 * Every way a probe goes wrong gives its own clear line and exit code 1: wrong password, a
 * camera clock too far off to tell from a wrong password, nothing listening, a web server that
 * is not ONVIF, a malformed reply and a gigantic one. A camera whose clock is merely wrong is
 * still read, with its offset reported. The password comes from PROBE_TEST_PASSWORD, set for this test run the way
 * a user's shell would.
 */
class ProbeErrorsIT {
    private static final String PASSWORD = "Probe-Pw-1";
    private static final DeviceIdentity ID = new DeviceIdentity("Acme Vision", "AV-2040", "1.0", "SN1", "AV-2040",
            "02:00:00:00:00:01");
    private static final MediaProfile PROFILE = new MediaProfile("main", "main", "H264", 640, 360, 25, 600, 25,
            URI.create("rtsp://127.0.0.1:1/live"), Optional.empty());

    private record Run(int exit, String out, String err) {
        String line() {
            return err.lines().filter(l -> l.startsWith("error: ")).findFirst().orElse(err);
        }
    }

    private static Run probe(int port) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "probe",
                "127.0.0.1:" + port, "--user", "admin", "--password-env", "PROBE_TEST_PASSWORD", "--timeout", "3s",
                "--no-check");
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void eachFailureHasItsOwnLine() throws Exception {
        assertThat(System.getenv("PROBE_TEST_PASSWORD")).as("set by the failsafe configuration").isEqualTo(PASSWORD);
        try (OnvifDeviceService otherPassword = OnvifDeviceService.start(InetAddress.getLoopbackAddress(), 0,
                OnvifDeviceConfig.of(ID, List.of(PROFILE), "admin", "not-the-one", List.of()));
             OnvifDeviceService skewed = OnvifDeviceService.start(InetAddress.getLoopbackAddress(), 0,
                     new OnvifDeviceConfig(ID, List.of(PROFILE), "admin", PASSWORD, List.of(), List.of(),
                             Duration.ofMinutes(-7)));
             OnvifDeviceService skewedOtherPassword = OnvifDeviceService.start(InetAddress.getLoopbackAddress(), 0,
                     new OnvifDeviceConfig(ID, List.of(PROFILE), "admin", "not-the-one", List.of(), List.of(),
                             Duration.ofMinutes(-7)));
             FakeWebServer web = new FakeWebServer()) {
            Run wrong = probe(otherPassword.port());
            assertThat(wrong.exit()).as("out: %s err: %s", wrong.out(), wrong.err()).isEqualTo(1);
            assertThat(wrong.line()).contains("refused the user 'admin' (wrong password)").contains("check the password");

            // The token is signed on the camera's own clock, so a camera 7 minutes off is still
            // read, and the offset is reported for validation to judge.
            Run offClock = probe(skewed.port());
            assertThat(offClock.exit()).as("out: %s err: %s", offClock.out(), offClock.err()).isZero();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("clock offset: (-?[0-9.]+) s")
                    .matcher(offClock.out());
            assertThat(m.find()).as(offClock.out()).isTrue();
            assertThat(Double.parseDouble(m.group(1))).isBetween(-425.0, -415.0);

            // Refused on both clocks with the camera 7 minutes off: the clock is named first.
            Run clock = probe(skewedOtherPassword.port());
            assertThat(clock.exit()).isEqualTo(1);
            assertThat(clock.line()).contains("clock is").contains("7 minutes behind").contains("check the password");

            int closed;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closed = s.getLocalPort();
            }
            Run unreachable = probe(closed);
            assertThat(unreachable.exit()).isEqualTo(1);
            assertThat(unreachable.line()).contains("cannot be reached").contains("connection refused");

            web.reply("text/html", "<html><body><h1>Router login</h1></body></html>");
            Run html = probe(web.port());
            assertThat(html.exit()).isEqualTo(1);
            assertThat(html.line()).contains("does not speak ONVIF");

            web.reply("application/soap+xml",
                    "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><unclosed>");
            Run malformed = probe(web.port());
            assertThat(malformed.exit()).isEqualTo(1);
            assertThat(malformed.line()).contains("sent a reply that cannot be");

            web.reply("application/soap+xml", "<x>" + "a".repeat(3 << 20) + "</x>");
            Run huge = probe(web.port());
            assertThat(huge.exit()).isEqualTo(1);
            assertThat(huge.line()).contains("limit is");
            for (Run r : List.of(wrong, offClock, clock, unreachable, html, malformed, huge)) {
                assertThat(r.err()).doesNotContain(PASSWORD).doesNotContain("Exception:").doesNotContain("\tat ");
            }
        }
    }

    /** A web server that answers every request with one scripted reply. */
    private static final class FakeWebServer implements AutoCloseable {
        private final HttpServer server;
        private volatile String type = "text/plain";
        private volatile byte[] body = new byte[0];

        FakeWebServer() throws Exception {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            server.createContext("/", ex -> {
                try (ex) {
                    ex.getRequestBody().readAllBytes();
                    ex.getResponseHeaders().set("Content-Type", type);
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                }
            });
            server.start();
        }

        void reply(String contentType, String text) {
            type = contentType;
            body = text.getBytes(StandardCharsets.UTF_8);
        }

        int port() {
            return server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
