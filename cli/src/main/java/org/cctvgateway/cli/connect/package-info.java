/**
 * The consumer side's connector ({@code cctv-gateway connect}): a local proxy that accepts plain
 * RTSP on loopback and carries each connection, byte for byte, over mutual TLS to a gateway,
 * presenting an agency's client certificate and checking the gateway's certificate against the
 * gateway's CA or a pinned fingerprint. Players that cannot present a certificate over
 * {@code rtsps://} (ffmpeg 5.1) watch through it with RTSP over TCP; a request for RTP over UDP,
 * which would carry the video outside TLS, is answered by the connector with 461.
 * {@link org.cctvgateway.cli.connect.AgencyCertificate} loads the certificate (PKCS#12 or PEM),
 * {@link org.cctvgateway.cli.connect.GatewayTrust} says how the gateway is checked, and
 * {@link org.cctvgateway.cli.connect.AgencyConnector} runs the proxy on Netty.
 */
package org.cctvgateway.cli.connect;
