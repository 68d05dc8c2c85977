package org.cctvgateway.cli.connect;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Keeps the media inside the TLS connection. A player that asks for RTP over UDP (ffmpeg's first
 * try unless given {@code -rtsp_transport tcp}) would have the gateway send the video outside the
 * connector, in clear, to this machine's address. When a read from the player is exactly one
 * SETUP request whose Transport header names no TCP transport, the connector answers it itself
 * with {@code 461 Unsupported Transport}, which RFC 7826 §13.4.19 defines for this and which
 * makes players retry over TCP (interleaved); the request never reaches the gateway. Anything
 * else, including a SETUP split across reads, passes unchanged. Pure; borrows its input.
 */
final class TransportGuard {
    /** The most of a read that is looked at; a SETUP request is a few hundred bytes. */
    static final int MAX_REQUEST_BYTES = 4096;

    private TransportGuard() {
    }

    /**
     * The 461 reply to send instead of forwarding {@code fromPlayer}, when it is a SETUP for a
     * transport other than TCP; empty to forward it. {@code fromPlayer}'s indices do not move.
     */
    static Optional<String> refuseUdpSetup(ByteBuf fromPlayer) {
        int n = fromPlayer.readableBytes();
        if (n < 6 || n > MAX_REQUEST_BYTES) {
            return Optional.empty();
        }
        String request = fromPlayer.toString(fromPlayer.readerIndex(), n, StandardCharsets.ISO_8859_1);
        if (!request.startsWith("SETUP ") || !request.endsWith("\r\n\r\n")
                || request.indexOf("\r\n\r\n") != request.length() - 4) {
            return Optional.empty();
        }
        String transport = null;
        String cseq = null;
        for (String line : request.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("transport")) {
                transport = value.toUpperCase(Locale.ROOT);
            } else if (name.equals("cseq") && value.chars().allMatch(Character::isDigit) && !value.isEmpty()
                    && value.length() <= 9) {
                cseq = value;
            }
        }
        if (transport == null || cseq == null || transport.contains("RTP/AVP/TCP") || transport.contains("RTP/SAVP/TCP")
                || transport.contains("INTERLEAVED=")) {
            return Optional.empty();
        }
        return Optional.of("RTSP/1.0 461 Unsupported Transport\r\nCSeq: " + cseq + "\r\n\r\n");
    }
}
