package org.cctvgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditQueryTest {
    @TempDir
    Path dir;

    /** Seq 1-10: sessions on cam-1..10 (even: police, odd: traffic) at T0+0..9s; 11: a refusal; 12: checkpoint. */
    @BeforeEach
    void writeLog() {
        try (AuditLog log = AuditFixture.open(dir, 100)) {
            for (int i = 1; i <= 10; i++) {
                log.append(AuditFixture.session(i));
            }
            log.append(AuditEvent.accessRefused("press", "cam-3", "agency not in the access policy"));
        }
    }

    @Test
    void filtersByCameraAgencyAndType() {
        var all = AuditQuery.Filter.all(100);
        assertThat(AuditQuery.run(dir, new AuditQuery.Filter(Optional.of("cam-3"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), 100)).records())
                .extracting(AuditRecord::seq).containsExactly(3L, 11L);
        assertThat(AuditQuery.run(dir, new AuditQuery.Filter(Optional.empty(), Optional.of("police"),
                Optional.empty(), Optional.empty(), Optional.empty(), 100)).records())
                .extracting(AuditRecord::seq).containsExactly(2L, 4L, 6L, 8L, 10L);
        assertThat(AuditQuery.run(dir, new AuditQuery.Filter(Optional.empty(), Optional.empty(),
                Optional.of("access"), Optional.empty(), Optional.empty(), 100)).records())
                .extracting(AuditRecord::type).containsExactly("access.refused");
        assertThat(AuditQuery.run(dir, all).matched()).isEqualTo(12);
    }

    @Test
    void filtersByTimeSinceInclusiveUntilExclusive() {
        var r = AuditQuery.run(dir, new AuditQuery.Filter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(AuditFixture.T0.plusSeconds(2)), Optional.of(AuditFixture.T0.plusSeconds(5)), 100));
        assertThat(r.records()).extracting(AuditRecord::seq).containsExactly(3L, 4L, 5L);
    }

    @Test
    void limitKeepsTheMostRecentMatches() {
        var r = AuditQuery.run(dir, AuditQuery.Filter.all(3));
        assertThat(r.records()).extracting(AuditRecord::seq).containsExactly(10L, 11L, 12L);
        assertThat(r.matched()).isEqualTo(12);
        assertThatThrownBy(() -> AuditQuery.Filter.all(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void skipsAndCountsLinesThatAreNotRecords() throws Exception {
        Files.write(AuditLog.file(dir), "garbage\n{\"seq\":1".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        var r = AuditQuery.run(dir, AuditQuery.Filter.all(100));
        assertThat(r.matched()).isEqualTo(12);
        assertThat(r.unreadableLines()).isEqualTo(2);
    }
}
