/**
 * The tamper-evident audit log under {@code <dataDir>/audit/}: {@code audit.log} holds one JSON
 * record per line, each carrying the SHA-256 of the line before it (a hash chain), with periodic
 * {@code checkpoint} records signed by the gateway's audit key ({@code signing-key.pem}, whose public
 * half {@code signing-key.pub.pem} auditors keep elsewhere). {@link org.cctvgateway.audit.AuditLog}
 * appends, returning only once the record is on disk (group commit shares one fsync among concurrent
 * writers) and repairs a torn tail left by a crash; {@link org.cctvgateway.audit.AuditVerifier} checks
 * the whole chain and names the first record that was altered, removed, inserted or moved;
 * {@link org.cctvgateway.audit.AuditQuery} filters records for display. Records never hold secrets:
 * field values are plain JSON values and field names that look like secrets are refused.
 */
package org.cctvgateway.audit;
