package org.cctvgateway.audit;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;

/**
 * A child process for {@link AuditLogProcessTest}: appends {@code COUNT} records tagged {@code WRITER}
 * to the log in {@code AUDIT-DIR} and prints each acknowledged seq on its own line.
 */
public final class AuditAppender {
    private AuditAppender() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String writer = args[2];
        try (AuditLog log = AuditLog.open(dir, AuditSigner.loadOrCreate(dir, new SecureRandom()), Clock.systemUTC(),
                new AuditLog.Options(10))) {
            for (int i = 1; i <= count; i++) {
                AuditRecord r = log.append("test.append", Map.of("writer", writer, "i", i));
                System.out.println(r.seq());
                System.out.flush();
            }
        }
    }
}
