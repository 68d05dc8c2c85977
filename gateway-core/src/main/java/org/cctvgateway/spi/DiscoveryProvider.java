package org.cctvgateway.spi;

import java.util.function.Consumer;

/**
 * Finds devices on the network: WS-Discovery, mDNS. Found through
 * {@link java.util.ServiceLoader} like {@link CameraAdapterProvider}.
 *
 * <p>Threading: {@link #discover} blocks the caller until the request's timeout, and calls the
 * sink as devices arrive, from any thread and possibly concurrently, so the sink must be
 * thread-safe. A provider may report the same device more than once; callers de-duplicate by
 * {@link DiscoveredDevice#key()}.
 */
public interface DiscoveryProvider extends AutoCloseable {

    /** A short stable id: {@code "ws-discovery"}, {@code "mdns"}. */
    String id();

    /** Discovers until {@code request.timeout()} has passed, handing each device to {@code sink}. */
    void discover(DiscoveryRequest request, Consumer<DiscoveredDevice> sink);

    /** Releases sockets and threads; safe to call more than once. */
    @Override
    void close();
}
