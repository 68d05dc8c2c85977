/**
 * RTSP authentication as RTSP 1.0 uses HTTP's (RFC 2617, RFC 7616 for SHA-256 and RFC 7617
 * for Basic): parsing {@code WWW-Authenticate} challenges and computing {@code Authorization}
 * answers on the client side ({@link org.cctvgateway.rtsp.codec.auth.ClientAuthenticator}), and
 * issuing challenges with self-verifying, time-bound nonces and checking answers on the server
 * side ({@link org.cctvgateway.rtsp.codec.auth.DigestAuthenticator}). Header parsing has size
 * limits and rejects malformed input with an
 * {@link org.cctvgateway.rtsp.codec.RtspProtocolException}; passwords never appear in a
 * message, a {@code toString()} or a log line.
 */
package org.cctvgateway.rtsp.codec.auth;
