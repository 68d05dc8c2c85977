package org.cctvgateway.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Agency certificates over a real TLS 1.3 connection on 127.0.0.1: the server asks for a client
 * certificate, accepts any, and lets {@link AgencyCertificateVerifier} decide, as the RTSPS server
 * does; plus OpenSSL's view of the files.
 */
class AgencyTlsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path data;

    GatewayCa ca;
    AgencyCertificates pki;
    AgencyCertificateVerifier verifier;
    SSLServerSocket server;
    final ExecutorService executor = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() throws Exception {
        ca = GatewayCa.init(data, List.of(), false, Clock.systemUTC());
        pki = new AgencyCertificates(data);
        verifier = new AgencyCertificateVerifier(ca.certificate(), IssuedIndex.file(data), Duration.ZERO);
        GatewayTlsMaterial m = ca.tlsMaterial();
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(new KeyManager[] {new FixedKeyManager(m.privateKey(), m.chain())},
                new TrustManager[] {new AcceptAnyClient()}, null);
        server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 5,
                InetAddress.getLoopbackAddress());
        server.setWantClientAuth(true);
        server.setSoTimeout((int) WAIT.toMillis());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        executor.shutdownNow();
    }

    @Test
    void freshAgencyCertificateGivesTheAgency() throws Exception {
        AgencyCertificates.Issued issued = pki.issue("police", Duration.ofDays(90), Optional.empty(),
                Clock.systemUTC());

        AgencyCertificateVerifier.Outcome outcome = connectWith(issued);

        assertThat(outcome).isEqualTo(new AgencyCertificateVerifier.Agency("police",
                issued.certificate().serialHex(), issued.certificate().notAfter()));
    }

    @Test
    void expiredCertificateIsRefused() throws Exception {
        Clock past = Clock.offset(Clock.systemUTC(), Duration.ofDays(-200));
        AgencyCertificates.Issued issued = pki.issue("police", Duration.ofDays(90), Optional.empty(), past);

        assertThat(connectWith(issued)).isInstanceOfSatisfying(AgencyCertificateVerifier.Refused.class,
                r -> assertThat(r.reason()).contains("expired on " + issued.certificate().notAfter()));
    }

    @Test
    void revokedCertificateIsRefused() throws Exception {
        AgencyCertificates.Issued issued = pki.issue("police", Duration.ofDays(90), Optional.empty(),
                Clock.systemUTC());
        pki.revokeSerial(issued.certificate().serialHex(), "key compromise", Clock.systemUTC());

        assertThat(connectWith(issued)).isInstanceOfSatisfying(AgencyCertificateVerifier.Refused.class,
                r -> assertThat(r.reason()).contains("for agency 'police' was revoked on")
                        .endsWith(": key compromise"));
    }

    @Test
    void foreignCaCertificateIsRefused() throws Exception {
        Path other = Files.createDirectory(data.resolve("foreign"));
        GatewayCa foreign = GatewayCa.init(other, List.of(), false, Clock.systemUTC());
        AgencyCertificates.Issued issued = new AgencyCertificates(other).issue("police", Duration.ofDays(9),
                Optional.empty(), Clock.systemUTC());

        assertThat(connectWith(issued)).isEqualTo(new AgencyCertificateVerifier.Refused(
                "certificate is not issued by this gateway's CA (issuer "
                        + foreign.certificate().getSubjectX500Principal().getName() + ")"));
    }

    @Test
    void clientWithoutCertificateIsRefused() throws Exception {
        assertThat(connect(null, null)).isEqualTo(new AgencyCertificateVerifier.Refused("no client certificate"));
    }

    @Test
    void opensslAcceptsTheIssuedFiles() throws Exception {
        assumeTrue(openssl("version").exit() == 0, "openssl is not installed");
        AgencyCertificates.Issued issued = pki.issue("police", Duration.ofDays(90), Optional.empty(),
                Clock.systemUTC());
        String caFile = GatewayCa.caCertificateFile(data).toString();

        Result verify = openssl("verify", "-CAfile", caFile, issued.certificateFile().toString());
        assertThat(verify.exit()).as(verify.output()).isZero();
        assertThat(verify.output()).contains(": OK");
        Result p12 = openssl("pkcs12", "-info", "-noout", "-in", issued.pkcs12File().toString(),
                "-passin", "pass:" + issued.pkcs12Password());
        assertThat(p12.exit()).as(p12.output()).isZero();
        Result server = openssl("verify", "-CAfile", caFile, "-purpose", "sslserver",
                data.resolve("pki/server.crt.pem").toString());
        assertThat(server.exit()).as(server.output()).isZero();

        pki.revokeSerial(issued.certificate().serialHex(), "test", Clock.systemUTC());
        Result crl = openssl("verify", "-crl_check", "-CRLfile", AgencyCertificates.crlFile(data).toString(),
                "-CAfile", caFile, issued.certificateFile().toString());
        assertThat(crl.exit()).isNotZero();
        assertThat(crl.output()).contains("certificate revoked");
    }

    private AgencyCertificateVerifier.Outcome connectWith(AgencyCertificates.Issued issued) throws Exception {
        return connect(Pem.readPrivateKey(issued.keyFile()), Pem.readCertificates(issued.certificateFile()));
    }

    private AgencyCertificateVerifier.Outcome connect(PrivateKey key, List<X509Certificate> chain) throws Exception {
        Future<AgencyCertificateVerifier.Outcome> accepted = executor.submit(() -> {
            try (SSLSocket s = (SSLSocket) server.accept()) {
                s.setSoTimeout((int) WAIT.toMillis());
                s.startHandshake();
                List<X509Certificate> presented = new ArrayList<>();
                try {
                    for (java.security.cert.Certificate c : s.getSession().getPeerCertificates()) {
                        presented.add((X509Certificate) c);
                    }
                } catch (SSLPeerUnverifiedException e) {
                    // No certificate presented: the verifier gets an empty chain.
                }
                AgencyCertificateVerifier.Outcome outcome = verifier.verify(presented, Instant.now());
                OutputStream out = s.getOutputStream();
                out.write('.');
                out.flush();
                return outcome;
            }
        });
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        KeyManager[] kms = key == null ? new KeyManager[0] : new KeyManager[] {new FixedKeyManager(key, chain)};
        ctx.init(kms, new TrustManager[] {new TrustOnly(ca.certificate())}, null);
        try (SSLSocket client = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                server.getLocalPort())) {
            client.setSoTimeout((int) WAIT.toMillis());
            client.startHandshake();
            InputStream in = client.getInputStream();
            assertThat(in.read()).isEqualTo('.');
        }
        return accepted.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    record Result(int exit, String output) {
    }

    private static Result openssl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
        try {
            if (!p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                return new Result(-2, "openssl did not finish within " + WAIT);
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    /** Always presents one key and chain, whatever the peer asks for (so expired ones are sent too). */
    static final class FixedKeyManager extends X509ExtendedKeyManager {
        private final PrivateKey key;
        private final X509Certificate[] chain;

        FixedKeyManager(PrivateKey key, List<X509Certificate> chain) {
            this.key = key;
            this.chain = chain.toArray(new X509Certificate[0]);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"k"};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "k";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "k";
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {"k"};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return "EC".equals(keyType) ? "k" : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return "EC".equals(keyType) ? "k" : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return chain.clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }
    }

    /** The server's side: asks for a certificate, accepts any; the verifier decides afterwards. */
    static final class AcceptAnyClient extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("server side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("server side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("server side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** The client's side: the server certificate must be signed by the gateway CA. */
    static final class TrustOnly extends X509ExtendedTrustManager {
        private final X509Certificate ca;

        TrustOnly(X509Certificate ca) {
            this.ca = ca;
        }

        private void check(X509Certificate[] chain) throws java.security.cert.CertificateException {
            try {
                chain[0].verify(ca.getPublicKey());
            } catch (java.security.GeneralSecurityException e) {
                throw new java.security.cert.CertificateException("server certificate not from the gateway CA", e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws java.security.cert.CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException {
            check(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            check(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[] {ca};
        }
    }
}
