package org.cctvgateway.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.cctvgateway.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writesNewFileAndCreatesParents() throws Exception {
        Path target = dir.resolve("a/b/state.json");
        AtomicFiles.write(target, bytes("one"), AtomicFiles.Permissions.DEFAULT);
        assertThat(Files.readString(target)).isEqualTo("one");
    }

    @Test
    void replacesExistingContentWithoutLeavingTemporaryFiles() throws Exception {
        Path target = dir.resolve("state.json");
        AtomicFiles.write(target, bytes("old content that is longer"), AtomicFiles.Permissions.DEFAULT);
        AtomicFiles.write(target, bytes("new"), AtomicFiles.Permissions.DEFAULT);
        assertThat(Files.readString(target)).isEqualTo("new");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void ownerOnlyFileIsMode0600() throws Exception {
        Path target = dir.resolve("server.key");
        AtomicFiles.write(target, bytes("secret"), AtomicFiles.Permissions.OWNER_ONLY);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
    }

    @Test
    void failureNamesTheFileAndLeavesNoTemporaryFile() throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        Path target = blocker.resolve("state.json");
        assertThatThrownBy(() -> AtomicFiles.write(target, bytes("x"), AtomicFiles.Permissions.DEFAULT))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(target.toString());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(blocker);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
