package org.cctvgateway.cli.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.cctvgateway.rtsp.codec.RtspProtocolException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DESCRIBE-only check's reply parser: one case table for decoding and, because the cli module has no
 * Jazzer on its test class path, a bounded, seeded mutation loop over the same cases (the fuzz property:
 * nothing but {@link RtspProtocolException} escapes).
 */
class RtspReplyHeadTest {
    record Case(String name, byte[] wire, RtspReplyHead decoded) {
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Stream<Case> valid() {
        return Stream.of(
                new Case("200 with a body", ascii("RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Length: 312"),
                        new RtspReplyHead(200, List.of(), 312)),
                new Case("401 with two challenges", ascii("RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\n"
                        + "WWW-Authenticate: Digest realm=\"cam\", nonce=\"abc\", algorithm=SHA-256\r\n"
                        + "www-authenticate: Basic realm=\"cam\""),
                        new RtspReplyHead(401, List.of("Digest realm=\"cam\", nonce=\"abc\", algorithm=SHA-256",
                                "Basic realm=\"cam\""), 0)),
                new Case("LF-only lines and a stray blank", ascii("RTSP/1.0 404 Not Found\nCSeq: 2\n \nServer: x"),
                        new RtspReplyHead(404, List.of(), 0)));
    }

    static Stream<Case> invalid() {
        return Stream.of(
                new Case("HTTP, not RTSP", ascii("HTTP/1.1 200 OK\r\nContent-Length: 0"), null),
                new Case("status not digits", ascii("RTSP/1.0 2x0 OK"), null),
                new Case("status out of range", ascii("RTSP/1.0 999 Odd"), null),
                new Case("content length too big", ascii("RTSP/1.0 200 OK\r\nContent-Length: 65537"), null),
                new Case("content length not a number", ascii("RTSP/1.0 200 OK\r\nContent-Length: -1"), null),
                new Case("head over the limit", new byte[RtspReplyHead.MAX_HEAD_BYTES + 1], null),
                new Case("too many headers",
                        ascii("RTSP/1.0 200 OK" + "\r\nX: y".repeat(RtspReplyHead.MAX_HEADERS + 1)), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void decodesTheFieldsTheCheckNeeds(Case c) {
        byte[] before = c.wire().clone();
        assertThat(RtspReplyHead.parse(c.wire())).isEqualTo(c.decoded());
        assertThat(c.wire()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void rejectsWithAMessageNamingTheValue(Case c) {
        assertThatThrownBy(() -> RtspReplyHead.parse(c.wire())).isInstanceOf(RtspProtocolException.class)
                .hasMessageContaining("RTSP");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void mutatedRepliesParseOrRaiseOnlyTheProtocolException(Case c) {
        Random random = new Random(c.name().hashCode());
        for (int round = 0; round < 2_000; round++) {
            byte[] wire = Arrays.copyOf(c.wire(), Math.max(1, c.wire().length + random.nextInt(40) - 20));
            int flips = 1 + random.nextInt(6);
            for (int i = 0; i < flips; i++) {
                wire[random.nextInt(wire.length)] = (byte) random.nextInt(256);
            }
            try {
                RtspReplyHead.parse(wire);
            } catch (RtspProtocolException expected) {
                // the declared outcome for malformed input
            }
        }
    }
}
