/**
 * H.264 over RTP (RFC 6184) in non-interleaved mode (packetization-mode 0 and 1): the
 * {@link org.cctvgateway.rtp.h264.H264PayloadFormat} reader (single NAL unit, STAP-A, FU-A), the
 * {@link org.cctvgateway.rtp.h264.H264Depacketizer} built on it and the
 * {@link org.cctvgateway.rtp.h264.H264Packetizer} (single NAL unit or FU-A). The interleaved-mode
 * types STAP-B, MTAP16/24 and FU-B are rejected as unsupported: no camera the gateway targets
 * offers packetization-mode 2.
 */
package org.cctvgateway.rtp.h264;
