package org.cctvgateway.cli.runtime;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.GatewayException;
import org.cctvgateway.config.IngestConfig;
import org.cctvgateway.config.StreamConfig;
import org.cctvgateway.pki.ReloadingFile;
import org.cctvgateway.policy.EmergencyWindows;
import org.cctvgateway.registry.Camera;
import org.cctvgateway.registry.SharingMode;
import org.cctvgateway.registry.RegistrySnapshot;
import org.cctvgateway.registry.RegistryStore;
import org.cctvgateway.registry.StreamProfile;
import org.cctvgateway.rtsp.client.RtspSourceOptions;
import org.cctvgateway.rtsp.codec.RtspUrls;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.vault.CredentialsVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the gateway pulling exactly the enrolled cameras it may re-publish: every active camera
 * with valid consent whose sharing is not off (and, when shared emergency-only, only while an
 * emergency window is open for its site), main and sub streams, at {@code site/camera/role}. The registry is looked at every two seconds; a camera enrolled,
 * resumed or given consent starts being pulled, and one suspended, retired, whose consent expired
 * or was withdrawn, or whose emergency window closed, stops, and its viewers' sessions end. Passwords come from the vault at the
 * moment a stream starts. A camera that cannot be started (its vault entry does not decrypt, its
 * path is taken) is reported once and retried at each look.
 */
public final class EnrolledStreams implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EnrolledStreams.class);
    static final Duration LOOK_INTERVAL = Duration.ofSeconds(2);

    private final GatewayRuntime runtime;
    private final ReloadingFile<RegistrySnapshot> registry;
    private final CredentialsVault vault;
    private final EmergencyWindows emergencies;
    private final IngestConfig ingest;
    private final Clock clock;
    private final Map<String, String> running = new HashMap<>();
    private final Set<String> reported = new HashSet<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "enrolled-streams");
        t.setDaemon(true);
        return t;
    });

    private EnrolledStreams(GatewayRuntime runtime, Path dataDir, CredentialsVault vault, IngestConfig ingest,
                            Clock clock) {
        this.runtime = runtime;
        this.registry = new ReloadingFile<>(dataDir.resolve(RegistryStore.FILE_NAME), RegistryStore::load,
                Duration.ZERO);
        this.vault = vault;
        this.emergencies = EmergencyWindows.open(dataDir);
        this.ingest = ingest;
        this.clock = clock;
    }

    /** Starts the servable cameras now and keeps following the registry. */
    public static EnrolledStreams start(GatewayRuntime runtime, Path dataDir, CredentialsVault vault,
                                        IngestConfig ingest, Clock clock) {
        EnrolledStreams s = new EnrolledStreams(runtime, dataDir, vault, ingest, clock);
        s.reconcile();
        s.timer.scheduleWithFixedDelay(s::reconcileSafely, LOOK_INTERVAL.toMillis(), LOOK_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return s;
    }

    /** The paths being pulled now, with the camera each belongs to. */
    public synchronized Map<String, String> paths() {
        return Map.copyOf(running);
    }

    private void reconcileSafely() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            // A hand-broken registry file: keep serving what runs and say why nothing changes.
            if (reported.add("registry:" + e.getMessage())) {
                log.error("cannot follow the registry: {}", e.getMessage());
            }
        }
    }

    synchronized void reconcile() {
        RegistrySnapshot snapshot = registry.get();
        Map<String, Camera> wanted = new LinkedHashMap<>();
        for (Camera c : snapshot.servableCameras(clock.instant())) {
            boolean emergencyOnly = c.consent().map(x -> x.mode() == SharingMode.EMERGENCY_ONLY).orElse(false);
            if (emergencyOnly && emergencies.openFor(c.siteId(), clock.instant()).isEmpty()) {
                continue;
            }
            for (String role : Enroller.roles(c)) {
                wanted.put(Enroller.path(c, role), c);
            }
        }
        for (String path : Set.copyOf(running.keySet())) {
            if (!wanted.containsKey(path)) {
                runtime.removeStream(path);
                log.info("{} - no longer re-published (camera {}: {})", path, running.get(path),
                        snapshot.camera(running.get(path)).map(c -> why(c)).orElse("no longer on record"));
                running.remove(path);
            }
        }
        for (Map.Entry<String, Camera> e : wanted.entrySet()) {
            String path = e.getKey();
            if (running.containsKey(path)) {
                continue;
            }
            Camera c = e.getValue();
            try {
                runtime.addStream(new GatewayRuntime.Ingest(path, options(c, path.endsWith("/sub") ? "sub" : "main")));
                running.put(path, c.id());
                reported.remove(path);
            } catch (GatewayException ex) {
                if (reported.add(path)) {
                    log.error("{} - cannot be re-published: {} ({})", path, ex.getMessage(), ex.hint());
                }
            }
        }
    }

    private String why(Camera c) {
        if (c.servableAt(clock.instant())) {
            return "shared emergency-only and the emergency window of site " + c.siteId() + " closed";
        }
        return c.consent().map(x -> x.permitsServingAt(clock.instant()) ? c.state().label()
                : "consent " + (x.mode() == SharingMode.OFF ? "withdrawn" : "expired")).orElse("no consent");
    }

    private RtspSourceOptions options(Camera c, String role) {
        String token = role.equals("sub") ? c.streams().sub().orElseThrow() : c.streams().main();
        StreamProfile profile = c.device().profile(token).orElseThrow();
        URI uri = RtspUrls.withoutUserInfo(URI.create(profile.streamUri()));
        // A camera enrolled without a login has no vault entry and is pulled without one.
        Credentials creds = vault.get(c.id()).orElse(Credentials.none());
        return GatewayRuntime.sourceOptions(new StreamConfig(c.siteId(), c.id(), role, uri.toString(),
                creds.username(), null, null, "tcp", false), creds.password(), ingest);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "EnrolledStreams" + Objects.toString(paths().keySet());
    }
}
