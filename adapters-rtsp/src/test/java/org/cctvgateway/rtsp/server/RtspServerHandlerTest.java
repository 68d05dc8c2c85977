package org.cctvgateway.rtsp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.ByteBuf;
import io.netty.handler.timeout.IdleStateEvent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cctvgateway.media.HubLimits;
import org.cctvgateway.media.StreamHub;
import org.cctvgateway.rtsp.codec.FramingLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Request handling on the real pipeline, in memory. */
class RtspServerHandlerTest {
    private static final String URL = "rtsp://127.0.0.1:8322/site/cam/main";

    private EmbeddedServer es = new EmbeddedServer(RtspServerOptions.builder()
            .sessionTimeout(Duration.ofSeconds(10)).framingLimits(new FramingLimits(512, 1024, 65535)).build());
    private StreamHub hub;

    @AfterEach
    void finish() {
        if (hub != null) {
            hub.close();
        }
        es.channel.runPendingTasks();
        es.drain();
        assertFalse(es.channel.finish());
    }

    private StreamHub mountWithInfo() {
        hub = new StreamHub("/site/cam/main", HubLimits.DEFAULT);
        es.mounts.register("/site/cam/main", hub);
        hub.onStreamInfo(ClipFeeder.Clip.h264().info());
        return hub;
    }

    @Test
    void unreadableRequestGets400AndTheConnectionAnswersTheNextRequest() {
        es.send("DESCRIBE " + URL + " RTSP/one\r\nCSeq: 2\r\n\r\n");
        assertThat(es.drain()).startsWith("RTSP/1.0 400 Bad Request\r\n");
        es.send("OPTIONS * RTSP/1.0\r\nCSeq: 3\r\n\r\n");
        String reply = es.drain();
        assertThat(reply).startsWith("RTSP/1.0 200 OK\r\n").contains("CSeq: 3\r\n").contains("Public: OPTIONS");
        assertThat(es.channel.isOpen()).isTrue();
    }

    /** One request and the status it must get. */
    record Case(String name, String wire, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String TRACK = URL + "/trackID=0";
    private static final String SETUP_TCP = "SETUP " + TRACK
            + " RTSP/1.0\r\nCSeq: 3\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n\r\n";

    static Stream<Case> statusCases() {
        return Stream.of(
                new Case("relative URL", "DESCRIBE /site/cam/main RTSP/1.0\r\nCSeq: 4\r\n\r\n", 400),
                new Case("dot-dot segment", "DESCRIBE rtsp://h/site/../cam RTSP/1.0\r\nCSeq: 4\r\n\r\n", 400),
                new Case("no CSeq", "OPTIONS * RTSP/1.0\r\n\r\n", 400),
                new Case("unknown path", "DESCRIBE rtsp://h/nope/cam/main RTSP/1.0\r\nCSeq: 4\r\n\r\n", 404),
                new Case("PLAY unknown session", req("PLAY", URL, "Session: 12345"), 454),
                new Case("PLAY without session", req("PLAY", URL), 454),
                new Case("TEARDOWN unknown session", req("TEARDOWN", URL, "Session: AB"), 454),
                new Case("GET_PARAMETER unknown session", req("GET_PARAMETER", URL, "Session: AB"), 454),
                new Case("multicast", req("SETUP", TRACK, "Transport: RTP/AVP;multicast"), 461),
                new Case("SAVP", req("SETUP", TRACK, "Transport: RTP/SAVP;unicast;client_port=5000-5001"), 461),
                new Case("UDP to another host", req("SETUP", TRACK,
                        "Transport: RTP/AVP;unicast;destination=10.9.9.9;client_port=5000-5001"), 461),
                new Case("UDP without client_port", req("SETUP", TRACK, "Transport: RTP/AVP;unicast"), 461),
                new Case("no Transport", req("SETUP", TRACK), 400),
                new Case("bad Transport", req("SETUP", TRACK, "Transport: RTP/AVP;client_port=x"), 400),
                new Case("unknown path SETUP", req("SETUP", "rtsp://h/x/y/z/trackID=0",
                        "Transport: RTP/AVP/TCP;interleaved=0-1"), 404),
                new Case("RECORD", req("RECORD", URL), 405),
                new Case("SET_PARAMETER", req("SET_PARAMETER", URL), 200),
                new Case("GET_PARAMETER", req("GET_PARAMETER", URL), 200));
    }

    private static String req(String method, String url, String... headers) {
        StringBuilder b = new StringBuilder(method).append(' ').append(url).append(" RTSP/1.0\r\nCSeq: 4\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    @ParameterizedTest
    @MethodSource("statusCases")
    void answersWithStatusAndKeepsTheConnection(Case c) {
        mountWithInfo();
        es.send(c.wire());
        assertThat(es.drain()).startsWith("RTSP/1.0 " + c.status() + " ");
        assertThat(es.channel.isOpen()).isTrue();
    }

    @Test
    void describeBeforeTheFirstPictureIs503WithRetryAfter() {
        hub = new StreamHub("/site/cam/main", HubLimits.DEFAULT);
        es.mounts.register("/site/cam/main", hub);
        es.send("DESCRIBE " + URL + " RTSP/1.0\r\nCSeq: 2\r\n\r\n");
        assertThat(es.drain()).startsWith("RTSP/1.0 503 Service Unavailable\r\n").contains("Retry-After: 2\r\n");
    }

    @Test
    void describeReturnsSdpWithContentBase() {
        mountWithInfo();
        es.send("DESCRIBE " + URL + " RTSP/1.0\r\nCSeq: 2\r\nAccept: application/sdp\r\n\r\n");
        String reply = es.drain();
        assertThat(reply).startsWith("RTSP/1.0 200 OK\r\n").contains("Content-Type: application/sdp\r\n")
                .contains("Content-Base: " + URL + "/\r\n").contains("m=video 0 RTP/AVP 96")
                .contains("a=control:trackID=0");
    }

    @Test
    void headerBlockOverTheLimitClosesTheConnectionAndCountsIt() {
        es.send("OPTIONS * RTSP/1.0\r\nCSeq: 1\r\nX-Pad: " + "a".repeat(600) + "\r\n\r\n");
        assertThat(es.channel.isOpen()).isFalse();
        assertThat(es.counter("gateway.protocol.errors", "reason", "framing-limit")).isEqualTo(1.0);
    }

    @Test
    void tcpSessionPlaysInterleavedRtpAfterTheReplyAndTearsDown() {
        mountWithInfo();
        ClipFeeder.feed(hub, ClipFeeder.Clip.h264(), 3);
        es.send(SETUP_TCP);
        String setup = es.drain();
        assertThat(setup).startsWith("RTSP/1.0 200 OK\r\n")
                .containsPattern("Transport: RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=[0-9A-F]{8}\r\n");
        Matcher m = Pattern.compile("Session: ([0-9A-F]+);timeout=10\r\n").matcher(setup);
        assertThat(m.find()).isTrue();
        String session = m.group(1);
        assertThat(es.context.sessions.get()).isEqualTo(1);

        es.send("PLAY " + URL + " RTSP/1.0\r\nCSeq: 4\r\nSession: " + session + "\r\nRange: npt=0.000-\r\n\r\n");
        es.channel.runPendingTasks();
        ByteBuf out = es.drainBytes();
        try {
            String text = out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("RTSP/1.0 200 OK\r\n").contains("Range: npt=0.000-\r\n");
            Matcher info = Pattern.compile("RTP-Info: url=" + Pattern.quote(TRACK) + ";seq=(\\d+);rtptime=(\\d+)")
                    .matcher(text);
            assertThat(info.find()).isTrue();
            int headerEnd = text.indexOf("\r\n\r\n") + 4;
            // The first frame after the reply is RTP on channel 0 with the announced seq and time.
            assertThat(out.getByte(headerEnd)).isEqualTo((byte) '$');
            assertThat(out.getByte(headerEnd + 1)).isEqualTo((byte) 0);
            int rtp = headerEnd + 4;
            assertThat(out.getUnsignedShort(rtp + 2)).isEqualTo(Integer.parseInt(info.group(1)));
            assertThat(out.getUnsignedInt(rtp + 4)).isEqualTo(Long.parseLong(info.group(2)));
            assertThat(text).contains("$\u0001");
        } finally {
            out.release();
        }

        es.send("TEARDOWN " + URL + " RTSP/1.0\r\nCSeq: 5\r\nSession: " + session + "\r\n\r\n");
        assertThat(es.drain()).startsWith("RTSP/1.0 200 OK\r\n");
        assertThat(es.context.sessions.get()).isZero();
        assertThat(hub.subscriberCount()).isZero();
    }

    @Test
    void pauseStopsMediaAndPlayResumesTheSequence() {
        mountWithInfo();
        ClipFeeder.feed(hub, ClipFeeder.Clip.h264(), 2);
        es.send(SETUP_TCP);
        Matcher m = Pattern.compile("Session: ([0-9A-F]+);").matcher(es.drain());
        assertThat(m.find()).isTrue();
        String session = "Session: " + m.group(1);
        es.send(req("PLAY", URL, session));
        es.channel.runPendingTasks();
        int firstSeq = rtpInfoSeq(es.drain());
        es.send(req("PAUSE", URL, session));
        assertThat(es.drain()).startsWith("RTSP/1.0 200 OK");
        assertThat(hub.subscriberCount()).isZero();
        ClipFeeder.feed(hub, ClipFeeder.Clip.h264(), 2);
        es.channel.runPendingTasks();
        assertThat(es.drain()).isEmpty();
        es.send(req("PLAY", URL, session));
        int resumedSeq = rtpInfoSeq(es.drain());
        // Two units of the cached GOP went out in at least two packets before the pause.
        assertThat((resumedSeq - firstSeq) & 0xFFFF).isGreaterThanOrEqualTo(2).isLessThan(1000);
        es.send(req("TEARDOWN", URL, session));
        es.channel.runPendingTasks();
        es.drain();
    }

    private static int rtpInfoSeq(String text) {
        Matcher m = Pattern.compile("RTP-Info: url=[^;]+;seq=(\\d+);rtptime=\\d+").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void setupBeyondMaxSessionsIs503AndTheSlotFreesOnTeardown() {
        es = new EmbeddedServer(RtspServerOptions.builder().maxSessions(1).build());
        mountWithInfo();
        es.send(SETUP_TCP);
        Matcher m = Pattern.compile("Session: ([0-9A-F]+);").matcher(es.drain());
        assertThat(m.find()).isTrue();
        es.send(SETUP_TCP);
        assertThat(es.drain()).startsWith("RTSP/1.0 503 ").contains("Retry-After: 10\r\n");
        es.send(req("TEARDOWN", URL, "Session: " + m.group(1)));
        assertThat(es.drain()).startsWith("RTSP/1.0 200 OK");
        es.send(SETUP_TCP);
        assertThat(es.drain()).startsWith("RTSP/1.0 200 OK");
    }

    @Test
    void sessionWithoutRequestsForTheTimeoutIsClosed() {
        mountWithInfo();
        es.send(SETUP_TCP);
        es.drain();
        es.clock.add(9, TimeUnit.SECONDS);
        es.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(es.context.sessions.get()).isEqualTo(1);
        es.clock.add(2, TimeUnit.SECONDS);
        es.channel.pipeline().fireUserEventTriggered(IdleStateEvent.READER_IDLE_STATE_EVENT);
        assertThat(es.context.sessions.get()).isZero();
        assertThat(es.channel.isOpen()).isFalse();
    }

    @Test
    void hubClosingEndsItsViewers() {
        mountWithInfo();
        ClipFeeder.feed(hub, ClipFeeder.Clip.h264(), 1);
        es.send(SETUP_TCP);
        Matcher m = Pattern.compile("Session: ([0-9A-F]+);").matcher(es.drain());
        assertThat(m.find()).isTrue();
        es.send("PLAY " + URL + " RTSP/1.0\r\nCSeq: 4\r\nSession: " + m.group(1) + "\r\n\r\n");
        hub.close();
        es.channel.runPendingTasks();
        assertThat(es.channel.isOpen()).isFalse();
        assertThat(es.context.sessions.get()).isZero();
    }
}
