package org.cctvgateway.cli.runtime;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import org.cctvgateway.audit.AuditEvent;
import org.cctvgateway.audit.AuditLog;
import org.cctvgateway.audit.AuditRecord;
import org.cctvgateway.audit.AuditSigner;

/**
 * The audit log of a data directory as commands use it: opened on first use (so a command that
 * changes nothing never creates one), every record durable before {@link #record} returns, and
 * the actor of command-line changes named once. Close it when the command ends: that writes the
 * signed checkpoint covering its records. Thread-safe.
 */
public final class AuditTrail implements AutoCloseable {
    private final Path dataDir;
    private final Clock clock;
    private AuditLog log;

    public AuditTrail(Path dataDir, Clock clock) {
        this.dataDir = dataDir;
        this.clock = clock;
    }

    /** Appends {@code event} and returns once it is on disk. */
    public synchronized AuditRecord record(AuditEvent event) {
        return log().append(event);
    }

    /** The open log (opening it, and making the signing key, on first use). */
    public synchronized AuditLog log() {
        if (log == null) {
            Path dir = AuditLog.directory(dataDir);
            log = AuditLog.open(dir, AuditSigner.loadOrCreate(dir, new SecureRandom()), clock,
                    AuditLog.Options.defaults());
        }
        return log;
    }

    /**
     * Who made a change from the command line: the operating-system account running the command,
     * as {@code cli:NAME}. The gateway itself records as {@code gateway}.
     */
    public static String commandLineActor() {
        String user = System.getProperty("user.name", "");
        return "cli:" + (user.isBlank() ? "unknown" : user.toLowerCase(Locale.ROOT));
    }

    @Override
    public synchronized void close() {
        if (log != null) {
            log.close();
            log = null;
        }
    }
}
