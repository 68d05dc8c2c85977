package org.cctvgateway.audit;

import java.util.Set;

/**
 * The well-known record types. A type is any lower-case dotted word, so new kinds of event need no
 * change here; these constants keep the common ones spelled the same everywhere.
 */
public final class AuditTypes {
    public static final String ENROLLMENT = "enrollment";
    public static final String REGISTRY_CHANGE = "registry.change";
    public static final String CONSENT = "consent";
    public static final String POLICY_CHANGE = "policy.change";
    public static final String CERTIFICATE_ISSUED = "certificate.issued";
    public static final String CERTIFICATE_REVOKED = "certificate.revoked";
    public static final String CREDENTIALS_ISSUED = "credentials.issued";
    public static final String CREDENTIALS_REVOKED = "credentials.revoked";
    /** The gateway CA and server certificate were made (or replaced, with {@code pki init --force}). */
    public static final String PKI_INIT = "pki.init";
    public static final String STREAM_SESSION = "stream.session";
    public static final String ACCESS_REFUSED = "access.refused";
    public static final String EMERGENCY_OPENED = "emergency.opened";
    public static final String EMERGENCY_CLOSED = "emergency.closed";
    /** Written by {@link AuditLog} only: a signature over the chain so far. */
    public static final String CHECKPOINT = "checkpoint";
    /** Written by {@link AuditLog} only: a torn tail left by a crash was dropped on open. */
    public static final String LOG_RECOVERED = "log.recovered";

    /** Types a caller may not append: only the log itself writes them. */
    static final Set<String> RESERVED = Set.of(CHECKPOINT, LOG_RECOVERED);

    private AuditTypes() {
    }
}
