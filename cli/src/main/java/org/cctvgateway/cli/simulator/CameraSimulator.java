package org.cctvgateway.cli.simulator;

import io.micrometer.core.instrument.Clock;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cctvgateway.media.HubLimits;
import org.cctvgateway.media.Normalizer;
import org.cctvgateway.media.StreamHub;
import org.cctvgateway.rtsp.codec.auth.DigestAuthenticator;
import org.cctvgateway.rtsp.server.MountRegistry;
import org.cctvgateway.rtsp.server.RtspServer;
import org.cctvgateway.rtsp.server.RtspServerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated IP cameras on this machine. Each is the gateway's own RTSP server (the code that
 * re-publishes) serving one looped clip at {@code rtsp://BIND:PORT/live}, on a port of its
 * own, optionally behind Digest authentication like a real camera.
 */
public final class CameraSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraSimulator.class);

    /** The path every simulated camera serves its stream under. */
    public static final String PATH = "/live";

    private final List<SimulatedCamera> cameras = new ArrayList<>();

    /** One running simulated camera. */
    public record SimulatedCamera(String name, String url, int port, ClipSource source, StreamHub hub,
                                  RtspServer server) {
    }

    /**
     * Starts {@code count} cameras on {@code bind}, at {@code basePort}, {@code basePort + 1}, ...
     * ({@code basePort} 0 gives each a free port). Stops the ones already started on failure.
     */
    public static CameraSimulator start(int count, String bind, int basePort, Clip clip,
                                        Optional<DigestAuthenticator> auth, EventLoopGroup group, Clock clock) {
        CameraSimulator sim = new CameraSimulator();
        try {
            for (int i = 0; i < count; i++) {
                sim.cameras.add(startOne("cam-" + (i + 1), bind, basePort == 0 ? 0 : basePort + i, clip, auth,
                        group, clock));
            }
            return sim;
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    private static SimulatedCamera startOne(String name, String bind, int port, Clip clip,
                                            Optional<DigestAuthenticator> auth, EventLoopGroup group, Clock clock) {
        StreamHub hub = new StreamHub("sim/" + name, HubLimits.DEFAULT);
        MountRegistry mounts = new MountRegistry();
        mounts.register(PATH, hub);
        RtspServerOptions.Builder options = RtspServerOptions.builder().bindAddress(bind).port(port);
        auth.ifPresent(options::auth);
        RtspServer server = new RtspServer(options.build(), mounts, group, Optional.empty(), clock);
        try {
            server.start();
        } catch (RuntimeException e) {
            hub.close();
            throw e;
        }
        ClipSource source = new ClipSource(clip, group.next(), clock);
        source.start(new Normalizer("sim/" + name, hub, clock));
        String url = "rtsp://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + server.localPort() + PATH;
        log.info("simulated camera {} serving {} ({}) at {}", name, clip.name(), clip.codec(), url);
        return new SimulatedCamera(name, url, server.localPort(), source, hub, server);
    }

    public List<SimulatedCamera> cameras() {
        return List.copyOf(cameras);
    }

    @Override
    public void close() {
        for (SimulatedCamera c : cameras) {
            c.source().close();
            c.server().close();
            c.hub().close();
        }
        cameras.clear();
    }
}
