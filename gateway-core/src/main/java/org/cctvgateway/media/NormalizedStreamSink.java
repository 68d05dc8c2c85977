package org.cctvgateway.media;

/**
 * Where the {@link Normalizer} delivers its output: the stream's description whenever it
 * changes, and access units on the gateway's continuous timeline with parameter sets in-band
 * before every keyframe. {@link StreamHub} is the production implementation.
 */
public interface NormalizedStreamSink {

    /** The stream as it is from the next access unit on. */
    void onStreamInfo(StreamInfo info);

    /** Takes ownership of {@code unit}. */
    void onAccessUnit(AccessUnit unit);
}
