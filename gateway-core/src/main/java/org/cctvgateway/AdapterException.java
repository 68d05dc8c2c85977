package org.cctvgateway;

/** A camera adapter failed or broke its contract; names the adapter and the camera. */
public class AdapterException extends GatewayException {
    private static final long serialVersionUID = 1L;

    private final String adapter;
    private final String camera;

    public AdapterException(String adapter, String camera, String message, String hint, Throwable cause) {
        super("adapter '" + adapter + "' " + message + " for camera " + camera, hint, cause);
        this.adapter = adapter;
        this.camera = camera;
    }

    public String adapter() {
        return adapter;
    }

    public String camera() {
        return camera;
    }
}
