package org.cctvgateway.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.cctvgateway.StorageException;

/**
 * A value parsed from a file and parsed again only when the file changes, for readers on a hot
 * path (the RTSPS server checks revocations and agency credentials on every new session).
 *
 * <p>A change is seen by the file's identity (inode), modification time and size: the gateway's
 * own writers replace a file by renaming a new one over it, which always gives a new inode, so no
 * change is missed even within one mtime tick. The file is looked at no more often than once per
 * {@code checkInterval}; between two looks {@link #get()} does no file I/O at all. A change made by
 * another process (the {@code pki revoke} command) therefore takes effect within that interval.
 * Thread-safe.
 *
 * @param <T> the parsed value
 */
public final class ReloadingFile<T> {
    /** How often {@link #get()} looks at the file by default. */
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(1);

    private final Path file;
    private final Function<Path, T> parser;
    private final long intervalNanos;
    private final LongSupplier nanoTime;

    private T value;
    private Object stamp;
    private long lastCheck;
    private boolean loaded;

    /**
     * @param parser reads the file (it is called with the path also when the file is absent, and
     *     must then return the value meaning "nothing recorded")
     */
    public ReloadingFile(Path file, Function<Path, T> parser, Duration checkInterval) {
        this(file, parser, checkInterval, System::nanoTime);
    }

    ReloadingFile(Path file, Function<Path, T> parser, Duration checkInterval, LongSupplier nanoTime) {
        this.file = Objects.requireNonNull(file, "file");
        this.parser = Objects.requireNonNull(parser, "parser");
        if (checkInterval.isNegative()) {
            throw new IllegalArgumentException("checkInterval must not be negative, was " + checkInterval);
        }
        this.intervalNanos = checkInterval.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The value for the file as it was at the last look, looking again when the interval is over. */
    public synchronized T get() {
        long now = nanoTime.getAsLong();
        if (loaded && now - lastCheck < intervalNanos) {
            return value;
        }
        lastCheck = now;
        Object current = stamp(file);
        if (!loaded || !current.equals(stamp)) {
            value = parser.apply(file);
            stamp = current;
            loaded = true;
        }
        return value;
    }

    /** Reads the file now, whatever the interval; for writers in this process after a change. */
    public synchronized T reload() {
        lastCheck = nanoTime.getAsLong();
        stamp = stamp(file);
        value = parser.apply(file);
        loaded = true;
        return value;
    }

    private static Object stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return java.util.Arrays.asList(String.valueOf(a.fileKey()), a.lastModifiedTime(), a.size());
        } catch (NoSuchFileException e) {
            return "absent";
        } catch (IOException e) {
            throw new StorageException("could not look at " + file + ": " + e.getMessage(),
                    "check that the data directory is readable by this user", e);
        }
    }
}
