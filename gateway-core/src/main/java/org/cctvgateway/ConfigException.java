package org.cctvgateway;

/** A configuration value that cannot be used, named by its key path ({@code streams[2].url}). */
public class ConfigException extends GatewayException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public ConfigException(String path, String message, String hint) {
        super(path.isEmpty() ? message : path + ": " + message, hint);
        this.path = path;
    }

    public ConfigException(String path, String message, String hint, Throwable cause) {
        super(path.isEmpty() ? message : path + ": " + message, hint, cause);
        this.path = path;
    }

    /** The key path of the bad value, empty for the document as a whole. */
    public String path() {
        return path;
    }
}
