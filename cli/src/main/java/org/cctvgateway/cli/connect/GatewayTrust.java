package org.cctvgateway.cli.connect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.cctvgateway.GatewayException;
import org.cctvgateway.pki.Pem;

/**
 * How the connector decides that it reached the real gateway: its certificate chains to a CA the
 * agency was given (the gateway's {@code pki/ca.crt.pem}), or its SHA-256 fingerprint equals one
 * the gateway printed, or both.
 *
 * <p>Host names: with a CA the certificate must also name the host the connector dials (a DNS
 * or IP subject alternative name), because a CA can sign for more than one machine and a host
 * check is what stops one of them standing in for another. The gateway's own CA puts localhost,
 * 127.0.0.1 and the names given to {@code pki init} in its server certificate, so dialling the
 * gateway by one of those names passes. A gateway reached by an address its
 * certificate does not list (through NAT or a VPN) needs {@code checkHostname} off, which keeps
 * the CA check. A pinned fingerprint names exactly one certificate, so no host check is added.
 *
 * @param caFile the PEM file {@code authorities} came from, for messages
 * @param authorities trust anchors; empty when only a fingerprint is pinned
 * @param fingerprint the pinned SHA-256 fingerprint as upper-case hex pairs joined by colons
 * @param checkHostname true to require the dialled host among the certificate's names (CA only)
 */
public record GatewayTrust(Optional<Path> caFile, List<X509Certificate> authorities, Optional<String> fingerprint,
                           boolean checkHostname) {
    public GatewayTrust {
        Objects.requireNonNull(caFile, "caFile");
        authorities = List.copyOf(authorities);
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (authorities.isEmpty() && fingerprint.isEmpty()) {
            throw new IllegalArgumentException("a CA or a pinned fingerprint is needed to check the gateway");
        }
        if (caFile.isPresent() != !authorities.isEmpty()) {
            throw new IllegalArgumentException("caFile and authorities go together");
        }
    }

    /**
     * Trust from the command line's {@code --gateway-ca} and {@code --gateway-fingerprint}.
     *
     * @throws GatewayException when neither is given, the CA file is missing or unreadable, or the
     *     fingerprint is not 32 hex bytes
     */
    public static GatewayTrust of(Optional<Path> caFile, Optional<String> fingerprintHex, boolean checkHostname) {
        if (caFile.isEmpty() && fingerprintHex.isEmpty()) {
            throw new GatewayException("nothing to check the gateway's certificate against",
                    "give --gateway-ca FILE (the gateway's pki/ca.crt.pem, handed out with your certificate) or "
                            + "--gateway-fingerprint HEX (the SHA-256 fingerprint the gateway prints)");
        }
        List<X509Certificate> cas = List.of();
        if (caFile.isPresent()) {
            Path f = caFile.get();
            if (!Files.isRegularFile(f)) {
                throw new GatewayException("gateway CA file " + f + " does not exist (--gateway-ca)",
                        "give the gateway's CA certificate (pki/ca.crt.pem) the operator handed out with your "
                                + "certificate");
            }
            cas = Pem.readCertificates(f);
        }
        return new GatewayTrust(caFile, cas, fingerprintHex.map(GatewayTrust::normalizeFingerprint), checkHostname);
    }

    /** {@code ab:cd...}, {@code ABCD...} or with spaces -> {@code AB:CD:...}; 32 bytes or a GatewayException. */
    public static String normalizeFingerprint(String hex) {
        String digits = hex.replace(":", "").replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
        if (digits.length() != 64 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new GatewayException("--gateway-fingerprint '" + hex + "' is not a SHA-256 fingerprint (64 hex "
                    + "digits, colons allowed)", "copy the 'TLS certificate SHA-256 fingerprint' line the gateway "
                    + "prints, e.g. 3F:A0:...");
        }
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(digits));
    }

    /** One phrase for output: what the gateway's certificate is checked against. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        caFile.ifPresent(f -> b.append("CA ").append(f).append(checkHostname ? " (host name checked)" : ""));
        fingerprint.ifPresent(f -> b.append(b.length() > 0 ? " and " : "").append("pinned SHA-256 ").append(f));
        return b.toString();
    }
}
