package org.cctvgateway.rtp;

import io.netty.buffer.ByteBufAllocator;
import org.cctvgateway.media.Codec;
import org.cctvgateway.rtp.h264.H264Packetizer;
import org.cctvgateway.rtp.h265.H265Packetizer;

/** Makes the packetizer for a codec. */
public final class RtpPacketizers {
    /** The default maximum payload: 1400 bytes keeps a packet inside a 1500-byte MTU with IP, UDP and SRTP room. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1400;

    private RtpPacketizers() {
    }

    /**
     * @param ssrc the SSRC, 0..2^32-1
     * @param initialSequence the first sequence number, 0..65535 (random, per RFC 3550 §5.1)
     * @param maxPayloadBytes bytes after the RTP header, at most; {@link #DEFAULT_MAX_PAYLOAD_BYTES} normally
     */
    public static RtpPacketizer create(Codec codec, int payloadType, long ssrc, int initialSequence,
                                       int maxPayloadBytes) {
        RtpPacketWriter writer = new RtpPacketWriter(ByteBufAllocator.DEFAULT, payloadType, ssrc, initialSequence);
        switch (codec) {
            case H264:
                return new H264Packetizer(writer, maxPayloadBytes);
            case H265:
                return new H265Packetizer(writer, maxPayloadBytes);
            default:
                throw new IllegalArgumentException("no packetizer for codec " + codec);
        }
    }
}
