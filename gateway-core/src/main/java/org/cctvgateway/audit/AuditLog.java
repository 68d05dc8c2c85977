package org.cctvgateway.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.cctvgateway.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends records to {@code <auditDir>/audit.log}. Thread-safe.
 *
 * <p><b>Durability.</b> {@link #append} returns only once the record's line is written and the file
 * is fsync'd, so an action may be acknowledged as soon as its record is returned. Concurrent appenders
 * share fsyncs (group commit): one of the waiting threads syncs for every line written so far while the
 * others wait for it, so a burst of stream-session records costs far fewer fsyncs than records. Writes
 * use {@link RandomAccessFile}, not an interruptible {@link FileChannel}: an interrupted caller must
 * not close the log for every other thread. After a failed write or fsync the log refuses further
 * appends (the state of the file is then unknown); reopening it repairs the tail.
 *
 * <p><b>Checkpoints.</b> After every {@link Options#checkpointEvery()} records, and on {@link #close()},
 * the log appends a {@value AuditTypes#CHECKPOINT} record signed by the {@link AuditSigner}. Its fields
 * are {@code coveredSeq} and {@code coveredHash} (the record just before it), {@code keyId} and
 * {@code signature}: base64 DER SHA256withECDSA over the UTF-8 text
 * {@code "cctv-gateway audit checkpoint v1\nseq=S\nhash=H\ntime=T\nkeyId=K\n"}, T being the checkpoint
 * record's own time. After an unclean stop the count restarts, so at most {@code checkpointEvery}
 * records plus those written before the stop go unsigned.
 *
 * <p><b>Line format.</b> {@code {"seq":N,"time":"2026-03-01T10:00:00.123Z","type":"...","fields":{...},
 * "prev":"64 hex"}}, UTF-8, then {@code '\n'}; at most {@link #MAX_LINE_BYTES}. {@code prev} is the
 * SHA-256 of the previous line's exact bytes without its {@code '\n'} (64 zeros for seq 1), so no
 * canonical JSON form is needed; a record's own hash is not stored in its line.
 *
 * <p><b>Opening after a crash.</b> A crash can leave a partial last line; it was never acknowledged (the
 * acknowledgement follows the fsync of the whole line), so {@link #open} cuts it off, fsyncs, and
 * appends a {@value AuditTypes#LOG_RECOVERED} record giving the number of bytes dropped. Open checks
 * only the tail, so that it stays fast on a large log: the last line must be a well-formed record and
 * chain to the line before it, and a checkpoint there must name this signer's key. Otherwise open
 * refuses with a {@link StorageException} rather than extend a log that may have been tampered with;
 * checking the whole log is {@link AuditVerifier}'s job ({@code cctv-gateway audit verify}).
 *
 * <p><b>Several writers.</b> Every append holds an exclusive lock on {@code audit.lock} (beside the log)
 * while it reads the tail again, if the file changed since this log last wrote, and writes its line; so a
 * {@code cctv-gateway enroll} may append while {@code serve} runs, and the chain stays one chain. The tail
 * checks above apply to every such re-read, and a torn tail left by another writer that crashed is
 * repaired the same way. Within one process, share one instance per directory.
 */
public final class AuditLog implements AutoCloseable {
    /** The audit directory's name under the data directory. */
    public static final String DIRECTORY = "audit";
    /** The log's file name under the audit directory. */
    public static final String FILE_NAME = "audit.log";
    /** The lock file, beside the log, that writers hold while they append. */
    public static final String LOCK_FILE_NAME = "audit.lock";
    /** The longest line, in bytes without its {@code '\n'}; a longer record is refused on append. */
    public static final int MAX_LINE_BYTES = AuditJson.MAX_LINE_BYTES;

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final String HINT_DAMAGED = "run 'cctv-gateway audit verify' to find the first damaged record;"
            + " keep the file as evidence and move it aside to start a new log";

    /**
     * How the log behaves.
     *
     * @param checkpointEvery records between two signed checkpoints (1..1000000); default 100
     */
    public record Options(int checkpointEvery) {
        public Options {
            if (checkpointEvery < 1 || checkpointEvery > 1_000_000) {
                throw new IllegalArgumentException("checkpointEvery " + checkpointEvery + " is outside 1..1000000");
            }
        }

        public static Options defaults() {
            return new Options(100);
        }
    }

    private final Path file;
    private final RandomAccessFile raf;
    private final AuditSigner signer;
    private final Clock clock;
    private final Options options;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition synced = lock.newCondition();
    // All below guarded by lock; the file state (lastSeq, lastHash, end) also by the file mutex.
    private final FileMutex mutex;
    private long end = -1;
    private long lastSeq;
    private String lastHash = AuditJson.ZERO_HASH;
    private long sinceCheckpoint;
    private long recoveredBytes;
    private long writtenSeq;
    private long durableSeq;
    private boolean syncing;
    private long syncs;
    private boolean closed;
    private StorageException failure;

    private AuditLog(Path file, RandomAccessFile raf, AuditSigner signer, Clock clock, Options options) {
        this.file = file;
        this.raf = raf;
        this.signer = signer;
        this.clock = clock;
        this.options = options;
        this.mutex = new FileMutex(file.resolveSibling(LOCK_FILE_NAME));
    }

    /** The audit directory of a data directory: {@code <dataDir>/audit}. */
    public static Path directory(Path dataDir) {
        return dataDir.resolve(DIRECTORY);
    }

    /** The log file in {@code auditDir}. */
    public static Path file(Path auditDir) {
        return auditDir.resolve(FILE_NAME);
    }

    /**
     * Opens (creating it if needed) the log in {@code auditDir}, repairing a torn tail.
     *
     * @throws StorageException when the file cannot be opened, or its tail is not intact (see the class
     *                          comment); the message says what was found
     */
    public static AuditLog open(Path auditDir, AuditSigner signer, Clock clock, Options options) {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(options, "options");
        Path file = file(auditDir).toAbsolutePath();
        RandomAccessFile raf = null;
        AuditLog auditLog = null;
        try {
            Files.createDirectories(file.getParent());
            boolean created = !Files.exists(file);
            raf = new RandomAccessFile(file.toFile(), "rw");
            if (created) {
                raf.getFD().sync();
                forceDirectory(file.getParent());
            }
            auditLog = new AuditLog(file, raf, signer, clock, options);
            auditLog.openTail();
            log.debug("audit {}: opened at record {}", file, auditLog.lastSeq());
            return auditLog;
        } catch (IOException e) {
            closeQuietly(raf, auditLog);
            throw new StorageException("could not open the audit log " + file + ": " + e.getMessage(),
                    "check that the data directory exists, is writable by this user and the disk is not full", e);
        } catch (RuntimeException e) {
            closeQuietly(raf, auditLog);
            throw e;
        }
    }

    private void openTail() {
        lock.lock();
        try {
            FileLock fl = mutex.acquire();
            long recoveredSeq;
            try {
                recoveredSeq = refresh(true);
            } finally {
                FileMutex.release(fl);
            }
            if (recoveredSeq > 0) {
                awaitDurable(recoveredSeq);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Both locks held. Reads the tail again when the file is not as this log left it (first use,
     * another process appended, or a crash left a torn tail), and repairs a torn tail.
     *
     * @return the seq of the log.recovered record written, 0 if none
     */
    private long refresh(boolean opening) {
        long length;
        TailReader.Tail tail;
        try {
            length = raf.length();
            if (length == end) {
                return 0;
            }
            if (length < end) {
                // Writers only ever append, and a torn tail lies past the last complete write.
                failure = new StorageException("the audit log " + file + " shrank from " + end + " to " + length
                        + " bytes while open: records were removed", HINT_DAMAGED, null);
                log.error("audit {}: {}", file, failure.getMessage());
                throw failure;
            }
            tail = TailReader.read(raf, file, HINT_DAMAGED);
            if (tail.droppedBytes() > 0) {
                raf.setLength(tail.validEnd());
                raf.getFD().sync();
            }
            raf.seek(tail.validEnd());
        } catch (IOException e) {
            throw new StorageException("could not read the end of the audit log " + file + ": " + e.getMessage(),
                    "check the disk; restart the gateway", e);
        }
        AuditRecord last = tail.last();
        if (opening && last != null && last.type().equals(AuditTypes.CHECKPOINT)) {
            Object keyId = last.fields().get(AuditFields.KEY_ID);
            if (!signer.keyId().equals(keyId)) {
                throw new StorageException("the last checkpoint in " + file + " (record " + last.seq()
                        + ") was signed by key " + keyId + ", not by this gateway's audit key " + signer.keyId(),
                        "restore the audit signing key that wrote this log, or move the log aside to start a new"
                                + " one", null);
            }
        }
        end = tail.validEnd();
        lastSeq = last == null ? 0 : last.seq();
        lastHash = last == null ? AuditJson.ZERO_HASH : last.hash();
        boolean signedTail = last == null || last.type().equals(AuditTypes.CHECKPOINT);
        sinceCheckpoint = signedTail ? 0 : Math.max(sinceCheckpoint, 1);
        if (tail.droppedBytes() == 0) {
            return 0;
        }
        recoveredBytes += tail.droppedBytes();
        log.warn("audit {}: dropped {} bytes of a partial record after record {} (left by a crash)",
                file, tail.droppedBytes(), lastSeq);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(AuditFields.DROPPED_BYTES, tail.droppedBytes());
        fields.put(AuditFields.AFTER_SEQ, lastSeq);
        AuditRecord recovered = write(AuditTypes.LOG_RECOVERED, AuditJson.normalizeFields(fields));
        sinceCheckpoint++;
        return recovered.seq();
    }

    /**
     * Appends {@code event} and returns its record once it is durable on disk.
     *
     * @throws IllegalArgumentException when the type is one only the log writes, or the line would be
     *                                  longer than {@link #MAX_LINE_BYTES}
     * @throws StorageException         when the record could not be written or synced; the action it
     *                                  records must then not be acknowledged
     */
    public AuditRecord append(AuditEvent event) {
        if (AuditTypes.RESERVED.contains(event.type())) {
            throw new IllegalArgumentException("audit record type '" + event.type() + "' is written by the log itself");
        }
        return appendAny(event.type(), event.fields());
    }

    /** {@link #append(AuditEvent)} with the event given as its parts. */
    public AuditRecord append(String type, Map<String, ?> fields) {
        return append(AuditEvent.of(type, fields));
    }

    /** The seq of the last record written (0 for an empty log). */
    public long lastSeq() {
        lock.lock();
        try {
            return lastSeq;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Bytes of torn tails this log dropped: on open (left by a crash), or later when another process
     * that shares the log crashed mid-write; 0 when there were none.
     */
    public long recoveredBytes() {
        lock.lock();
        try {
            return recoveredBytes;
        } finally {
            lock.unlock();
        }
    }

    /** How many fsyncs appends have cost so far (group commit shares one among waiting appenders). */
    public long syncs() {
        lock.lock();
        try {
            return syncs;
        } finally {
            lock.unlock();
        }
    }

    /** The log file. */
    public Path file() {
        return file;
    }

    private AuditRecord appendAny(String type, Map<String, Object> fields) {
        lock.lock();
        try {
            checkUsable();
            AuditRecord record;
            FileLock fl = mutex.acquire();
            try {
                refresh(false);
                record = write(type, fields);
                sinceCheckpoint++;
                if (sinceCheckpoint >= options.checkpointEvery()) {
                    writeCheckpoint();
                }
            } finally {
                FileMutex.release(fl);
            }
            awaitDurable(record.seq());
            return record;
        } finally {
            lock.unlock();
        }
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("audit log " + file + " is closed");
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Both locks held. */
    private AuditRecord write(String type, Map<String, Object> fields) {
        return write(type, fields, AuditJson.truncate(clock.instant()));
    }

    /** Both locks held. */
    private AuditRecord write(String type, Map<String, Object> fields, Instant time) {
        checkUsable();
        long seq = lastSeq + 1;
        byte[] line = AuditJson.encode(seq, time, type, fields, lastHash);
        if (line.length > MAX_LINE_BYTES) {
            throw new IllegalArgumentException("audit record of type " + type + " is " + line.length
                    + " bytes, limit is " + MAX_LINE_BYTES + " (AuditLog.MAX_LINE_BYTES); shorten its fields");
        }
        byte[] withNewline = java.util.Arrays.copyOf(line, line.length + 1);
        withNewline[line.length] = '\n';
        try {
            raf.write(withNewline);
            end = raf.getFilePointer();
        } catch (IOException e) {
            throw fail(e);
        }
        String hash = AuditJson.sha256Hex(line);
        AuditRecord record = new AuditRecord(seq, time, type, fields, lastHash, hash);
        lastSeq = seq;
        lastHash = hash;
        writtenSeq = Math.max(writtenSeq, seq);
        return record;
    }

    /** Both locks held. */
    private void writeCheckpoint() {
        Instant time = AuditJson.truncate(clock.instant());
        write(AuditTypes.CHECKPOINT, AuditJson.normalizeFields(Checkpoints.fields(signer, lastSeq, lastHash, time)),
                time);
        sinceCheckpoint = 0;
    }

    /** Lock held. Group commit: the first waiter syncs for all lines written so far; the rest wait. */
    private void awaitDurable(long seq) {
        while (durableSeq < seq) {
            if (failure != null) {
                throw failure;
            }
            if (!syncing) {
                syncing = true;
                long target = writtenSeq;
                IOException error = null;
                syncs++;
                lock.unlock();
                try {
                    raf.getFD().sync();
                } catch (IOException e) {
                    error = e;
                } finally {
                    lock.lock();
                    syncing = false;
                }
                if (error != null) {
                    fail(error);
                } else {
                    durableSeq = Math.max(durableSeq, target);
                }
                synced.signalAll();
            } else {
                try {
                    synced.await(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StorageException("interrupted while waiting for audit record " + seq
                            + " to reach the disk",
                            "do not acknowledge the action it records; retry it", e);
                }
            }
        }
    }

    /** Lock held. */
    private StorageException fail(IOException e) {
        if (failure == null) {
            failure = new StorageException("could not write the audit log " + file + ": " + e.getMessage(),
                    "check the disk (space, errors); restart the gateway, which repairs the log's tail on open", e);
            log.error("audit {}: {}; no more records are accepted until the gateway restarts", file, e.toString());
        }
        synced.signalAll();
        return failure;
    }

    /**
     * Appends a final checkpoint when records were written since the last one, syncs and closes.
     * Idempotent.
     *
     * @throws StorageException when the final checkpoint could not be written or synced
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            for (int i = 0; syncing && i < 600; i++) {
                synced.await(100, TimeUnit.MILLISECONDS);
            }
            try {
                if (failure == null) {
                    FileLock fl = mutex.acquire();
                    try {
                        refresh(false);
                        if (sinceCheckpoint > 0) {
                            writeCheckpoint();
                        }
                    } finally {
                        FileMutex.release(fl);
                    }
                    raf.getFD().sync();
                    durableSeq = writtenSeq;
                }
            } catch (IOException e) {
                throw fail(e);
            } finally {
                closed = true;
                closeQuietly(raf, this);
                synced.signalAll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
            closeQuietly(raf, this);
            throw new StorageException("interrupted while closing the audit log " + file,
                    "the next open repairs the log's tail", e);
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(RandomAccessFile raf, AuditLog auditLog) {
        if (auditLog != null) {
            auditLog.mutex.close();
        }
        if (raf == null) {
            return;
        }
        try {
            raf.close();
        } catch (IOException ignored) {
            // Closing after a failure; the failure is the error worth reporting.
        }
    }

    /** Makes the new file's directory entry durable; platforms that cannot open a directory skip it. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            log.debug("audit {}: directory not synced ({})", dir, e.toString());
        }
    }
}
