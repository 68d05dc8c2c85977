package org.cctvgateway.pki;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cctvgateway.StorageException;
import org.cctvgateway.internal.AtomicFiles;

/**
 * The register of agency certificates in {@code pki/issued.yaml}: every certificate ever issued,
 * revoked ones included, in issue order. A certificate that is not in the register is not accepted
 * by {@link AgencyCertificateVerifier}, even when the CA signed it.
 */
public final class IssuedIndex {
    private static final String HEADER = "# Agency certificates issued by this gateway's CA. Written by "
            + "'cctv-gateway pki'; do not edit.\n";

    private IssuedIndex() {
    }

    /** {@code <dataDir>/pki/issued.yaml}. */
    public static Path file(Path dataDir) {
        return GatewayCa.directory(dataDir).resolve("issued.yaml");
    }

    /** Every certificate on record; empty when the file does not exist. */
    public static List<IssuedCertificate> read(Path file) {
        Optional<FileForm> form = PkiYaml.read(file, FileForm.class);
        List<IssuedCertificate> out = new ArrayList<>();
        if (form.isEmpty() || form.get().certificates() == null) {
            return List.of();
        }
        List<Entry> entries = form.get().certificates();
        for (int i = 0; i < entries.size(); i++) {
            try {
                out.add(entries.get(i).toValue());
            } catch (RuntimeException e) {
                throw new StorageException(file + ": certificates[" + i + "] is not valid: " + e.getMessage(),
                        "restore the file from a backup", e);
            }
        }
        return List.copyOf(out);
    }

    /** Replaces the file atomically. */
    public static void write(Path file, List<IssuedCertificate> certificates) {
        List<Entry> entries = certificates.stream().map(Entry::of).toList();
        PkiYaml.write(file, HEADER, new FileForm(entries), AtomicFiles.Permissions.DEFAULT);
    }

    record FileForm(List<Entry> certificates) {
    }

    @JsonPropertyOrder({"serial", "agency", "notBefore", "notAfter", "sha256", "revokedAt", "reason"})
    record Entry(String serial, String agency, String notBefore, String notAfter, String sha256, String revokedAt,
                 String reason) {
        static Entry of(IssuedCertificate c) {
            return new Entry(c.serialHex(), c.agency(), c.notBefore().toString(), c.notAfter().toString(), c.sha256(),
                    c.revokedAt().map(Instant::toString).orElse(null), c.revocationReason().orElse(null));
        }

        IssuedCertificate toValue() {
            try {
                return new IssuedCertificate(serial, agency, Instant.parse(notBefore), Instant.parse(notAfter),
                        sha256, Optional.ofNullable(revokedAt).map(Instant::parse), Optional.ofNullable(reason));
            } catch (DateTimeParseException | NullPointerException e) {
                throw new IllegalArgumentException("a time is missing or not ISO-8601 (" + e.getMessage() + ")", e);
            }
        }
    }
}
