package org.cctvgateway.onvif.soap;

import org.cctvgateway.GatewayException;

/**
 * A SOAP or XML message from the network that cannot be used: not well-formed, over a limit,
 * not a SOAP envelope. The message names the value and the limit.
 */
public class SoapProtocolException extends GatewayException {
    private static final long serialVersionUID = 1L;

    public SoapProtocolException(String message) {
        super(message, "");
    }

    public SoapProtocolException(String message, Throwable cause) {
        super(message, "", cause);
    }
}
