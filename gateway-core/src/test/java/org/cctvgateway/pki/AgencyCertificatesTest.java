package org.cctvgateway.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.cctvgateway.GatewayException;
import org.cctvgateway.StorageException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgencyCertificatesTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path data;

    GatewayCa ca;
    AgencyCertificates pki;

    @BeforeEach
    void init() {
        ca = GatewayCa.init(data, List.of(), false, CLOCK);
        pki = new AgencyCertificates(data);
    }

    @Test
    void issueWritesPemKeyAndPkcs12WithTheAgencyInTheSubject() throws Exception {
        AgencyCertificates.Issued issued = pki.issue("police", Duration.ofDays(90), Optional.empty(), CLOCK);

        X509Certificate cert = Pem.readCertificates(issued.certificateFile()).get(0);
        assertThat(cert.getSubjectX500Principal().getName()).startsWith("CN=police,OU=cctv-gateway agency,O=");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        cert.verify(ca.certificate().getPublicKey());
        assertThat(cert.getNotAfter().toInstant())
                .isEqualTo(NOW.minus(Duration.ofMinutes(5)).plus(Duration.ofDays(90)));
        assertThat(issued.certificate().serialHex()).isEqualTo(cert.getSerialNumber().toString(16).toUpperCase());
        assertThat(issued.certificateFile().getParent()).isEqualTo(data.resolve("pki/agencies/police"));
        for (Path secret : List.of(issued.keyFile(), issued.pkcs12File())) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        }
        assertThat(issued.passwordGenerated()).isTrue();
        assertThat(issued.pkcs12Password()).hasSize(20);
        assertThat(issued.toString()).doesNotContain(issued.pkcs12Password());
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(issued.pkcs12File())) {
            p12.load(in, issued.pkcs12Password().toCharArray());
        }
        assertThat(p12.getCertificate("police")).isEqualTo(cert);
        assertThat(p12.getKey("police", issued.pkcs12Password().toCharArray())).isNotNull();
        assertThat(pki.list()).containsExactly(issued.certificate());
    }

    @Test
    void suppliedPkcs12PasswordIsUsed() throws Exception {
        AgencyCertificates.Issued issued = pki.issue("fire", Duration.ofDays(1), Optional.of("correct horse"), CLOCK);

        assertThat(issued.passwordGenerated()).isFalse();
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(issued.pkcs12File())) {
            p12.load(in, "correct horse".toCharArray());
        }
        assertThat(p12.size()).isEqualTo(1);
    }

    @Test
    void revokeBySerialRecordsReasonAndWritesCrl() throws Exception {
        AgencyCertificates.Issued a = pki.issue("police", Duration.ofDays(90), Optional.empty(), CLOCK);
        AgencyCertificates.Issued b = pki.issue("police", Duration.ofDays(90), Optional.empty(), CLOCK);

        Optional<IssuedCertificate> revoked = pki.revokeSerial(a.certificate().serialHex().toLowerCase(),
                "laptop stolen", CLOCK);

        assertThat(revoked).get().extracting(IssuedCertificate::revocationReason)
                .isEqualTo(Optional.of("laptop stolen"));
        assertThat(pki.list()).extracting(c -> c.status(NOW))
                .containsExactly(IssuedCertificate.Status.REVOKED, IssuedCertificate.Status.VALID);
        X509CRL crl = crl();
        crl.verify(ca.certificate().getPublicKey());
        assertThat(crl.getRevokedCertificate(a.certificate().serial())).isNotNull();
        assertThat(crl.getRevokedCertificate(b.certificate().serial())).isNull();
        assertThat(pki.revokeSerial(a.certificate().serialHex(), "again", CLOCK)).isEmpty();
    }

    @Test
    void revokeByAgencyRevokesEveryCertificateOfThatAgencyOnly() {
        pki.issue("police", Duration.ofDays(90), Optional.empty(), CLOCK);
        pki.issue("police", Duration.ofDays(90), Optional.empty(), CLOCK);
        pki.issue("fire", Duration.ofDays(90), Optional.empty(), CLOCK);

        List<IssuedCertificate> changed = pki.revokeAgency("police", "", CLOCK);

        assertThat(changed).hasSize(2).allMatch(c -> c.revocationReason().equals(Optional.of("no reason given")));
        assertThat(pki.list()).filteredOn(c -> c.agency().equals("fire"))
                .allMatch(c -> c.revokedAt().isEmpty());
        assertThat(pki.revokeAgency("police", "x", CLOCK)).isEmpty();
    }

    @Test
    void revokingAnUnknownSerialNamesIt() {
        assertThatThrownBy(() -> pki.revokeSerial("ABCDEF", "x", CLOCK))
                .isInstanceOf(GatewayException.class).hasMessageContaining("ABCDEF");
    }

    @Test
    void rejectsBadAgencyNamesAndValidities() {
        assertThatThrownBy(() -> pki.issue("Police", Duration.ofDays(1), Optional.empty(), CLOCK))
                .hasMessageContaining("'Police'");
        assertThatThrownBy(() -> pki.issue("police", Duration.ofDays(3000), Optional.empty(), CLOCK))
                .hasMessageContaining("3000 days");
        assertThatThrownBy(() -> pki.issue("police", Duration.ofDays(1), Optional.of("short"), CLOCK))
                .hasMessageContaining("shorter than 8");
    }

    @Test
    void issueWithoutCaSaysToRunInit() throws Exception {
        Path other = Files.createDirectory(data.resolve("other"));

        assertThatThrownBy(() -> new AgencyCertificates(other).issue("police", Duration.ofDays(1), Optional.empty(),
                CLOCK)).isInstanceOf(StorageException.class).hasMessageContaining("no gateway CA");
    }

    private X509CRL crl() throws Exception {
        try (InputStream in = Files.newInputStream(AgencyCertificates.crlFile(data))) {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
    }
}
