package org.cctvgateway.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransportGuardTest {
    private static final String URL = "rtsp://127.0.0.1:8554/site-1/cam-1/main/trackID=0";

    /** A read from the player and the reply the connector gives itself (null: forwarded). */
    record Read(String name, String wire, String reply) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Read> reads() {
        String udp461 = "RTSP/1.0 461 Unsupported Transport\r\nCSeq: 4\r\n\r\n";
        return List.of(
                new Read("ffmpeg UDP SETUP", "SETUP " + URL + " RTSP/1.0\r\nTransport: RTP/AVP/UDP;unicast;"
                        + "client_port=5000-5001\r\nCSeq: 4\r\nUser-Agent: Lavf59.27.100\r\n\r\n", udp461),
                new Read("plain RTP/AVP unicast", "SETUP " + URL + " RTSP/1.0\r\nCSeq: 4\r\n"
                        + "transport: RTP/AVP;unicast;client_port=5000-5001\r\n\r\n", udp461),
                new Read("multicast", "SETUP " + URL + " RTSP/1.0\r\nCSeq: 4\r\nTransport: RTP/AVP;multicast\r\n\r\n",
                        udp461),
                new Read("TCP interleaved", "SETUP " + URL + " RTSP/1.0\r\nTransport: RTP/AVP/TCP;unicast;"
                        + "interleaved=0-1\r\nCSeq: 4\r\n\r\n", null),
                new Read("lower-case tcp", "SETUP " + URL + " RTSP/1.0\r\nTransport: rtp/avp/tcp;interleaved=0-1\r\n"
                        + "CSeq: 4\r\n\r\n", null),
                new Read("no Transport header", "SETUP " + URL + " RTSP/1.0\r\nCSeq: 4\r\n\r\n", null),
                new Read("no CSeq", "SETUP " + URL + " RTSP/1.0\r\nTransport: RTP/AVP;unicast\r\n\r\n", null),
                new Read("SETUP split across reads", "SETUP " + URL + " RTSP/1.0\r\nTransport: RTP/AVP;unicast\r\n",
                        null),
                new Read("pipelined after SETUP", "SETUP " + URL + " RTSP/1.0\r\nTransport: RTP/AVP;unicast\r\n"
                        + "CSeq: 4\r\n\r\nOPTIONS * RTSP/1.0\r\nCSeq: 5\r\n\r\n", null),
                new Read("DESCRIBE", "DESCRIBE " + URL + " RTSP/1.0\r\nCSeq: 2\r\n\r\n", null));
    }

    @ParameterizedTest
    @MethodSource("reads")
    void answersOnlyAWholeSetupForATransportOtherThanTcp(Read read) {
        ByteBuf buf = Unpooled.copiedBuffer(read.wire(), StandardCharsets.ISO_8859_1);
        try {
            assertThat(TransportGuard.refuseUdpSetup(buf)).isEqualTo(Optional.ofNullable(read.reply()));
            assertThat(buf.readerIndex()).isZero();
            assertThat(buf.readableBytes()).isEqualTo(read.wire().length());
        } finally {
            buf.release();
        }
    }
}
