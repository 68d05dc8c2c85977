package org.cctvgateway.onvif.client;

import java.util.Objects;
import java.util.Optional;
import org.cctvgateway.onvif.soap.SoapFault;

/**
 * One ONVIF call failed. {@link #kind()} says how, so the probe can turn it into the right
 * {@link org.cctvgateway.spi.ProbeResult}; the message names the operation, the address and the values.
 */
public final class OnvifCallException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** How a call failed. */
    public enum Kind {
        /** Connection refused, host unknown, network unreachable. */
        UNREACHABLE,
        /** No complete reply within the timeout. */
        TIMEOUT,
        /** The camera refused the credentials: ter:NotAuthorized, or HTTP 401 after our answer. */
        NOT_AUTHORIZED,
        /** HTTP 403: the user exists but may not use ONVIF. */
        FORBIDDEN,
        /** A SOAP fault other than NotAuthorized. */
        FAULT,
        /** The server answered, but not SOAP (an HTML page, a 404). */
        NOT_SOAP,
        /** A SOAP reply that cannot be used: not well-formed, over the size limit, missing a required field. */
        MALFORMED
    }

    private final Kind kind;
    private final int httpStatus;
    private final transient SoapFault fault;

    public OnvifCallException(Kind kind, String message, int httpStatus, SoapFault fault, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.fault = fault;
    }

    public OnvifCallException(Kind kind, String message) {
        this(kind, message, 0, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, 0 when there was no reply. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The SOAP fault, for {@link Kind#FAULT} and {@link Kind#NOT_AUTHORIZED} from a fault. */
    public Optional<SoapFault> fault() {
        return Optional.ofNullable(fault);
    }
}
