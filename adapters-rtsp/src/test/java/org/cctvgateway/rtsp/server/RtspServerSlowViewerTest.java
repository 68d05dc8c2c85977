package org.cctvgateway.rtsp.server;

import org.cctvgateway.testing.ExternalProcess;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.WriteBufferWaterMark;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A viewer that stops reading is dropped to keyframes and then disconnected, while a healthy
 * ffmpeg viewer of the same stream decodes every frame it is sent.
 */
class RtspServerSlowViewerTest {
    private static final String PATH = "/site/cam/main";

    @Test
    void stalledViewerIsDisconnectedWhileAnotherKeepsDecoding() throws Exception {
        try (ServerFixture fx = new ServerFixture()) {
            fx.start(RtspServerOptions.builder().viewerMaxLag(Duration.ofMillis(500))
                    .writeBufferWaterMark(new WriteBufferWaterMark(8 * 1024, 32 * 1024))
                    .sendBufferBytes(8 * 1024).build());
            fx.mount(PATH, ClipFeeder.Clip.h264(), Duration.ofMillis(10));
            String url = fx.url("rtsp", PATH);
            try (Socket stalled = new Socket()) {
                stalled.setReceiveBufferSize(4096);
                stalled.connect(new InetSocketAddress("127.0.0.1", fx.server.localPort()), 5000);
                stalled.setSoTimeout(5000);
                playWithoutReading(stalled, url);

                ExternalProcess.Result r = ExternalProcess.run(List.of("ffmpeg", "-nostdin", "-v", "error",
                        "-xerror", "-rtsp_transport", "tcp", "-i", url, "-t", "8", "-f", "framecrc", "-"),
                        Duration.ofSeconds(60));

                assertThat(r.exitCode()).as(r.stderr()).isZero();
                assertThat(r.stderr()).isEmpty();
                assertThat(RtspServerPlaybackTest.frames(r.stdout())).isGreaterThanOrEqualTo(180);
                assertThat(fx.counter("gateway.stream.viewer.disconnects", "site", "site")).isEqualTo(1.0);
                assertThat(fx.counter("gateway.stream.frames.dropped", "reason", "slow-viewer")).isPositive();
                assertThat(readsToEndOfStream(stalled.getInputStream())).isTrue();
            }
        }
    }

    private static void playWithoutReading(Socket s, String url) throws Exception {
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        out.write(("SETUP " + url + "/trackID=0 RTSP/1.0\r\nCSeq: 1\r\n"
                + "Transport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String reply = readReply(in);
        Matcher m = Pattern.compile("Session: ([0-9A-F]+)").matcher(reply);
        assertThat(m.find()).as(reply).isTrue();
        out.write(("PLAY " + url + " RTSP/1.0\r\nCSeq: 2\r\nSession: " + m.group(1) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(readReply(in)).startsWith("RTSP/1.0 200 OK");
    }

    private static String readReply(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        while (b.length() < 4096 && !b.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
        }
        return b.toString();
    }

    /** True when the server closed the connection: reading ends within the bounded byte budget. */
    private static boolean readsToEndOfStream(InputStream in) throws Exception {
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        while (total < 64L << 20) {
            int n = in.read(buf);
            if (n < 0) {
                return true;
            }
            total += n;
        }
        return false;
    }
}
