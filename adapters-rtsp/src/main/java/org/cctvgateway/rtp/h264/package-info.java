/**
 * H.264 over RTP (RFC 6184) in non-interleaved mode (packetization-mode 0 and 1): the
 * {@link org.cctvgateway.rtp.h264.H264PayloadFormat} reader (single NAL unit, STAP-A, FU-A), on which
 * {@link org.cctvgateway.rtp.RtpDepacketizers} builds the depacketizer, and the
 * {@link org.cctvgateway.rtp.h264.H264Packetizer} (single NAL unit or FU-A). The interleaved-mode
 * types STAP-B, MTAP16/24 and FU-B are rejected as unsupported: no camera the gateway targets
 * offers packetization-mode 2.
 */
package org.cctvgateway.rtp.h264;
