package org.cctvgateway.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConnectFailuresTest {
    private static final HostAndPort GW = new HostAndPort("gw.example", 8322);

    @ParameterizedTest
    @CsvSource({
        "certificate_revoked, gateway refused our certificate: certificate revoked",
        "certificate_expired, gateway refused our certificate: certificate expired",
        "unknown_ca, gateway refused our certificate: not issued by a CA the gateway trusts",
        "bad_certificate, gateway refused our certificate: certificate not accepted (bad_certificate)",
        "certificate_required, gateway requires a client certificate and none was sent",
        "decode_error, TLS with the gateway failed: it sent the alert decode_error"})
    void namesTheAlertTheGatewaySent(String alert, String line) {
        Exception e = new io.netty.handler.codec.DecoderException(new SSLHandshakeException("Received fatal alert: "
                + alert));
        assertThat(ConnectFailures.describe(e, GW, Duration.ofSeconds(10), Duration.ofSeconds(10))).isEqualTo(line);
    }

    /** What the gateway may send first, and the refusal line it makes (null: none). */
    record Reply(String name, String wire, String refusal) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Reply> replies() {
        return List.of(
                new Reply("403 with reason", "RTSP/1.0 403 Forbidden: certificate revoked\r\nCSeq: 2\r\n\r\n",
                        "gateway answered 403 Forbidden: certificate revoked"),
                new Reply("401 with reason", "RTSP/1.0 401 Unauthorized: credentials revoked\r\nCSeq: 2\r\n\r\n",
                        "gateway answered 401 Unauthorized: credentials revoked"),
                new Reply("Digest challenge", "RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\n"
                        + "WWW-Authenticate: Digest realm=\"x\"\r\n\r\n", null),
                new Reply("200", "RTSP/1.0 200 OK\r\nCSeq: 2\r\n\r\n", null),
                new Reply("404", "RTSP/1.0 404 Not Found\r\nCSeq: 2\r\n\r\n", null),
                new Reply("interleaved frame", "$\u0000\u0000\u0004abcd", null),
                new Reply("truncated", "RTSP/1.0 4", null),
                new Reply("control characters", "RTSP/1.0 403 Forbidden\u0007\r\n\r\n", null));
    }

    @ParameterizedTest
    @MethodSource("replies")
    void findsARefusalAtTheStartOfWhatTheGatewaySent(Reply reply) {
        ByteBuf buf = Unpooled.copiedBuffer(reply.wire(), StandardCharsets.ISO_8859_1);
        try {
            int before = buf.readerIndex();
            assertThat(ConnectFailures.refusal(buf)).isEqualTo(Optional.ofNullable(reply.refusal()));
            assertThat(buf.readerIndex()).isEqualTo(before);
        } finally {
            buf.release();
        }
    }
}
