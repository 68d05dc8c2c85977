package org.cctvgateway.rtsp.server;

import java.util.Optional;
import org.cctvgateway.media.StreamHub;

/**
 * Finds the stream a viewer asks for. The path is the request URL's path without a trailing
 * slash or track control, such as {@code /site-1/cam-1/main}. Called on event loops: it must not
 * block.
 */
@FunctionalInterface
public interface MountResolver {
    /** The hub mounted at {@code path}, or empty when nothing is mounted there. */
    Optional<StreamHub> resolve(String path);
}
