package org.cctvgateway.spi;

/**
 * Serves one camera: probes it into a {@link CameraDescription}. Created by a
 * {@link CameraAdapterProvider}; the caller closes it.
 *
 * <p>Expected failures (wrong password, unreachable host, a camera that speaks another
 * protocol) are {@link ProbeResult} values, never exceptions. The host still guards each call
 * with a timeout and a catch of {@link RuntimeException}, which it reports as
 * {@link ProbeResult.MalformedReply} naming the adapter and the camera.
 *
 * <p>Calls may block (they do network I/O); the host never makes them on an event loop.
 */
public interface CameraAdapter extends AutoCloseable {

    /** The id of the provider that created this adapter. */
    String adapterId();

    /** Probes the camera; blocks at most about {@code request.timeout()} per network call. */
    ProbeResult probe(ProbeRequest request);

    /** Releases everything; safe to call more than once. */
    @Override
    void close();
}
