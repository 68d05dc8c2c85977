package org.cctvgateway.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;
import org.cctvgateway.StorageException;

/**
 * Writes a file so that a reader sees either the old content or the new, never a torn mix,
 * even across a power cut: the bytes go to a temporary file in the same directory, which is
 * forced to disk, renamed over the target atomically, and then the directory itself is forced so
 * that the rename is durable.
 *
 * <p>With {@link Permissions#OWNER_ONLY} the temporary file is created with mode 0600 (on file
 * systems with POSIX permissions), so a private key is never readable by others, not even
 * for an instant. Blocking: never call this on an event loop.
 */
public final class AtomicFiles {
    /** Who may read the written file. */
    public enum Permissions {
        /** Readable by all, writable by the owner (0644), as most programs make files. */
        DEFAULT,
        /** Read and write for the owner only (0600); for keys and secrets. */
        OWNER_ONLY
    }

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code content}, creating the parent directories if needed.
     *
     * @throws StorageException when any step fails; the target is then left as it was
     */
    public static void write(Path target, byte[] content, Permissions permissions) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(permissions, "permissions");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = createTemp(dir, absolute.getFileName().toString(), permissions);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            move(tmp, absolute);
            tmp = null;
            forceDirectory(dir);
        } catch (IOException | UnsupportedOperationException e) {
            throw new StorageException("could not write " + absolute + ": " + e,
                    "check that the directory exists, is writable by this user and the disk is not full", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The write already failed and that error is the one worth reporting.
                }
            }
        }
    }

    private static Path createTemp(Path dir, String name, Permissions permissions) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (permissions == Permissions.OWNER_ONLY && posix) {
            Set<PosixFilePermission> perms = PosixFilePermissions.fromString("rw-------");
            FileAttribute<Set<PosixFilePermission>> attr = PosixFilePermissions.asFileAttribute(perms);
            return Files.createTempFile(dir, "." + name + ".", ".tmp", attr);
        }
        if (posix) {
            // A temporary file is made 0600; the file it becomes is meant to be readable (a certificate).
            return Files.createTempFile(dir, "." + name + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        }
        return Files.createTempFile(dir, "." + name + ".", ".tmp");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + to.getParent() + " cannot rename atomically", e);
        }
    }

    /** Makes the rename durable; a platform that cannot open a directory (Windows) skips this. */
    private static void forceDirectory(Path dir) throws IOException {
        FileChannel ch;
        try {
            ch = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException e) {
            return;
        }
        try (ch) {
            ch.force(true);
        }
    }
}
