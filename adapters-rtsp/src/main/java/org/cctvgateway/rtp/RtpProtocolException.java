package org.cctvgateway.rtp;

import io.netty.handler.codec.DecoderException;

/**
 * RTP or RTCP bytes that cannot be read: a bad version, a length that runs past the buffer, a
 * payload the depacketizer does not support, or a size limit exceeded. The message names the
 * value and the limit.
 */
public class RtpProtocolException extends DecoderException {
    private static final long serialVersionUID = 1L;

    public RtpProtocolException(String message) {
        super(message);
    }
}
