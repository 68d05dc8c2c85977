package org.cctvgateway.cli.simulator;

import io.micrometer.core.instrument.Clock;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import org.cctvgateway.GatewayException;
import org.cctvgateway.media.HubLimits;
import org.cctvgateway.onvif.device.SimulatedOnvifCamera;
import org.cctvgateway.onvif.discovery.MdnsAdvertiser;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.spi.DeviceIdentity;
import org.cctvgateway.spi.MediaProfile;
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
 * own, optionally behind Digest authentication like a real camera, and optionally an ONVIF
 * device (the gateway's own device service) found by WS-Discovery and mDNS.
 */
public final class CameraSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CameraSimulator.class);

    /** The path every simulated camera serves its stream under. */
    public static final String PATH = "/live";

    private final List<SimulatedCamera> cameras = new ArrayList<>();
    private MdnsAdvertiser advertiser;

    /** One running simulated camera; {@code onvif} is empty when it does not speak ONVIF. */
    public record SimulatedCamera(String name, String url, int port, ClipSource source, StreamHub hub,
                                  RtspServer server, DeviceIdentity identity, Optional<SimulatedOnvifCamera> onvif) {
    }

    /**
     * How simulated cameras present themselves over ONVIF, as most cameras in the field do.
     *
     * @param httpBasePort camera i's device service listens on {@code httpBasePort + i - 1}; 0 for
     *     free ports
     * @param multicastInterface where WS-Discovery and mDNS announce them; empty for no discovery
     *     (the device service still answers)
     * @param ntpServers the NTP servers each camera reports; empty for cameras without NTP
     * @param clockOffset how far each camera's clock is from this machine's: its ONVIF time and the
     *     capture times of its RTCP sender reports are shifted by it; zero for a correct clock
     */
    public record OnvifOptions(int httpBasePort, Optional<NetworkInterface> multicastInterface,
                               List<String> ntpServers, Duration clockOffset) {
        public OnvifOptions {
            Objects.requireNonNull(multicastInterface, "multicastInterface");
            Objects.requireNonNull(clockOffset, "clockOffset");
            ntpServers = List.copyOf(ntpServers);
        }

        /** Cameras without NTP whose clocks are right. */
        public OnvifOptions(int httpBasePort, Optional<NetworkInterface> multicastInterface) {
            this(httpBasePort, multicastInterface, List.of(), Duration.ZERO);
        }
    }

    /**
     * Fictional makers, so that each simulated camera has its own manufacturer, model and serial
     * and a discovery result can be told apart from a real device.
     */
    private static final String[][] MAKERS = {
        {"Acme Vision", "AV-2040"}, {"Borealis Optics", "BO-IP4M"}, {"Cobalt Security", "CS-DOME-2"},
        {"Delta Watch", "DW-B500"}, {"Echo Imaging", "EI-360"}};

    /** The identity simulated camera {@code index} (0-based) presents. */
    public static DeviceIdentity identity(int index, int rtspPort) {
        String[] maker = MAKERS[index % MAKERS.length];
        String serial = String.format(java.util.Locale.ROOT, "SIM%05d%03d", rtspPort, index + 1);
        String mac = String.format(java.util.Locale.ROOT, "02:00:00:%02x:%02x:%02x", (rtspPort >> 8) & 0xFF,
                rtspPort & 0xFF, (index + 1) & 0xFF);
        return new DeviceIdentity(maker[0], maker[1], "1.0.0-sim", serial, maker[1], mac);
    }

    /**
     * Starts {@code count} cameras on {@code bind}, at {@code basePort}, {@code basePort + 1}, ...
     * ({@code basePort} 0 gives each a free port). Stops the ones already started on failure.
     */
    public static CameraSimulator start(int count, String bind, int basePort, Clip clip,
                                        Optional<DigestAuthenticator> auth, EventLoopGroup group, Clock clock) {
        return start(count, bind, basePort, clip, Optional.empty(), auth, Optional.empty(), group,
                clock);
    }

    /**
     * Starts {@code count} cameras that also speak ONVIF: each answers the Device and Media
     * services with its own identity and is found by WS-Discovery and mDNS (when the options name
     * an interface). {@code login} protects both RTSP (Digest) and ONVIF (UsernameToken).
     */
    public static CameraSimulator start(int count, String bind, int basePort, Clip clip,
                                        Optional<Credentials> login, OnvifOptions onvif, EventLoopGroup group,
                                        Clock clock) {
        Optional<DigestAuthenticator> auth = login.map(l -> CameraAuth.forUser("simulated camera", l.username(),
                l.password()));
        return start(count, bind, basePort, clip, login, auth, Optional.of(onvif), group, clock);
    }

    private static CameraSimulator start(int count, String bind, int basePort, Clip clip,
                                         Optional<Credentials> login, Optional<DigestAuthenticator> auth,
                                         Optional<OnvifOptions> onvif, EventLoopGroup group, Clock clock) {
        CameraSimulator sim = new CameraSimulator();
        try {
            Optional<MdnsAdvertiser> mdns = Optional.empty();
            if (onvif.isPresent() && onvif.get().multicastInterface().isPresent()) {
                mdns = Optional.of(MdnsAdvertiser.start(InetAddress.getByName(bind), "cctv-gateway-simulator"));
                sim.advertiser = mdns.get();
            }
            ClipFacts facts = onvif.isPresent() ? ClipFacts.of(clip) : null;
            Duration offset = onvif.map(OnvifOptions::clockOffset).orElse(Duration.ZERO);
            for (int i = 0; i < count; i++) {
                SimulatedCamera cam = startOne("cam-" + (i + 1), bind, basePort == 0 ? 0 : basePort + i, clip, auth,
                        group, clock, shifted(clock, offset), i);
                sim.cameras.add(cam);
                if (onvif.isPresent()) {
                    OnvifOptions o = onvif.get();
                    MediaProfile profile = new MediaProfile("main", "profile_main", clip.codec().name(),
                            facts.width(), facts.height(), clip.fps(), facts.bitrateKbps(), facts.gopFrames(),
                            URI.create(cam.url()), Optional.empty());
                    SimulatedOnvifCamera device = SimulatedOnvifCamera.start(new SimulatedOnvifCamera.Settings(
                            InetAddress.getByName(bind), o.httpBasePort() == 0 ? 0 : o.httpBasePort() + i,
                            cam.identity(), List.of(profile), login.orElse(Credentials.none()),
                            o.multicastInterface().orElse(null), SimulatedOnvifCamera.WS_DISCOVERY_PORT, mdns,
                            o.ntpServers(), o.clockOffset()));
                    sim.cameras.set(i, new SimulatedCamera(cam.name(), cam.url(), cam.port(), cam.source(), cam.hub(),
                            cam.server(), cam.identity(), Optional.of(device)));
                    log.info("simulated camera {} is {} {} (serial {}), ONVIF at {}", cam.name(),
                            cam.identity().manufacturer(), cam.identity().model(), cam.identity().serial(),
                            device.xaddr());
                }
            }
            return sim;
        } catch (java.io.IOException e) {
            sim.close();
            throw new GatewayException("simulated camera cannot start its ONVIF service on " + bind + ": "
                    + e.getMessage(), "check that the ONVIF ports (--onvif-port) are free", e);
        } catch (RuntimeException e) {
            sim.close();
            throw e;
        }
    }

    /** {@code clock} with its wall time moved by {@code offset}: the clock of a camera set wrong. */
    static Clock shifted(Clock clock, Duration offset) {
        if (offset.isZero()) {
            return clock;
        }
        long millis = offset.toMillis();
        return new Clock() {
            @Override
            public long wallTime() {
                return clock.wallTime() + millis;
            }

            @Override
            public long monotonicTime() {
                return clock.monotonicTime();
            }
        };
    }

    private static SimulatedCamera startOne(String name, String bind, int port, Clip clip,
                                            Optional<DigestAuthenticator> auth, EventLoopGroup group, Clock clock,
                                            Clock cameraClock, int index) {
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
        // The sensor runs on the camera's clock: its capture times go out in the RTCP sender reports.
        ClipSource source = new ClipSource(clip, group.next(), cameraClock);
        source.start(new Normalizer("sim/" + name, hub, clock));
        String url = "rtsp://" + (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + server.localPort() + PATH;
        log.info("simulated camera {} serving {} ({}) at {}", name, clip.name(), clip.codec(), url);
        return new SimulatedCamera(name, url, server.localPort(), source, hub, server,
                identity(index, server.localPort()), Optional.empty());
    }

    public List<SimulatedCamera> cameras() {
        return List.copyOf(cameras);
    }

    @Override
    public void close() {
        for (SimulatedCamera c : cameras) {
            c.onvif().ifPresent(SimulatedOnvifCamera::close);
            c.source().close();
            c.server().close();
            c.hub().close();
        }
        cameras.clear();
        if (advertiser != null) {
            advertiser.close();
            advertiser = null;
        }
    }
}
