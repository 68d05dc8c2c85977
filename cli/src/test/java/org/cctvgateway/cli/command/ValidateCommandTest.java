package org.cctvgateway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import org.cctvgateway.GatewayException;
import org.cctvgateway.validation.Placement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class ValidateCommandTest {
    @Test
    void placementNeedsBothFieldOfViewAndDistance() {
        assertThat(ValidateCommand.placement(null, null)).isEmpty();
        assertThat(ValidateCommand.placement(90.0, 10.0)).isEqualTo(Optional.of(new Placement(90, 10)));
        assertThatThrownBy(() -> ValidateCommand.placement(90.0, null)).isInstanceOf(GatewayException.class)
                .hasMessageContaining("--hfov and --distance go together");
        assertThatThrownBy(() -> ValidateCommand.placement(200.0, 10.0)).isInstanceOf(GatewayException.class)
                .hasMessageContaining("200");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0s", "11m", "ten", "-5s"})
    void sampleWindowOutsideOneMillisecondToTenMinutesIsRejected(String text) {
        assertThatThrownBy(() -> ValidateCommand.duration("--sample", text, ValidateCommand.MAX_SAMPLE))
                .isInstanceOf(GatewayException.class).hasMessageStartingWith("--sample");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"0ms", "0s", "11m"})
    void anOutOfRangeWindowStatesTheRangeReallyAccepted(String text) {
        assertThatThrownBy(() -> ValidateCommand.duration("--sample", text, ValidateCommand.MAX_SAMPLE))
                .isInstanceOf(GatewayException.class).hasMessage("--sample " + text + " is outside 1ms..10m");
    }

    @Test
    void sampleWindowIsParsedDownToTheMillisecondAndUpToTheMaximum() {
        assertThat(ValidateCommand.duration("--sample", "10s", ValidateCommand.MAX_SAMPLE))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(ValidateCommand.duration("--sample", "500ms", ValidateCommand.MAX_SAMPLE))
                .isEqualTo(Duration.ofMillis(500));
        assertThat(ValidateCommand.duration("--sample", "1ms", ValidateCommand.MAX_SAMPLE))
                .isEqualTo(Duration.ofMillis(1));
        assertThat(ValidateCommand.duration("--sample", "10m", ValidateCommand.MAX_SAMPLE))
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void anUnknownBundledStandardExitsThreeBeforeTouchingTheNetwork() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new ValidateCommand()).setErr(new PrintWriter(err, true))
                .setOut(new PrintWriter(new StringWriter(), true))
                .execute("192.0.2.1", "--standard", "no-such-standard");
        assertThat(exit).isEqualTo(ValidateCommand.COULD_NOT_VALIDATE);
        assertThat(err.toString().strip().lines()).hasSize(1).first().asString().startsWith("error: ");
    }
}
