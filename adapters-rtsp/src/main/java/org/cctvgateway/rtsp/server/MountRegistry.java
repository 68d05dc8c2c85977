package org.cctvgateway.rtsp.server;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cctvgateway.GatewayException;
import org.cctvgateway.media.StreamHub;

/**
 * The streams the server publishes, by path. Thread-safe: the runtime registers and
 * unregisters hubs from its own threads while event loops resolve them.
 */
public final class MountRegistry implements MountResolver {
    private static final int MAX_PATH_CHARS = 1024;

    private final Map<String, StreamHub> mounts = new ConcurrentHashMap<>();

    /**
     * Publishes {@code hub} at {@code path} (leading slash, no trailing slash, e.g.
     * {@code /site-1/cam-1/main}).
     *
     * @throws GatewayException when another hub is already mounted there
     */
    public void register(String path, StreamHub hub) {
        checkPath(path);
        Objects.requireNonNull(hub, "hub");
        StreamHub previous = mounts.putIfAbsent(path, hub);
        if (previous != null && previous != hub) {
            throw new GatewayException("stream path " + path + " is already published",
                    "give each camera profile its own site/camera/profile path");
        }
    }

    /** Removes {@code hub} from {@code path}; returns false when another hub (or none) is there. */
    public boolean unregister(String path, StreamHub hub) {
        return mounts.remove(path, hub);
    }

    /** The paths published now, a snapshot. */
    public Set<String> paths() {
        return Set.copyOf(mounts.keySet());
    }

    @Override
    public Optional<StreamHub> resolve(String path) {
        return Optional.ofNullable(mounts.get(path));
    }

    private static void checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (path.length() < 2 || path.length() > MAX_PATH_CHARS || path.charAt(0) != '/' || path.endsWith("/")
                || path.contains("//")) {
            throw new IllegalArgumentException("stream path '" + path + "' must start with '/', have no empty"
                    + " segment or trailing '/', and be at most " + MAX_PATH_CHARS + " characters");
        }
    }
}
