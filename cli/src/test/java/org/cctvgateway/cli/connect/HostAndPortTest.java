package org.cctvgateway.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cctvgateway.GatewayException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostAndPortTest {
    @ParameterizedTest
    @CsvSource({
        "gateway.example:8322, gateway.example, 8322, gateway.example:8322",
        "gateway.example, gateway.example, 8322, gateway.example:8322",
        "127.0.0.1:0, 127.0.0.1, 0, 127.0.0.1:0",
        "[::1]:8554, ::1, 8554, [::1]:8554",
        "[::1], ::1, 8322, [::1]:8322",
        "::1, ::1, 8322, [::1]:8322"})
    void parsesHostAndOptionalPort(String text, String host, int port, String printed) {
        HostAndPort h = HostAndPort.parse(text, 8322, "--gateway");
        assertThat(h).isEqualTo(new HostAndPort(host, port));
        assertThat(h.toString()).isEqualTo(printed);
    }

    @ParameterizedTest
    @CsvSource({
        "gw:http, port 'http' is not a number",
        "gw:70000, port 70000 is outside 0..65535",
        ":8322, no host",
        "'', no host",
        "[::1, lacks its ']'",
        "[::1]8322, expected ':PORT' after ']'"})
    void namesTheOptionAndWhatIsWrong(String text, String why) {
        assertThatThrownBy(() -> HostAndPort.parse(text, 8322, "--gateway"))
                .isInstanceOf(GatewayException.class)
                .hasMessageStartingWith("--gateway '" + text + "': ")
                .hasMessageContaining(why);
    }
}
