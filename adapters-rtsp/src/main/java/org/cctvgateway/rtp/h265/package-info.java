/**
 * H.265 over RTP (RFC 7798): the {@link org.cctvgateway.rtp.h265.H265PayloadFormat} reader
 * (single NAL unit, aggregation packet, fragmentation unit), on which
 * {@link org.cctvgateway.rtp.RtpDepacketizers} builds the depacketizer, and the
 * {@link org.cctvgateway.rtp.h265.H265Packetizer} (single NAL unit or FU). Only
 * {@code sprop-max-don-diff=0} streams are read, so no packet carries a DONL/DOND field (RFC 7798
 * §4.4); PACI packets (type 50) are dropped as unsupported.
 */
package org.cctvgateway.rtp.h265;
