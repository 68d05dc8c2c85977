package org.cctvgateway.media;

/** A subscriber's place in a {@link StreamHub}. */
public interface Subscription {

    /** Stops deliveries; safe to call more than once and from any thread, callbacks included. */
    void cancel();
}
