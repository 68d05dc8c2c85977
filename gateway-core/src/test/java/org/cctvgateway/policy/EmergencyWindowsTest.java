package org.cctvgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.cctvgateway.GatewayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmergencyWindowsTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path data;

    EmergencyWindows store() {
        return new EmergencyWindows(data.resolve("emergency.yaml"), Duration.ZERO);
    }

    @Test
    void openedWindowIsOpenUntilItsEndAndStaysOnRecordAfter() {
        EmergencyWindow w = store().open("hotel-1", "fire alarm", "FIR-2026-17", Duration.ofHours(2),
                Optional.of("duty officer"), CLOCK);

        assertThat(w.id()).matches("em-[0-9a-f]{8}");
        assertThat(w.until()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        EmergencyWindows reader = store();
        assertThat(reader.openFor("hotel-1", NOW.plusSeconds(60))).containsExactly(w);
        assertThat(reader.openFor("plaza-1", NOW.plusSeconds(60))).isEmpty();
        assertThat(reader.active(NOW.plus(Duration.ofHours(2)))).isEmpty();
        assertThat(reader.all()).containsExactly(w);
    }

    @Test
    void closeByIdAndBySiteEndTheWindowNow() {
        EmergencyWindows s = store();
        EmergencyWindow a = s.open("hotel-1", "r", "c1", Duration.ofHours(2), Optional.empty(), CLOCK);
        s.open("hotel-1", "r", "c2", Duration.ofHours(2), Optional.empty(), CLOCK);
        s.open("plaza-1", "r", "c3", Duration.ofHours(2), Optional.empty(), CLOCK);
        Clock later = Clock.offset(CLOCK, Duration.ofMinutes(10));

        assertThat(s.closeById(a.id(), later)).get().extracting(EmergencyWindow::closedAt)
                .isEqualTo(Optional.of(NOW.plus(Duration.ofMinutes(10))));
        assertThat(s.closeById(a.id(), later)).isEmpty();
        assertThat(s.closeSite("hotel-1", later)).hasSize(1).allMatch(w -> w.caseNumber().equals("c2"));
        assertThat(store().active(NOW.plus(Duration.ofMinutes(11)))).extracting(EmergencyWindow::siteId)
                .containsExactly("plaza-1");
        assertThat(store().all()).hasSize(3);
    }

    @Test
    void rejectsMissingReasonBadSiteAndDurationAndUnknownId() {
        EmergencyWindows s = store();
        assertThatThrownBy(() -> s.open("hotel-1", " ", "c", Duration.ofHours(1), Optional.empty(), CLOCK))
                .isInstanceOf(GatewayException.class).hasMessageContaining("reason is empty");
        assertThatThrownBy(() -> s.open("Hotel 1", "r", "c", Duration.ofHours(1), Optional.empty(), CLOCK))
                .hasMessageContaining("'Hotel 1'");
        assertThatThrownBy(() -> s.open("hotel-1", "r", "c", Duration.ofDays(8), Optional.empty(), CLOCK))
                .hasMessageContaining("outside 1 minute to 7 days");
        assertThatThrownBy(() -> s.closeById("em-00000000", CLOCK)).hasMessageContaining("em-00000000");
    }
}
