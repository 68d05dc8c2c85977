package org.cctvgateway.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgencyCertificateVerifierTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path data;

    GatewayCa ca;
    AgencyCertificates pki;
    AgencyCertificateVerifier verifier;

    @BeforeEach
    void init() {
        ca = GatewayCa.init(data, List.of(), false, CLOCK);
        pki = new AgencyCertificates(data);
        verifier = new AgencyCertificateVerifier(ca.certificate(), IssuedIndex.file(data), Duration.ZERO);
    }

    X509Certificate cert(AgencyCertificates.Issued issued) {
        return Pem.readCertificates(issued.certificateFile()).get(0);
    }

    @Test
    void acceptsAFreshAgencyCertificate() {
        AgencyCertificates.Issued issued = pki.issue("police", Duration.ofDays(90), Optional.empty(), CLOCK);

        assertThat(verifier.verify(List.of(cert(issued), ca.certificate()), NOW))
                .isEqualTo(new AgencyCertificateVerifier.Agency("police", issued.certificate().serialHex(),
                        issued.certificate().notAfter()));
    }

    @Test
    void refusesNoCertificate() {
        assertThat(verifier.verify(List.of(), NOW))
                .isEqualTo(new AgencyCertificateVerifier.Refused("no client certificate"));
    }

    @Test
    void refusesExpiredAndNotYetValidCertificates() {
        X509Certificate c = cert(pki.issue("police", Duration.ofDays(1), Optional.empty(), CLOCK));

        assertThat(verifier.verify(List.of(c), NOW.plus(Duration.ofDays(2))))
                .isInstanceOfSatisfying(AgencyCertificateVerifier.Refused.class,
                        r -> assertThat(r.reason()).contains("expired on 2026-03-02T09:55:00Z"));
        assertThat(verifier.verify(List.of(c), NOW.minus(Duration.ofDays(1))))
                .isInstanceOfSatisfying(AgencyCertificateVerifier.Refused.class,
                        r -> assertThat(r.reason()).contains("not yet valid"));
    }

    @Test
    void revocationByAnotherWriterIsSeenWithoutRestart() {
        AgencyCertificates.Issued issued = pki.issue("police", Duration.ofDays(90), Optional.empty(), CLOCK);
        assertThat(verifier.verify(List.of(cert(issued)), NOW)).isInstanceOf(AgencyCertificateVerifier.Agency.class);

        new AgencyCertificates(data).revokeAgency("police", "contract ended", CLOCK);

        assertThat(verifier.verify(List.of(cert(issued)), NOW))
                .isEqualTo(new AgencyCertificateVerifier.Refused("certificate serial "
                        + issued.certificate().serialHex()
                        + " for agency 'police' was revoked on 2026-03-01T10:00:00Z: contract ended"));
    }

    @Test
    void refusesForeignCaAndNamesItsIssuer() throws Exception {
        Path other = Files.createDirectory(data.resolve("other"));
        GatewayCa foreign = GatewayCa.init(other, List.of(), false, CLOCK);
        X509Certificate c = cert(new AgencyCertificates(other).issue("police", Duration.ofDays(9), Optional.empty(),
                CLOCK));

        assertThat(verifier.verify(List.of(c, foreign.certificate()), NOW))
                .isEqualTo(new AgencyCertificateVerifier.Refused("certificate is not issued by this gateway's CA "
                        + "(issuer " + foreign.certificate().getSubjectX500Principal().getName() + ")"));
    }

    @Test
    void refusesTheServerCertificateAsNotForClientUse() {
        assertThat(verifier.verify(List.of(ca.serverCertificate()), NOW))
                .isEqualTo(new AgencyCertificateVerifier.Refused("certificate is not for client use"));
    }

    @Test
    void refusesACertificateMissingFromTheRegister() throws Exception {
        X509Certificate c = cert(pki.issue("police", Duration.ofDays(9), Optional.empty(), CLOCK));
        Files.delete(IssuedIndex.file(data));

        assertThat(verifier.verify(List.of(c), NOW))
                .isInstanceOfSatisfying(AgencyCertificateVerifier.Refused.class,
                        r -> assertThat(r.reason()).contains("not in this gateway's register"));
    }
}
