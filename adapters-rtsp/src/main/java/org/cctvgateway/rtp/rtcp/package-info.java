/**
 * RTCP (RFC 3550 §6): reading sender reports out of a compound packet
 * ({@link org.cctvgateway.rtp.rtcp.SenderReport#decodeCompound}), which give the camera's
 * RTP-to-wall-clock mapping, and writing the compound packets the gateway sends: SR + SDES
 * CNAME as a server, RR + SDES CNAME as a client. Every length field is checked before it is
 * followed; malformed framing raises {@link org.cctvgateway.rtp.RtpProtocolException}.
 */
package org.cctvgateway.rtp.rtcp;
