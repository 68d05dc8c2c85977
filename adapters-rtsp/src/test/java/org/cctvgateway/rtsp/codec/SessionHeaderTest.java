package org.cctvgateway.rtsp.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SessionHeaderTest {

    record Case(String name, String wire, SessionHeader decoded) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("id only", "12345678", new SessionHeader("12345678", Duration.ofSeconds(60))),
                new Case("with timeout", "8D03AD09;timeout=30", new SessionHeader("8D03AD09", Duration.ofSeconds(30))),
                new Case("spaces and case", " abc ; Timeout = 5 ", new SessionHeader("abc", Duration.ofSeconds(5))),
                new Case("unknown parameter", "abc;x=1;timeout=10", new SessionHeader("abc", Duration.ofSeconds(10))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void parsesAndRoundTrips(Case c) {
        assertThat(SessionHeader.parse(c.wire())).isEqualTo(c.decoded());
        assertThat(SessionHeader.parse(c.decoded().format())).isEqualTo(c.decoded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ";timeout=5", "abc;timeout=0", "abc;timeout=x", "abc;timeout=1234567", "a b"})
    void rejectsMalformedValues(String wire) {
        assertThatThrownBy(() -> SessionHeader.parse(wire)).isInstanceOf(RtspProtocolException.class);
    }
}
