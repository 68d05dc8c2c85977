package org.cctvgateway.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Something to record: a type and its fields, before the log gives it a seq, a time and a place in
 * the chain. The factories below fill the well-known fields; {@link #with} adds more.
 *
 * <p>Never put a secret in an event. Field values are plain JSON values (so a {@code Credentials}
 * object, a key or a byte array cannot be passed), and a field whose name contains "password",
 * "passwd", "passphrase", "secret", "privatekey" or "apikey" (any case) is refused.
 *
 * @param type   a lower-case dotted word, e.g. {@value AuditTypes#ENROLLMENT}; the log's own types
 *               ({@value AuditTypes#CHECKPOINT}, {@value AuditTypes#LOG_RECOVERED}) are refused on append
 * @param fields JSON values, see {@link AuditFields} for the usual names
 */
public record AuditEvent(String type, Map<String, Object> fields) {
    private static final String[] SECRET_WORDS = {"password", "passwd", "passphrase", "secret", "privatekey",
        "apikey"};

    public AuditEvent {
        AuditJson.checkType(type);
        fields = AuditJson.normalizeFields(Objects.requireNonNull(fields, "fields"));
        refuseSecretNames(fields);
    }

    /** An event of any type. */
    public static AuditEvent of(String type, Map<String, ?> fields) {
        return new AuditEvent(type, new LinkedHashMap<>(fields));
    }

    /** This event with one more field (or the field replaced). */
    public AuditEvent with(String field, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(fields);
        m.put(field, value);
        return new AuditEvent(type, m);
    }

    /** A camera was enrolled at a site by {@code actor}. */
    public static AuditEvent enrollment(String site, String camera, String actor) {
        return of(AuditTypes.ENROLLMENT, ordered(AuditFields.SITE, site, AuditFields.CAMERA, camera,
                AuditFields.ACTOR, actor));
    }

    /** A site or camera changed in the registry (state, placement, retirement...). */
    public static AuditEvent registryChange(String site, String camera, String actor, String details) {
        return of(AuditTypes.REGISTRY_CHANGE, ordered(AuditFields.SITE, site, AuditFields.CAMERA, camera,
                AuditFields.ACTOR, actor, AuditFields.DETAILS, details));
    }

    /** The owner's consent for a camera was recorded or changed. */
    public static AuditEvent consent(String camera, String consentBy, Object sharing, Instant expires) {
        return of(AuditTypes.CONSENT, ordered(AuditFields.CAMERA, camera, AuditFields.CONSENT_BY, consentBy,
                AuditFields.SHARING, sharing, AuditFields.EXPIRES, expires));
    }

    /** The access policy changed. */
    public static AuditEvent policyChange(String actor, String details) {
        return of(AuditTypes.POLICY_CHANGE, ordered(AuditFields.ACTOR, actor, AuditFields.DETAILS, details));
    }

    /** A client certificate was issued to an agency. */
    public static AuditEvent certificateIssued(String agency, String certificateSerial, Instant expires) {
        return of(AuditTypes.CERTIFICATE_ISSUED, ordered(AuditFields.AGENCY, agency,
                AuditFields.CERTIFICATE_SERIAL, certificateSerial, AuditFields.EXPIRES, expires));
    }

    /** An agency's certificate was revoked. */
    public static AuditEvent certificateRevoked(String agency, String certificateSerial, String reason) {
        return of(AuditTypes.CERTIFICATE_REVOKED, ordered(AuditFields.AGENCY, agency,
                AuditFields.CERTIFICATE_SERIAL, certificateSerial, AuditFields.REASON, reason));
    }

    /**
     * A stream session ended. {@code certificateSerial} is the client certificate's serial, or the
     * agency credential's name when the agency logged in with RTSP Digest; never the secret itself.
     */
    public static AuditEvent streamSession(String agency, String certificateSerial, String camera,
                                           Instant start, Instant end, long bytes) {
        return of(AuditTypes.STREAM_SESSION, ordered(AuditFields.AGENCY, agency,
                AuditFields.CERTIFICATE_SERIAL, certificateSerial, AuditFields.CAMERA, camera,
                AuditFields.START, start, AuditFields.END, end, AuditFields.BYTES, bytes));
    }

    /**
     * A request was refused. {@code agency} is whatever the client claimed or presented, or
     * "anonymous"; {@code camera} the path it asked for.
     */
    public static AuditEvent accessRefused(String agency, String camera, String reason) {
        return of(AuditTypes.ACCESS_REFUSED, ordered(AuditFields.AGENCY, agency, AuditFields.CAMERA, camera,
                AuditFields.REASON, reason));
    }

    /** An emergency window was opened for a site. */
    public static AuditEvent emergencyOpened(String site, String reason, String caseNumber, Instant until,
                                             String actor) {
        return of(AuditTypes.EMERGENCY_OPENED, ordered(AuditFields.SITE, site, AuditFields.REASON, reason,
                AuditFields.CASE_NUMBER, caseNumber, AuditFields.UNTIL, until, AuditFields.ACTOR, actor));
    }

    /** An emergency window closed (by hand, or because it expired). */
    public static AuditEvent emergencyClosed(String site, String caseNumber, String reason) {
        return of(AuditTypes.EMERGENCY_CLOSED, ordered(AuditFields.SITE, site, AuditFields.CASE_NUMBER, caseNumber,
                AuditFields.REASON, reason));
    }

    /** Key/value pairs in order; a null value leaves its field out. */
    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    private static void refuseSecretNames(Object value) {
        if (value instanceof java.util.List<?> list) {
            list.forEach(AuditEvent::refuseSecretNames);
        }
        if (!(value instanceof Map<?, ?> fields)) {
            return;
        }
        for (Map.Entry<?, ?> e : fields.entrySet()) {
            String name = ((String) e.getKey()).toLowerCase(Locale.ROOT).replaceAll("[_.-]", "");
            for (String word : SECRET_WORDS) {
                if (name.contains(word)) {
                    throw new IllegalArgumentException("audit field '" + e.getKey()
                            + "' looks like a secret; the audit log never holds secrets");
                }
            }
            refuseSecretNames(e.getValue());
        }
    }
}
