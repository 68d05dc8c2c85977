package org.cctvgateway.rtsp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Clock;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.cctvgateway.GatewayException;
import org.junit.jupiter.api.Test;

class RtspServerLifecycleTest {
    @Test
    void portInUseIsAClearErrorWithAHint() throws Exception {
        try (ServerFixture fx = new ServerFixture()) {
            RtspServer first = fx.start(RtspServerOptions.builder().build());
            RtspServer second = new RtspServer(RtspServerOptions.builder().port(first.localPort()).build(),
                    fx.mounts, fx.group, Optional.empty(), Clock.SYSTEM);
            assertThatThrownBy(second::start).isInstanceOf(GatewayException.class)
                    .hasMessage("port " + first.localPort() + " on 127.0.0.1 is already in use")
                    .satisfies(e -> assertThat(((GatewayException) e).hint()).contains("server.port"));
            second.close();
        }
    }

    @Test
    void closeEndsOpenConnectionsAndIsIdempotent() throws Exception {
        try (ServerFixture fx = new ServerFixture()) {
            RtspServer server = fx.start(RtspServerOptions.builder().build());
            fx.mount("/s/c/main", ClipFeeder.Clip.h264(), Duration.ofMillis(40));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", server.localPort()), 5000);
                s.setSoTimeout(5000);
                s.getOutputStream().write(("SETUP rtsp://127.0.0.1/s/c/main/trackID=0 RTSP/1.0\r\nCSeq: 1\r\n"
                        + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                byte[] head = in.readNBytes(15);
                assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("RTSP/1.0 200 OK");
                assertThat(server.sessionCount()).isEqualTo(1);
                server.close();
                server.close();
                byte[] rest = new byte[4096];
                int n = 0;
                while (n >= 0) {
                    n = in.read(rest);
                }
                assertThat(server.sessionCount()).isZero();
            }
        }
    }

    @Test
    void optionsRejectValuesOutOfRangeNamingTheSetting() {
        assertThatThrownBy(() -> RtspServerOptions.builder().port(70000).build())
                .hasMessageContaining("server.port is 70000");
        assertThatThrownBy(() -> RtspServerOptions.builder().maxPayloadBytes(10).build())
                .hasMessageContaining("server.maxPayloadBytes is 10");
        assertThatThrownBy(() -> RtspServerOptions.builder().sessionTimeout(Duration.ZERO).build())
                .hasMessageContaining("server.sessionTimeout");
        assertThatThrownBy(() -> RtspServerOptions.builder()
                .udpPorts(new org.cctvgateway.rtsp.codec.PortRange(5001, 5010)).build())
                .hasMessageContaining("even port");
    }
}
