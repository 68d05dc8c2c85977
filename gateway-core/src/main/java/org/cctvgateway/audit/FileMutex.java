package org.cctvgateway.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.cctvgateway.StorageException;

/**
 * An exclusive lock between processes (and {@link AuditLog} instances) on {@code audit.lock}, held while
 * a process reads the log's tail and appends to it, so that a {@code cctv-gateway enroll} and a running
 * {@code serve} can both write to one log without forking the chain. A NIO channel is closed when a
 * thread is interrupted in one of its calls; the interrupt status is therefore set aside around each
 * call and restored after, and a channel found closed is reopened. Not thread-safe: callers hold
 * {@link AuditLog}'s lock.
 */
final class FileMutex implements AutoCloseable {
    /** How long to wait for another process to finish its append. */
    static final Duration MAX_WAIT = Duration.ofSeconds(10);
    private static final long PAUSE_NANOS = Duration.ofMillis(2).toNanos();

    private final Path lockFile;
    private FileChannel channel;

    FileMutex(Path lockFile) {
        this.lockFile = lockFile;
    }

    /** Waits (bounded) for the lock. */
    FileLock acquire() {
        boolean interrupted = Thread.interrupted();
        try {
            long deadline = System.nanoTime() + MAX_WAIT.toNanos();
            while (true) {
                try {
                    if (channel == null || !channel.isOpen()) {
                        channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    }
                    FileLock lock = channel.tryLock();
                    if (lock != null) {
                        return lock;
                    }
                } catch (OverlappingFileLockException e) {
                    // Another AuditLog in this JVM holds it for its append; wait as for another process.
                } catch (IOException e) {
                    throw new StorageException("could not lock " + lockFile + ": " + e.getMessage(),
                            "check that the audit directory is writable by this user", e);
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new StorageException("the audit log in " + lockFile.getParent() + " has been locked by"
                            + " another process for more than " + MAX_WAIT.toSeconds() + " s",
                            "check for a hung cctv-gateway process using this data directory", null);
                }
                LockSupport.parkNanos(PAUSE_NANOS);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void release(FileLock lock) {
        boolean interrupted = Thread.interrupted();
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // The channel is gone, and its locks with it.
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Closing; the locks go with the channel.
            }
        }
    }
}
