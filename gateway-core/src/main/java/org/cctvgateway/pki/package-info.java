/**
 * Certificates and keys for the gateway's TLS endpoints: the self-signed server certificate
 * generated on first start under {@code <dataDir>/tls/}, user-supplied PEM files, the trusted
 * client certificate authorities for mutual TLS, and a small issuer used by the {@code pki}
 * command and by tests. Keys are written atomically with owner-only permissions; every error
 * names the file and says what to do. Blocking file I/O: call from a worker, never an event loop.
 */
package org.cctvgateway.pki;
