package org.cctvgateway.spi;

/** Where a stream source is in its life. */
public enum SourceState {
    /** Created, not started. */
    IDLE,
    /** Opening the session with the camera. */
    CONNECTING,
    /** Receiving video. */
    STREAMING,
    /** The last attempt failed; waiting before the next one. */
    BACKING_OFF,
    /** Closed for good. */
    CLOSED
}
