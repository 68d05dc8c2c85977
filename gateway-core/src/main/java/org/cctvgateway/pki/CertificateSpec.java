package org.cctvgateway.pki;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a certificate to be issued says about its subject.
 *
 * @param commonName the subject CN, also the whole subject name
 * @param dnsNames subject alternative DNS names
 * @param ipAddresses subject alternative IP addresses as literals ({@code 127.0.0.1})
 * @param notBefore start of validity
 * @param validity how long it is valid from {@code notBefore}
 * @param usage what the key may be used for
 */
public record CertificateSpec(String commonName, List<String> dnsNames, List<String> ipAddresses,
                              Instant notBefore, Duration validity, Usage usage) {
    /** The role of the certificate, which sets its basic constraints and key usages. */
    public enum Usage {
        /** A certificate authority: may sign certificates, not a TLS endpoint. */
        CA,
        /** A TLS server (serverAuth). */
        SERVER,
        /** A TLS client (clientAuth). */
        CLIENT
    }

    public CertificateSpec {
        Objects.requireNonNull(commonName, "commonName");
        if (commonName.isBlank()) {
            throw new IllegalArgumentException("commonName must not be blank");
        }
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(usage, "usage");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive, was " + validity);
        }
    }
}
