package org.cctvgateway.spi;

import org.cctvgateway.media.AccessUnitSink;

/**
 * A camera stream the gateway pulls: it connects, keeps one session with the camera whatever
 * the number of viewers, reconnects on its own after failures, and delivers what it receives
 * to one sink. Implementations never throw from the sink's thread into the camera's; a
 * misbehaving camera shows in {@link #status()}, not as an exception.
 */
public interface StreamSource extends AutoCloseable {

    /** Starts pulling into {@code sink}. Called once. */
    void start(AccessUnitSink sink);

    /** The current state, safe to call from any thread. */
    SourceStatus status();

    /** Stops for good and releases everything; safe to call more than once. */
    @Override
    void close();
}
