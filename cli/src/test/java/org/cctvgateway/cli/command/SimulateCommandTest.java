package org.cctvgateway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.cctvgateway.GatewayException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SimulateCommandTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({"0s, 0", "7m, 420", "-7m, -420", "90s, 90", "-1h, -3600"})
    void clockOffsetIsASignedDuration(String text, long seconds) {
        assertThat(SimulateCommand.parseOffset(text)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "-", "7", "7 minutes", "--7m", "+7m"})
    void clockOffsetRejectsWhatIsNotADuration(String text) {
        assertThatThrownBy(() -> SimulateCommand.parseOffset(text)).isInstanceOf(GatewayException.class)
                .hasMessageStartingWith("--clock-offset");
    }
}
