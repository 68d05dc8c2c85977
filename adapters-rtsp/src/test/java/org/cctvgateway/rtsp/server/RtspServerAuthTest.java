package org.cctvgateway.rtsp.server;

import org.cctvgateway.testing.ExternalProcess;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cctvgateway.rtsp.codec.auth.DigestAuthenticator;
import org.cctvgateway.rtsp.codec.auth.UserSecret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Digest authentication as the camera simulator uses it, with ffprobe as the client. */
class RtspServerAuthTest {
    private static final String PATH = "/site/cam/main";

    private ServerFixture fx;

    @BeforeEach
    void start() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        DigestAuthenticator auth = new DigestAuthenticator(DigestAuthenticator.Options.defaults("cctv-gateway"),
                DigestAuthenticator.users(Map.of("viewer", new UserSecret.Password("s3cret"))), secret,
                Clock.systemUTC(), new SecureRandom());
        fx = new ServerFixture();
        fx.start(RtspServerOptions.builder().auth(auth).build());
        fx.mount(PATH, ClipFeeder.Clip.h264(), Duration.ofMillis(10));
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void ffprobeWithTheRightPasswordReadsTheStream() throws Exception {
        String url = "rtsp://viewer:s3cret@127.0.0.1:" + fx.server.localPort() + PATH;
        ExternalProcess.Result r = ExternalProcess.run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                "-show_streams", "-of", "json", url), Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("\"codec_name\": \"h264\"");
    }

    @Test
    void ffprobeWithAWrongPasswordIsRefused() throws Exception {
        String url = "rtsp://viewer:wrong@127.0.0.1:" + fx.server.localPort() + PATH;
        ExternalProcess.Result r = ExternalProcess.run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                "-show_streams", "-of", "json", url), Duration.ofSeconds(30));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr()).contains("401");
    }

    @Test
    void describeWithoutCredentialsGetsDigestChallengesButOptionsIsOpen() {
        EmbeddedServer es = new EmbeddedServer(RtspServerOptions.builder()
                .auth(new DigestAuthenticator(DigestAuthenticator.Options.defaults("cctv-gateway"),
                        DigestAuthenticator.users(Map.of()), new byte[32], Clock.systemUTC(), new SecureRandom()))
                .build());
        es.send("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n");
        assertThat(es.drain()).startsWith("RTSP/1.0 200 OK");
        es.send("DESCRIBE rtsp://127.0.0.1/site/cam/main RTSP/1.0\r\nCSeq: 2\r\n\r\n");
        String reply = es.drain();
        assertThat(reply).startsWith("RTSP/1.0 401 Unauthorized").contains("WWW-Authenticate: Digest ")
                .contains("realm=\"cctv-gateway\"");
        org.junit.jupiter.api.Assertions.assertFalse(es.channel.finish());
    }
}
