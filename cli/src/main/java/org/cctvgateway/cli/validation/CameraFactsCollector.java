package org.cctvgateway.cli.validation;

import io.micrometer.core.instrument.Clock;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.cctvgateway.GatewayException;
import org.cctvgateway.rtsp.codec.RtspUrls;
import org.cctvgateway.spi.AdapterContext;
import org.cctvgateway.spi.CameraAdapter;
import org.cctvgateway.spi.CameraAdapterProvider;
import org.cctvgateway.spi.CameraDescription;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.spi.MediaProfile;
import org.cctvgateway.spi.ProbeRequest;
import org.cctvgateway.spi.ProbeResult;
import org.cctvgateway.spi.ProbeTarget;
import org.cctvgateway.validation.CameraFacts;
import org.cctvgateway.validation.DefaultCredentials;
import org.cctvgateway.validation.ExposedAccount;
import org.cctvgateway.validation.PasswordStrength;
import org.cctvgateway.validation.Placement;
import org.cctvgateway.validation.StreamFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers the {@link CameraFacts} of one camera: the ONVIF adapter's description (found through
 * ServiceLoader), the main stream and (when the camera has a second profile) the sub stream
 * sampled at the same time, the default-login and anonymous-access checks, the management ports
 * from the description's services, the placement given by the operator, and the strength of the
 * password the operator gave (judged here and then dropped: only the verdict and its reasons go
 * into the facts).
 *
 * <p>A camera given as an RTSP URL has no description: only its stream is sampled and only RTSP
 * is checked. A camera that cannot be described at all is an operational error
 * ({@link GatewayException}), not a report: there is nothing to judge.
 */
public final class CameraFactsCollector {
    private static final Logger LOG = LoggerFactory.getLogger(CameraFactsCollector.class);

    private final EventLoopGroup group;
    private final Clock clock;
    private final Settings settings;

    /**
     * How to collect.
     *
     * @param credentials the login the operator gave, {@link Credentials#none()} when none; its password
     *     is also judged for strength (never kept)
     * @param window how long each stream is sampled
     * @param timeout the limit of each network call, and of the wait for a stream's first frame
     * @param credentialCheck whether to try the factory-default logins
     * @param loginInterval the pause between two default logins (1 s in the command)
     * @param placement field of view and target distance, when given
     */
    public record Settings(Credentials credentials, Duration window, Duration timeout, boolean credentialCheck,
                           Duration loginInterval, Optional<Placement> placement) {
        public Settings {
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(loginInterval, "loginInterval");
            Objects.requireNonNull(placement, "placement");
            if (window.isNegative() || window.isZero() || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("window " + window + " and timeout " + timeout
                        + " must be positive");
            }
        }
    }

    /**
     * What was collected.
     *
     * @param facts the facts for the engine
     * @param notes what could not be measured and why (a stream that did not answer), for the operator
     */
    public record Collected(CameraFacts facts, List<String> notes) {
        public Collected {
            Objects.requireNonNull(facts, "facts");
            notes = List.copyOf(notes);
        }
    }

    /** @param group the event loop group the RTSP client runs on; borrowed */
    public CameraFactsCollector(EventLoopGroup group, Clock clock, Settings settings) {
        this.group = Objects.requireNonNull(group, "group");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Collects the facts of the camera at {@code target} (its ONVIF address). */
    public Collected collect(ProbeTarget target) {
        return collect(target, Optional.empty(), Optional.empty());
    }

    /**
     * Collects the facts of the camera at {@code target}, measuring the profiles chosen as its main
     * and sub streams (by token): by default its first and second profiles, as cameras list them.
     *
     * @param sub a token, or {@code none} for no sub stream
     * @throws GatewayException when a chosen profile is not one the camera offers, naming those it does
     */
    public Collected collect(ProbeTarget target, Optional<String> main, Optional<String> sub) {
        CameraDescription d = describe(target);
        Map<String, URI> streams = new LinkedHashMap<>();
        List<MediaProfile> profiles = d.profiles();
        MediaProfile mainProfile = main.map(t -> profile(profiles, t)).orElse(profiles.get(0));
        streams.put("main", mainProfile.streamUri());
        Optional<MediaProfile> subProfile = sub.isPresent()
                ? sub.filter(t -> !t.equals("none")).map(t -> profile(profiles, t))
                : profiles.stream().filter(p -> p != mainProfile).findFirst();
        subProfile.ifPresent(p -> streams.put("sub", p.streamUri()));
        List<String> notes = new ArrayList<>();
        Map<String, StreamFacts> measured = sample(streams, notes);
        CredentialCheck.Target checkTarget = new CredentialCheck.Target(Optional.of(streams.get("main"))
                .filter(u -> "rtsp".equalsIgnoreCase(u.getScheme())), Optional.of(target),
                d.identity().manufacturer());
        Optional<Duration> offset = d.clockOffset().or(() -> drift(measured.get("main")));
        return new Collected(new CameraFacts(target.display(), Optional.of(d), measured, offset,
                defaults(checkTarget), anonymous(checkTarget), d.services().httpsPort().isPresent(),
                d.services().httpPort().isPresent(), settings.placement(), settings.credentialCheck(),
                passwordStrength(d.identity().manufacturer())), notes);
    }

    /** The profile whose token (or, lacking one, name) is {@code token}. */
    private static MediaProfile profile(List<MediaProfile> profiles, String token) {
        return profiles.stream().filter(p -> (p.token().isBlank() ? p.name() : p.token()).equals(token)).findFirst()
                .orElseThrow(() -> new org.cctvgateway.GatewayException("the camera has no stream profile '" + token
                        + "'", "choose one of " + profiles.stream().map(p -> p.token().isBlank() ? p.name()
                        : p.token()).toList() + " (see cctv-gateway probe)"));
    }

    /** Collects the facts of a camera known only by its stream URL (any user-info is moved out of it). */
    public Collected collect(URI rtspUrl) {
        URI clean = RtspUrls.withoutUserInfo(rtspUrl);
        List<String> notes = new ArrayList<>();
        Map<String, StreamFacts> measured = sample(Map.of("main", clean), notes);
        CredentialCheck.Target checkTarget = new CredentialCheck.Target(Optional.of(clean)
                .filter(u -> "rtsp".equalsIgnoreCase(u.getScheme())), Optional.empty(), "");
        return new Collected(new CameraFacts(RtspUrls.redact(clean.toString()), Optional.empty(), measured,
                drift(measured.get("main")), defaults(checkTarget), anonymous(checkTarget), false, false,
                settings.placement(), settings.credentialCheck(), passwordStrength("")), notes);
    }

    private CameraDescription describe(ProbeTarget target) {
        CameraAdapterProvider provider = CredentialCheck.onvifProvider().orElseThrow(() -> new GatewayException(
                "this build has no ONVIF adapter", "validate the camera by its RTSP URL instead"));
        AdapterContext context = new AdapterContext(clock, settings.timeout(),
                java.util.concurrent.ForkJoinPool.commonPool(), AdapterContext.DEFAULT_MAX_REPLY_BYTES);
        ProbeResult result;
        try (CameraAdapter adapter = provider.create(context)) {
            result = adapter.probe(new ProbeRequest(target, settings.credentials(), settings.timeout()));
        }
        if (result instanceof ProbeResult.Ok ok) {
            if (ok.description().profiles().isEmpty()) {
                throw new GatewayException("adapter 'onvif' returned no stream profiles for camera "
                        + target.display() + "; it must return at least one", "check the camera's media profiles");
            }
            return ok.description();
        }
        throw new GatewayException(result.message(), result.hint());
    }

    /** Samples every stream at once, so that two streams take one window. */
    private Map<String, StreamFacts> sample(Map<String, URI> streams, List<String> notes) {
        StreamSampler sampler = new StreamSampler(group, clock, settings.timeout());
        ExecutorService pool = Executors.newFixedThreadPool(streams.size());
        try {
            Map<String, CompletableFuture<StreamSampler.Result>> running = new LinkedHashMap<>();
            streams.forEach((role, uri) -> running.put(role, CompletableFuture.supplyAsync(() -> sampler.sample(role,
                    uri, settings.credentials().username(), settings.credentials().password(), settings.window()),
                    pool)));
            Map<String, StreamFacts> out = new LinkedHashMap<>();
            for (Map.Entry<String, CompletableFuture<StreamSampler.Result>> e : running.entrySet()) {
                StreamSampler.Result r = e.getValue().get();
                out.put(e.getKey(), r.facts());
                if (!r.error().isEmpty()) {
                    notes.add(e.getKey() + " stream: " + r.error());
                    LOG.info("{} stream could not be sampled: {}", e.getKey(), r.error());
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sampling", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("sampling failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The judgement of the operator's password against the common list and the factory defaults of
     * {@code make} (every make's when unknown); empty when no password was given.
     */
    private Optional<PasswordStrength.Assessment> passwordStrength(String make) {
        Credentials c = settings.credentials();
        if (c.isEmpty() || c.password().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PasswordStrength.assess(c.username(), c.password(), DefaultCredentials.forMake(make)));
    }

    private List<ExposedAccount> defaults(CredentialCheck.Target target) {
        if (!settings.credentialCheck()) {
            return List.of();
        }
        return new CredentialCheck(settings.loginInterval(), settings.timeout()).defaultLogins(target);
    }

    private List<String> anonymous(CredentialCheck.Target target) {
        return new CredentialCheck(settings.loginInterval(), settings.timeout()).anonymousAccess(target);
    }

    private static Optional<Duration> drift(StreamFacts main) {
        if (main == null || !main.senderReports() || Double.isNaN(main.clockDriftSeconds())) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis(Math.round(main.clockDriftSeconds() * 1000)));
    }
}
