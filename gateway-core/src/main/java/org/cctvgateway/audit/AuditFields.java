package org.cctvgateway.audit;

/** The well-known field names, so that callers and {@link AuditQuery} agree on their spelling. */
public final class AuditFields {
    public static final String AGENCY = "agency";
    public static final String CAMERA = "camera";
    public static final String SITE = "site";
    public static final String CERTIFICATE_SERIAL = "certificateSerial";
    public static final String REASON = "reason";
    public static final String BYTES = "bytes";
    public static final String START = "start";
    public static final String END = "end";
    public static final String ACTOR = "actor";
    public static final String DETAILS = "details";
    public static final String SHARING = "sharing";
    public static final String CONSENT_BY = "consentBy";
    public static final String EXPIRES = "expires";
    public static final String CASE_NUMBER = "caseNumber";
    public static final String UNTIL = "until";
    public static final String PROFILE = "profile";
    /** A re-published stream's path, {@code site/camera/role}. */
    public static final String PATH = "path";
    public static final String REMOTE = "remote";
    public static final String STATUS = "status";
    /** What a registry change did, as {@code RegistryChange.action()} names it ({@code camera.state}). */
    public static final String ACTION = "action";
    /** The name of an agency's Digest credentials (the user name players log in with); never the secret. */
    public static final String CREDENTIAL = "credential";
    /** Hex SHA-256 of the gateway CA certificate. */
    public static final String CA_FINGERPRINT = "caFingerprint";
    /** The names and addresses a server certificate is for. */
    public static final String HOSTS = "hosts";
    /** The id of an emergency window. */
    public static final String WINDOW = "window";
    /** Checkpoint: the seq of the record the signature covers (the one just before it). */
    public static final String COVERED_SEQ = "coveredSeq";
    /** Checkpoint: the hash of the covered record's line. */
    public static final String COVERED_HASH = "coveredHash";
    /** Checkpoint: hex SHA-256 of the signing key's public key (X.509 SubjectPublicKeyInfo DER). */
    public static final String KEY_ID = "keyId";
    /** Checkpoint: base64 DER ECDSA P-256 (SHA256withECDSA) signature. */
    public static final String SIGNATURE = "signature";
    /** log.recovered: how many bytes of a partial last line were dropped. */
    public static final String DROPPED_BYTES = "droppedBytes";
    /** log.recovered: the seq of the last intact record before the dropped bytes. */
    public static final String AFTER_SEQ = "afterSeq";

    private AuditFields() {
    }
}
