package org.cctvgateway.audit;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the audit log as read back or as just written.
 *
 * @param seq    1, 2, 3... without gaps
 * @param time   when the gateway wrote it (UTC, millisecond precision)
 * @param type   what happened, e.g. {@value AuditTypes#STREAM_SESSION} (see {@link AuditTypes})
 * @param fields JSON values describing it (see {@link AuditFields})
 * @param prev   hex SHA-256 of the previous line's exact bytes without its {@code '\n'}; 64 zeros for seq 1
 * @param hash   hex SHA-256 of this record's own line as stored; not in the line itself: the next
 *               record carries it as its {@code prev}
 */
public record AuditRecord(long seq, Instant time, String type, Map<String, Object> fields, String prev, String hash) {
    public AuditRecord {
        if (seq < 1) {
            throw new IllegalArgumentException("seq " + seq + " is not positive");
        }
        Objects.requireNonNull(time, "time");
        AuditJson.checkType(type);
        fields = AuditJson.normalizeFields(Objects.requireNonNull(fields, "fields"));
        AuditJson.checkHash("prev", prev);
        AuditJson.checkHash("hash", hash);
    }

    /** The field as text when it is a string, number or boolean. */
    public Optional<String> text(String field) {
        Object v = fields.get(field);
        return v instanceof Map || v instanceof java.util.List || v == null ? Optional.empty()
                : Optional.of(String.valueOf(v));
    }

    /** This record as one JSON object, {@code hash} included (the form {@code audit show --json} prints). */
    public String toJson() {
        return AuditJson.toJson(this);
    }
}
