/**
 * The gateway's public-key infrastructure: its own certificate authority ({@link
 * org.cctvgateway.pki.GatewayCa}) and RTSPS server certificate, agency client certificates with their
 * register, revocations and CRL ({@link org.cctvgateway.pki.AgencyCertificates}), per-agency RTSP
 * Digest credentials stored only as hashes ({@link org.cctvgateway.pki.AgencyCredentialStore}), and the
 * check that ties a TLS session to an agency ({@link org.cctvgateway.pki.AgencyCertificateVerifier}).
 * Before {@code pki init} the server uses the self-signed certificate of {@link
 * org.cctvgateway.pki.GatewayTlsMaterial} under {@code <dataDir>/tls/}. Keys and secrets are written
 * atomically with owner-only permissions and never appear in {@code toString}, logs or errors; every
 * error names the file and says what to do. Blocking file I/O: call from a worker, never an event loop.
 */
package org.cctvgateway.pki;
