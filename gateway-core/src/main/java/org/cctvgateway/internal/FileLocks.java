package org.cctvgateway.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Supplier;
import org.cctvgateway.StorageException;

/**
 * An exclusive lock between processes on a lock file beside the state it guards, held across a
 * read-change-write so that two commands changing the same file at once (two {@code enroll}s, or
 * {@code cameras suspend} while {@code serve} records something) never lose one of the changes.
 * The operating system releases the lock when the process dies, so a killed command never leaves
 * the state locked. Blocking. Within one process the same lock file is taken by one thread at a
 * time first (an OS file lock belongs to the whole process), so two stores of one directory in the
 * same process also take turns.
 */
public final class FileLocks {
    /** One in-process lock per lock file: the OS lock alone cannot be taken twice by one process. */
    private static final java.util.concurrent.ConcurrentMap<Path, java.util.concurrent.locks.ReentrantLock> LOCAL =
            new java.util.concurrent.ConcurrentHashMap<>();

    private FileLocks() {
    }

    /**
     * Runs {@code action} holding the lock on {@code lockFile} (created if missing).
     *
     * @throws StorageException when the lock file cannot be opened or locked
     */
    public static <T> T withLock(Path lockFile, Supplier<T> action) {
        Path key = lockFile.toAbsolutePath().normalize();
        java.util.concurrent.locks.ReentrantLock local = LOCAL.computeIfAbsent(key,
                k -> new java.util.concurrent.locks.ReentrantLock());
        if (local.isHeldByCurrentThread()) {
            return action.get();
        }
        local.lock();
        try {
            Files.createDirectories(key.getParent());
            try (FileChannel ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = ch.lock()) {
                return action.get();
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("lock " + lockFile + " is already held in this process", e);
        } catch (IOException e) {
            throw new StorageException("cannot lock " + lockFile + ": " + e.getMessage(),
                    "check that the data directory is writable by this user", e);
        } finally {
            local.unlock();
        }
    }
}
