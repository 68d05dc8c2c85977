package org.cctvgateway.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.cctvgateway.internal.AtomicFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingFileTest {
    @TempDir
    Path dir;

    final AtomicInteger reads = new AtomicInteger();
    final AtomicLong nanos = new AtomicLong();

    Function<Path, String> parser() {
        return p -> {
            reads.incrementAndGet();
            try {
                return Files.exists(p) ? Files.readString(p) : "absent";
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    @Test
    void doesNotLookAtTheFileWithinTheInterval() {
        Path f = dir.resolve("x");
        ReloadingFile<String> r = new ReloadingFile<>(f, parser(), Duration.ofSeconds(1), nanos::get);
        assertThat(r.get()).isEqualTo("absent");

        AtomicFiles.write(f, "one".getBytes(), AtomicFiles.Permissions.DEFAULT);
        nanos.addAndGet(Duration.ofMillis(999).toNanos());

        assertThat(r.get()).isEqualTo("absent");
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(r.get()).isEqualTo("one");
        assertThat(reads).hasValue(2);
    }

    @Test
    void parsesAgainOnlyWhenTheFileChanged() {
        Path f = dir.resolve("x");
        AtomicFiles.write(f, "one".getBytes(), AtomicFiles.Permissions.DEFAULT);
        ReloadingFile<String> r = new ReloadingFile<>(f, parser(), Duration.ZERO, nanos::get);

        r.get();
        r.get();
        assertThat(reads).hasValue(1);
        // Same length, same second: the new inode from the atomic rename still shows the change.
        AtomicFiles.write(f, "two".getBytes(), AtomicFiles.Permissions.DEFAULT);

        assertThat(r.get()).isEqualTo("two");
        assertThat(reads).hasValue(2);
    }
}
