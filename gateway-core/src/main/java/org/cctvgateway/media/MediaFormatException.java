package org.cctvgateway.media;

import org.cctvgateway.GatewayException;

/**
 * Coded video that cannot be read: a malformed or oversized SPS, VPS or Annex B stream. Raised
 * by {@link AnnexB}, the SPS readers in {@code media.h264} and {@code media.h265} and the bit
 * reader under them, never an {@code IndexOutOfBoundsException}. The message names the field,
 * its value and the limit it broke.
 *
 * <p>It extends {@link GatewayException} rather than Netty's {@code DecoderException} because
 * gateway-core knows no wire protocol; a protocol decoder in an adapter that meets it wraps it
 * in its own {@code DecoderException} subclass.
 */
public class MediaFormatException extends GatewayException {
    private static final long serialVersionUID = 1L;

    private static final String HINT =
            "the camera sent coded video the gateway cannot read; check its encoder settings";

    public MediaFormatException(String message) {
        super(message, HINT);
    }
}
