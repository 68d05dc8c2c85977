package org.cctvgateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineReaderTest {
    @TempDir
    Path dir;

    private List<LineReader.Line> read(String text) throws Exception {
        Path f = dir.resolve("f");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        List<LineReader.Line> out = new ArrayList<>();
        try (LineReader r = new LineReader(f)) {
            for (LineReader.Line l = r.next(); l != null; l = r.next()) {
                out.add(l);
            }
        }
        return out;
    }

    @Test
    void keepsLinesUpToTheLimitAndReportsLongerOnesByLengthOnly() throws Exception {
        String atLimit = "a".repeat(AuditJson.MAX_LINE_BYTES);
        String over = "b".repeat(AuditJson.MAX_LINE_BYTES + 1);
        List<LineReader.Line> lines = read(atLimit + "\n" + over + "\n\nend");
        assertThat(lines).hasSize(4);
        assertThat(new String(lines.get(0).bytes(), StandardCharsets.UTF_8)).isEqualTo(atLimit);
        assertThat(lines.get(1).tooLong()).isTrue();
        assertThat(lines.get(1).length()).isEqualTo(AuditJson.MAX_LINE_BYTES + 1L);
        assertThat(lines.get(2).bytes()).isEmpty();
        assertThat(lines.get(2).terminated()).isTrue();
        assertThat(new String(lines.get(3).bytes(), StandardCharsets.UTF_8)).isEqualTo("end");
        assertThat(lines.get(3).terminated()).isFalse();
        assertThat(lines).extracting(LineReader.Line::number).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void readsLinesThatStraddleItsBuffer() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            sb.append("line-").append(i).append("-").append("x".repeat(i % 97)).append('\n');
        }
        List<LineReader.Line> lines = read(sb.toString());
        assertThat(lines).hasSize(3000);
        for (int i = 0; i < 3000; i++) {
            assertThat(new String(lines.get(i).bytes(), StandardCharsets.UTF_8))
                    .isEqualTo("line-" + i + "-" + "x".repeat(i % 97));
        }
        assertThat(read("")).isEmpty();
    }
}
