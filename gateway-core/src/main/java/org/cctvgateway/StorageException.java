package org.cctvgateway;

/** State under the data directory could not be read or written. */
public class StorageException extends GatewayException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
