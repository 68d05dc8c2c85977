/**
 * RTP (RFC 3550) for the media plane: {@link org.cctvgateway.rtp.RtpPacket} decodes one packet
 * with bounds checks, {@link org.cctvgateway.rtp.RtpDepacketizer} turns an ordered-or-not packet
 * stream into {@link org.cctvgateway.media.AccessUnit}s (reorder window, 64-bit timestamps,
 * loss handling that waits for the next keyframe), {@link org.cctvgateway.rtp.RtpPacketizer}
 * does the reverse without copying NAL bytes, and {@link org.cctvgateway.rtp.RtpClockMapping}
 * turns RTP time into wall-clock capture time from RTCP sender reports. The codec payload
 * formats live in {@code rtp.h264} (RFC 6184) and {@code rtp.h265} (RFC 7798); RTCP is in
 * {@code rtp.rtcp}. Plain classes only: nothing here touches a socket or a channel.
 */
package org.cctvgateway.rtp;
