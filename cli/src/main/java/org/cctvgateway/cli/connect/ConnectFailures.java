package org.cctvgateway.cli.connect;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Turns what went wrong on the way to the gateway into the one line a user reads: "gateway
 * refused our certificate: certificate revoked", "gateway certificate not trusted by
 * --gateway-ca ca.crt.pem: ...", "cannot connect to gateway gw:8322: Connection refused". Pure.
 */
final class ConnectFailures {
    private static final String ALERT = "Received fatal alert: ";
    private static final String REFUSED = "gateway refused our certificate: ";

    /** TLS alert names (RFC 8446 §6.2) as the gateway's refusal reads to a user. */
    private static final Map<String, String> ALERTS = Map.ofEntries(
            Map.entry("certificate_revoked", REFUSED + "certificate revoked"),
            Map.entry("certificate_expired", REFUSED + "certificate expired"),
            Map.entry("unknown_ca", REFUSED + "not issued by a CA the gateway trusts"),
            Map.entry("bad_certificate", REFUSED + "certificate not accepted (bad_certificate)"),
            Map.entry("certificate_unknown", REFUSED + "certificate not accepted (certificate_unknown)"),
            Map.entry("unsupported_certificate", REFUSED + "certificate type not supported"),
            Map.entry("access_denied", REFUSED + "access denied"),
            Map.entry("certificate_required", "gateway requires a client certificate and none was sent"),
            Map.entry("handshake_failure", "TLS handshake with the gateway failed: no protocol version or cipher "
                    + "suite in common (handshake_failure)"),
            Map.entry("protocol_version", "TLS handshake with the gateway failed: it speaks neither TLS 1.3 nor "
                    + "TLS 1.2 (protocol_version)"),
            Map.entry("insufficient_security", "TLS handshake with the gateway failed: no cipher suite strong "
                    + "enough for it (insufficient_security)"));

    private static final List<String> SOCKET_REASONS = List.of("Connection refused",
            "No route to host", "Network is unreachable", "Connection timed out", "Connection reset by peer");

    private static final String RTSP_4XX = "RTSP/1.0 4";
    private static final int MAX_STATUS_LINE = 256;

    private ConnectFailures() {
    }

    /** The alert a TLS peer sent, e.g. {@code certificate_revoked}, when {@code failure} carries one. */
    static Optional<String> receivedAlert(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (t instanceof SSLException && m != null && m.startsWith(ALERT)) {
                return Optional.of(m.substring(ALERT.length()).trim().toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    /**
     * One line naming the reason for {@code failure} on the way to {@code gateway}.
     *
     * @param connectTimeout and {@code handshakeTimeout} are named when one of them ran out
     */
    static String describe(Throwable failure, HostAndPort gateway, Duration connectTimeout,
                           Duration handshakeTimeout) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof GatewayCertificateException) {
                return t.getMessage();
            }
        }
        Optional<String> alert = receivedAlert(failure);
        if (alert.isPresent()) {
            return ALERTS.getOrDefault(alert.get(), "TLS with the gateway failed: it sent the alert " + alert.get());
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectTimeoutException) {
                return "gateway " + gateway + " did not answer within " + seconds(connectTimeout);
            }
            if (t instanceof SslHandshakeTimeoutException) {
                return "gateway " + gateway + " did not complete the TLS handshake within " + seconds(handshakeTimeout);
            }
            if (t instanceof NotSslRecordException) {
                return "gateway " + gateway + " does not speak TLS on that port (a plain RTSP port?)";
            }
            if (t instanceof UnknownHostException) {
                return "gateway host '" + gateway.host() + "' is unknown (DNS lookup failed)";
            }
            if (t instanceof ConnectException) {
                return "cannot connect to gateway " + gateway + ": " + socketReason(t.getMessage());
            }
            if (t instanceof ClosedChannelException) {
                return "gateway " + gateway + " closed the connection during the TLS handshake";
            }
        }
        return "TLS with the gateway " + gateway + " failed: " + firstLine(String.valueOf(failure.getMessage()));
    }

    /**
     * The gateway's refusal when {@code fromGateway} starts with an RTSP 403 reply, or a 401 that
     * carries a reason ({@code RTSP/1.0 403 Forbidden: certificate revoked}); a bare 401 is the first
     * step of a Digest exchange, not a refusal. Replies are looked for only at the start of a read,
     * where the gateway's replies to DESCRIBE and SETUP land: the stream is never parsed.
     * Borrows {@code fromGateway}; its indices do not move.
     */
    static Optional<String> refusal(ByteBuf fromGateway) {
        int start = fromGateway.readerIndex();
        int n = Math.min(fromGateway.readableBytes(), MAX_STATUS_LINE);
        if (n < RTSP_4XX.length() + 2) {
            return Optional.empty();
        }
        String head = fromGateway.toString(start, n, StandardCharsets.ISO_8859_1);
        if (!head.startsWith(RTSP_4XX)) {
            return Optional.empty();
        }
        int end = head.indexOf('\r');
        if (end < 0) {
            end = head.indexOf('\n');
        }
        String status = (end < 0 ? head : head.substring(0, end)).substring("RTSP/1.0 ".length());
        boolean refused = status.startsWith("403") || status.startsWith("401") && status.indexOf(':') > 0;
        return refused && status.chars().allMatch(c -> c >= 0x20 && c < 0x7f)
                ? Optional.of("gateway answered " + status) : Optional.empty();
    }

    /** The OS's words without the transport's decoration ({@code finishConnect(..) failed with error(-111): }). */
    private static String socketReason(String message) {
        String m = firstLine(message);
        for (String known : SOCKET_REASONS) {
            if (m.contains(known)) {
                return known;
            }
        }
        return m;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "(no reason given)";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
