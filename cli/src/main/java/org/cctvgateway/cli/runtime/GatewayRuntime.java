package org.cctvgateway.cli.runtime;

import io.micrometer.core.instrument.Clock;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cctvgateway.cli.admin.AdminServer;
import org.cctvgateway.cli.admin.Catalog;
import org.cctvgateway.registry.RegistrySnapshot;
import org.cctvgateway.config.GatewayConfig;
import org.cctvgateway.config.IngestConfig;
import org.cctvgateway.config.OnvifConfig;
import org.cctvgateway.ConfigException;
import org.cctvgateway.GatewayException;
import org.cctvgateway.media.StreamInfo;
import org.cctvgateway.onvif.device.OnvifDeviceConfig;
import org.cctvgateway.onvif.device.OnvifDeviceService;
import org.cctvgateway.spi.DeviceIdentity;
import org.cctvgateway.spi.MediaProfile;
import java.net.InetAddress;
import org.cctvgateway.config.StreamConfig;
import org.cctvgateway.config.TlsConfig;
import org.cctvgateway.media.HubLimits;
import org.cctvgateway.media.Normalizer;
import org.cctvgateway.media.StreamHub;
import org.cctvgateway.pki.GatewayTlsMaterial;
import org.cctvgateway.rtsp.client.RtspSourceOptions;
import org.cctvgateway.rtsp.client.RtspStreamSource;
import org.cctvgateway.rtsp.codec.RtspUrls;
import org.cctvgateway.rtsp.server.MountRegistry;
import org.cctvgateway.rtsp.server.RtspServer;
import org.cctvgateway.rtsp.server.RtspServerOptions;
import org.cctvgateway.rtsp.server.RtspTlsContexts;
import org.cctvgateway.rtsp.server.ViewerAccess;
import org.cctvgateway.rtsp.codec.auth.DigestAuthenticator;
import org.cctvgateway.spi.SourceState;
import org.cctvgateway.rtsp.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway assembled from its configuration: one shared event loop group, one
 * {@link StreamPipeline} per configured stream, the RTSP(S) server that re-publishes them and
 * the admin endpoint. Start with {@link #start}; {@link #close} stops everything in reverse.
 */
public final class GatewayRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatewayRuntime.class);

    private final GatewayConfig config;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final PrometheusMeterRegistry registry;
    private final MountRegistry mounts = new MountRegistry();
    private final List<StreamPipeline> pipelines = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Optional<GatewayTlsMaterial> tls;
    private final Extras extras;
    private Clock clock;
    private static final java.time.Duration ONVIF_WAIT = java.time.Duration.ofSeconds(5);

    private RtspServer server;
    private OnvifDeviceService onvifDevice;
    private AdminServer admin;

    private GatewayRuntime(GatewayConfig config, EventLoopGroup group, boolean ownsGroup,
                           PrometheusMeterRegistry registry, Optional<GatewayTlsMaterial> tls, Extras extras) {
        this.config = config;
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.registry = registry;
        this.tls = tls;
        this.extras = extras;
    }

    /**
     * One stream to pull and re-publish.
     *
     * @param path where it is re-published, {@code site/camera/profile} without the leading slash
     * @param options how to pull it, credentials included (they reach no log line)
     */
    public record Ingest(String path, RtspSourceOptions options) {
        public Ingest {
            java.util.Objects.requireNonNull(path, "path");
            java.util.Objects.requireNonNull(options, "options");
        }
    }

    /**
     * What the gateway serves beyond its configuration file: the enrolled cameras' streams and
     * the per-agency access to them.
     *
     * @param streams streams to pull besides {@code streams:} of the configuration
     * @param tls TLS material to serve with, instead of {@code server.tls} (the gateway CA's
     *     server certificate, with that CA as the client CA)
     * @param access who may watch what; with it there are no anonymous viewers
     * @param viewerAuth Digest authentication for agencies that cannot present a certificate
     * @param registry the registry now, for the admin endpoint's {@code /catalog}
     */
    public record Extras(List<Ingest> streams, Optional<GatewayTlsMaterial> tls, Optional<ViewerAccess> access,
                         Optional<DigestAuthenticator> viewerAuth,
                         Optional<java.util.function.Supplier<RegistrySnapshot>> registry) {
        /** Nothing beyond the configuration. */
        public static final Extras NONE = new Extras(List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());

        public Extras {
            java.util.Objects.requireNonNull(registry, "registry");
            streams = List.copyOf(streams);
            java.util.Objects.requireNonNull(tls, "tls");
            java.util.Objects.requireNonNull(access, "access");
            java.util.Objects.requireNonNull(viewerAuth, "viewerAuth");
            if (access.isPresent() && tls.isEmpty()) {
                throw new IllegalArgumentException("per-agency access needs the gateway CA's TLS material");
            }
        }
    }

    /**
     * Starts the gateway. On any failure (port taken, unreadable certificate, missing password)
     * everything already started is stopped again before the exception leaves.
     *
     * @param env looks up environment variables (camera passwords); {@code System::getenv} in production
     * @param group an event loop group to share, or null to make one of our own
     */
    public static GatewayRuntime start(GatewayConfig config, Function<String, String> env,
                                       PrometheusMeterRegistry registry, Clock clock, EventLoopGroup group) {
        return start(config, env, registry, clock, group, Extras.NONE);
    }

    /** Starts the gateway with the enrolled cameras and agency access of {@code extras}. */
    public static GatewayRuntime start(GatewayConfig config, Function<String, String> env,
                                       PrometheusMeterRegistry registry, Clock clock, EventLoopGroup group,
                                       Extras extras) {
        Optional<GatewayTlsMaterial> tls = extras.tls();
        TlsConfig t = config.server().tls();
        if (tls.isEmpty() && t.enabled()) {
            GatewayTlsMaterial material = t.certificate().isEmpty()
                    ? GatewayTlsMaterial.loadOrCreate(Path.of(config.dataDir()), "localhost", java.time.Clock.systemUTC())
                    : GatewayTlsMaterial.load(Path.of(t.certificate()), Path.of(t.privateKey()));
            if (!t.clientCa().isEmpty()) {
                material = material.withClientCa(Path.of(t.clientCa()));
            }
            tls = Optional.of(material);
        }
        boolean owns = group == null;
        EventLoopGroup g = owns ? Transports.newEventLoopGroup(0) : group;
        GatewayRuntime rt = new GatewayRuntime(config, g, owns, registry, tls, extras);
        try {
            rt.startAll(env, clock);
            return rt;
        } catch (RuntimeException e) {
            rt.close();
            throw e;
        }
    }

    private void startAll(Function<String, String> env, Clock clock) {
        this.clock = clock;
        for (int i = 0; i < config.streams().size(); i++) {
            StreamConfig s = config.streams().get(i);
            String password = Passwords.resolve(s, i, env);
            addStream(new Ingest(s.path(), sourceOptions(s, password, config.ingest())));
        }
        extras.streams().forEach(this::addStream);
        RtspServerOptions.Builder options = RtspServerOptions.builder()
                .bindAddress(config.server().bind())
                .port(config.server().port())
                .sessionTimeout(config.server().sessionTimeout())
                .viewerMaxLag(config.server().viewerMaxLag())
                .maxPayloadBytes(config.server().maxPayloadBytes())
                .maxSessions(config.server().maxSessions())
                .sendBufferBytes((int) config.server().viewerSendBuffer().longValue())
                .writeBufferWaterMark(new WriteBufferWaterMark((int) (config.server().viewerQueue() / 2),
                        (int) config.server().viewerQueue().longValue()));
        if (extras.access().isPresent()) {
            options.tls(RtspTlsContexts.serverForViewerAccess(tls.orElseThrow())).access(extras.access().get());
            extras.viewerAuth().ifPresent(options::auth);
        } else {
            tls.ifPresent(m -> options.tls(RtspTlsContexts.server(m, config.server().tls().requireClientCertificate())));
        }
        server = new RtspServer(options.build(), mounts, group, Optional.of(registry), clock);
        server.start();
        tls.ifPresent(m -> log.info("TLS certificate SHA-256 fingerprint {}", m.sha256Fingerprint()));
        if (config.admin().enabled()) {
            admin = AdminServer.start(config.admin().bind(), config.admin().port(), registry, this::health,
                    extras.registry().map(r -> kind -> {
                        java.util.Set<String> published = new java.util.HashSet<>();
                        pipelines.forEach(p -> published.add(p.path()));
                        java.time.Instant now = java.time.Instant.now();
                        return kind.equals("geojson") ? Catalog.geoJson(r.get(), published, now)
                                : Catalog.json(r.get(), published, now);
                    }));
        }
        if (config.onvif().enabled()) {
            startOnvif(env);
        }
        if (pipelines.isEmpty() && extras.registry().isEmpty()) {
            log.warn("no streams configured, so nothing is re-published; add cameras under 'streams:' in a "
                    + "configuration file (see examples/config/gateway.yaml) and run: cctv-gateway serve --config FILE");
        }
    }

    /**
     * Starts pulling one more stream and publishes it at {@code /path}. Thread-safe.
     *
     * @throws GatewayException when the path is already published
     */
    public synchronized void addStream(Ingest ingest) {
        String path = ingest.path();
        StreamHub hub = new StreamHub(path, HubLimits.DEFAULT);
        Normalizer normalizer = new Normalizer(path, hub, clock);
        RtspStreamSource source = new RtspStreamSource(ingest.options(), path, group, clock);
        StreamPipeline.SourceCounters counters = new StreamPipeline.SourceCounters() {
            @Override
            public long bytesIn() {
                return source.bytesReceived();
            }

            @Override
            public long packetsLost() {
                return source.packetsLost();
            }
        };
        mounts.register("/" + path, hub);
        pipelines.add(new StreamPipeline(path, source, normalizer, hub, registry, counters));
        log.info("{} - pulling {}", path, RtspUrls.redact(ingest.options().url().toString()));
    }

    /** Stops pulling the stream at {@code path} and ends its viewers' sessions; false when none. Thread-safe. */
    public synchronized boolean removeStream(String path) {
        for (StreamPipeline p : pipelines) {
            if (p.path().equals(path)) {
                pipelines.remove(p);
                mounts.unregister("/" + p.path(), p.hub());
                try {
                    p.close();
                } catch (RuntimeException e) {
                    log.warn("{} - error while stopping: {}", p.path(), e.toString());
                }
                log.info("{} - stopped", path);
                return true;
            }
        }
        return false;
    }

    /**
     * The source options for one configured stream: credentials from the configuration win
     * over any left in the URL, which are stripped either way so they reach no log line.
     */
    static RtspSourceOptions sourceOptions(StreamConfig s, String password, IngestConfig in) {
        RtspSourceOptions fromUrl = RtspSourceOptions.fromUrl(URI.create(s.url()));
        String user = s.username().isEmpty() ? fromUrl.username() : s.username();
        String pw = password.isEmpty() ? fromUrl.password() : password;
        RtspSourceOptions.Transport transport = s.transport().equals("udp")
                ? RtspSourceOptions.Transport.UDP : RtspSourceOptions.Transport.TCP;
        return new RtspSourceOptions(fromUrl.url(), user, pw, transport, in.connectTimeout(), in.requestTimeout(),
                in.firstFrameTimeout(), in.stallTimeout(), in.backoffInitial(), in.backoffMax(), s.trustAllTls(),
                fromUrl.limits());
    }

    /**
     * Presents the re-published streams as an ONVIF device, one media profile per stream. The
     * profiles carry what the gateway measured (codec, size, frame rate), so it waits a few
     * seconds for the streams' first pictures; a stream not up by then is listed without them.
     */
    private void startOnvif(Function<String, String> env) {
        OnvifConfig o = config.onvif();
        String password = env.apply(o.passwordEnv());
        if (password == null || password.isEmpty()) {
            throw new ConfigException("onvif.passwordEnv", "environment variable " + o.passwordEnv() + " is not set",
                    "export " + o.passwordEnv() + " with the ONVIF user's password before starting the gateway");
        }
        if (pipelines.isEmpty()) {
            log.warn("ONVIF device service not started: no streams to present");
            return;
        }
        long deadline = System.nanoTime() + ONVIF_WAIT.toNanos();
        while (System.nanoTime() < deadline && pipelines.stream().anyMatch(p -> p.hub().streamInfo().isEmpty())) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<MediaProfile> profiles = new ArrayList<>();
        for (StreamPipeline p : pipelines) {
            Optional<StreamInfo> info = p.hub().streamInfo();
            // Host 0.0.0.0: the device service puts in the host each client reached it by.
            URI uri = URI.create(urlFor("0.0.0.0", p.path()));
            profiles.add(new MediaProfile(p.path(), p.path().replace('/', '_'),
                    info.map(i -> i.codec().name()).orElse("H264"), info.map(StreamInfo::width).orElse(0),
                    info.map(StreamInfo::height).orElse(0), info.map(StreamInfo::frameRate).orElse(0.0), 0, 0, uri,
                    Optional.empty()));
        }
        String serial = fingerprint().map(f -> f.replace(":", "").substring(0, 16)).orElse("PLAIN-RTSP");
        DeviceIdentity identity = new DeviceIdentity("cctv-gateway", "cctv-gateway", version(), serial,
                "cctv-gateway", "");
        List<String> scopes = List.of("onvif://www.onvif.org/type/video_encoder",
                "onvif://www.onvif.org/Profile/Streaming", "onvif://www.onvif.org/name/cctv-gateway",
                "onvif://www.onvif.org/hardware/cctv-gateway");
        try {
            onvifDevice = OnvifDeviceService.start(InetAddress.getByName(o.bind()), o.port(),
                    OnvifDeviceConfig.of(identity, profiles, o.username(), password, scopes));
        } catch (java.io.IOException e) {
            throw new GatewayException("ONVIF device service cannot listen on " + o.bind() + ":" + o.port() + ": "
                    + e.getMessage(), "stop what uses the port or set onvif.port to another one", e);
        }
        log.info("ONVIF device service at {} presents {} stream(s)", onvifDevice.xaddr(), profiles.size());
    }

    private static String version() {
        String v = GatewayRuntime.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** The ONVIF device service's port, when it runs. */
    public Optional<Integer> onvifPort() {
        return Optional.ofNullable(onvifDevice).map(OnvifDeviceService::port);
    }

    /** The port the RTSP(S) server listens on. */
    public int rtspPort() {
        return server.localPort();
    }

    /** The admin endpoint's port, when enabled. */
    public Optional<Integer> adminPort() {
        return Optional.ofNullable(admin).map(AdminServer::port);
    }

    public boolean tlsEnabled() {
        return tls.isPresent();
    }

    /** The server certificate's SHA-256 fingerprint, when TLS is on. */
    public Optional<String> fingerprint() {
        return tls.map(GatewayTlsMaterial::sha256Fingerprint);
    }

    public List<StreamPipeline> pipelines() {
        return List.copyOf(pipelines);
    }

    /** The URL a viewer on this machine opens for {@code path} ({@code site/camera/profile}). */
    public String urlFor(String host, String path) {
        return (tls.isPresent() ? "rtsps://" : "rtsp://") + host + ":" + rtspPort() + "/" + path;
    }

    /** The health document served at {@code /health}. */
    public Map<String, Object> health() {
        List<Map<String, Object>> streams = new ArrayList<>();
        boolean allUp = true;
        for (StreamPipeline p : pipelines) {
            streams.add(p.health());
            allUp &= p.status().state() == SourceState.STREAMING;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("status", allUp ? "ok" : "degraded");
        doc.put("rtspPort", server == null ? 0 : server.localPort());
        doc.put("tls", tls.isPresent());
        doc.put("streams", streams);
        return doc;
    }

    @Override
    public void close() {
        if (onvifDevice != null) {
            onvifDevice.close();
        }
        if (admin != null) {
            admin.close();
        }
        for (StreamPipeline p : pipelines) {
            mounts.unregister("/" + p.path(), p.hub());
            try {
                p.close();
            } catch (RuntimeException e) {
                log.warn("{} - error while stopping: {}", p.path(), e.toString());
            }
        }
        if (server != null) {
            server.close();
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
