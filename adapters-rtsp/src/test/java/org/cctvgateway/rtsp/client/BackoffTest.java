package org.cctvgateway.rtsp.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BackoffTest {

    @ParameterizedTest
    @CsvSource({
        "1, 0.0, 500", "1, 0.999999, 999", "2, 0.0, 1000", "3, 0.5, 3000", "5, 1.0, 16000",
        "6, 0.0, 15000", "6, 1.0, 30000", "40, 1.0, 30000", "1000, 0.0, 15000",
    })
    void doublesFromInitialUpToTheCapWithJitterInTheUpperHalf(int failures, double random, long millis) {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> random);
        assertThat(b.next(failures)).isEqualTo(Duration.ofMillis(millis));
    }
}
