package org.cctvgateway.config;

/**
 * TLS for the re-publishing server. With no certificate given, the gateway makes a self-signed
 * one under {@code <dataDir>/tls/} on first start and prints its SHA-256 fingerprint.
 *
 * @param enabled true by default; false serves plain {@code rtsp://} (tests on loopback only)
 * @param certificate PEM certificate chain file; empty = the gateway's own
 * @param privateKey PEM private key file matching {@code certificate}
 * @param clientCa PEM file of the CA(s) whose client certificates are accepted
 * @param requireClientCertificate true refuses any viewer without a certificate from
 *     {@code clientCa} (mutual TLS); false by default until agencies have certificates
 */
public record TlsConfig(Boolean enabled, String certificate, String privateKey, String clientCa,
                        Boolean requireClientCertificate) {
    public TlsConfig {
        enabled = enabled == null || enabled;
        certificate = certificate == null ? "" : certificate;
        privateKey = privateKey == null ? "" : privateKey;
        clientCa = clientCa == null ? "" : clientCa;
        requireClientCertificate = requireClientCertificate != null && requireClientCertificate;
    }

    public static TlsConfig defaults() {
        return new TlsConfig(null, null, null, null, null);
    }
}
