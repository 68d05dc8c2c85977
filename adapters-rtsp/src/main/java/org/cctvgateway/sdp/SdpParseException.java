package org.cctvgateway.sdp;

import io.netty.handler.codec.DecoderException;

/** An SDP text that cannot be read: the message names the line number and what was wrong, or the limit exceeded. */
public class SdpParseException extends DecoderException {
    private static final long serialVersionUID = 1L;

    public SdpParseException(String message) {
        super(message);
    }

    static SdpParseException atLine(int line, String what) {
        return new SdpParseException("SDP line " + line + ": " + what);
    }
}
