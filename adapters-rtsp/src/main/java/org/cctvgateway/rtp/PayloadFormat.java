package org.cctvgateway.rtp;

import io.netty.buffer.ByteBuf;
import org.cctvgateway.media.Codec;

/**
 * The codec-specific part of depacketizing: reads one RTP payload (single NAL unit,
 * aggregation or fragment) into an {@link AccessUnitAssembler}. Implementations are stateless;
 * fragment state lives in the assembler so that loss handling stays in one place.
 */
public interface PayloadFormat {
    Codec codec();

    /**
     * Reads one payload. Borrows {@code payload} (the assembler retains the slices it keeps) and
     * never moves its reader index.
     *
     * @throws RtpProtocolException when the payload is malformed, unsupported or over a limit
     */
    void read(ByteBuf payload, AccessUnitAssembler assembler);
}
