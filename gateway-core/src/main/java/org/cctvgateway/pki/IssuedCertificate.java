package org.cctvgateway.pki;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.cctvgateway.GatewayException;

/**
 * One agency certificate on record in {@code pki/issued.yaml}.
 *
 * @param serialHex the serial number in upper-case hex, as {@code openssl x509 -serial} prints it
 * @param agency the agency it was issued to (its subject CN)
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param sha256 SHA-256 fingerprint of the DER encoding, colon-separated upper-case hex
 * @param revokedAt when it was revoked; empty while it is not
 * @param revocationReason why, in the words of whoever revoked it; empty while it is not revoked
 */
public record IssuedCertificate(String serialHex, String agency, Instant notBefore, Instant notAfter, String sha256,
                                Optional<Instant> revokedAt, Optional<String> revocationReason) {
    /** Where a certificate stands at a given moment. */
    public enum Status {
        VALID("valid"), NOT_YET_VALID("not-yet-valid"), EXPIRED("expired"), REVOKED("revoked");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The lower-case word printed by {@code pki list}. */
        public String label() {
            return label;
        }
    }

    public IssuedCertificate {
        serialHex = normalizeSerial(serialHex);
        AgencyNames.require(agency);
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(revocationReason, "revocationReason");
        if (revokedAt.isEmpty() && revocationReason.isPresent()) {
            throw new IllegalArgumentException("a revocation reason needs a revocation time");
        }
    }

    /** The status at {@code now}; revocation wins over expiry. */
    public Status status(Instant now) {
        if (revokedAt.isPresent()) {
            return Status.REVOKED;
        }
        if (now.isBefore(notBefore)) {
            return Status.NOT_YET_VALID;
        }
        return now.isAfter(notAfter) ? Status.EXPIRED : Status.VALID;
    }

    /** A copy revoked at {@code at} for {@code reason}. */
    public IssuedCertificate revoked(Instant at, String reason) {
        return new IssuedCertificate(serialHex, agency, notBefore, notAfter, sha256, Optional.of(at),
                Optional.of(reason));
    }

    /** The serial as a number. */
    public BigInteger serial() {
        return new BigInteger(serialHex, 16);
    }

    /** The hex form used everywhere: upper case, no colons, no leading zeros. */
    public static String serialHex(BigInteger serial) {
        return serial.toString(16).toUpperCase(Locale.ROOT);
    }

    /**
     * Reads a serial typed by a person ({@code 4f:1a..}, {@code 0x4F1A..}) into {@link #serialHex} form.
     *
     * @throws GatewayException when it is not hex
     */
    public static String normalizeSerial(String text) {
        String t = text == null ? "" : text.trim().replace(":", "").toUpperCase(Locale.ROOT);
        if (t.startsWith("0X")) {
            t = t.substring(2);
        }
        if (t.isEmpty() || t.length() > 40 || !t.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new GatewayException("'" + text + "' is not a certificate serial number",
                    "give the serial in hex as 'cctv-gateway pki list' shows it");
        }
        return serialHex(new BigInteger(t, 16));
    }
}
