package org.cctvgateway.cli.validation;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import org.cctvgateway.rtsp.codec.RtspUrls;
import org.cctvgateway.spi.AdapterContext;
import org.cctvgateway.spi.CameraAdapter;
import org.cctvgateway.spi.CameraAdapterProvider;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.spi.ProbeRequest;
import org.cctvgateway.spi.ProbeResult;
import org.cctvgateway.spi.ProbeTarget;
import org.cctvgateway.validation.DefaultCredential;
import org.cctvgateway.validation.DefaultCredentials;
import org.cctvgateway.validation.ExposedAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the one camera being validated for factory-default logins and for anonymous access.
 *
 * <p><b>Default logins.</b> Tries the bundled list ({@link DefaultCredentials#forMake}: the
 * camera's make, then the generic ones; at most {@link #MAX_ATTEMPTS}), one login at a time with
 * {@code interval} between them (one per second in the command), over RTSP (a DESCRIBE answered
 * with Digest or Basic) and ONVIF (a probe with the login). It stops at the first login that
 * works and reports the account and where it worked. Passwords go only to the camera: never to a
 * log, a message or the report.
 *
 * <p><b>Anonymous access.</b> A DESCRIBE without credentials that is answered with the
 * description, and an ONVIF probe (GetDeviceInformation, GetProfiles, GetStreamUri) that
 * succeeds without credentials. A camera with no login at all is reported too: its video is
 * open to anyone on the network.
 *
 * <p>Blocks the calling thread; bounded by the timeout per call and the attempt limit.
 */
public final class CredentialCheck {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialCheck.class);
    /** Logins tried per camera at most: each failure may count towards a camera's lock-out. */
    public static final int MAX_ATTEMPTS = 10;

    private final Duration interval;
    private final Duration timeout;
    private final Optional<CameraAdapterProvider> onvif;

    /**
     * @param interval the pause between two logins; the command uses 1 s
     * @param timeout the limit of each network call
     */
    public CredentialCheck(Duration interval, Duration timeout) {
        this(interval, timeout, onvifProvider());
    }

    CredentialCheck(Duration interval, Duration timeout, Optional<CameraAdapterProvider> onvif) {
        this.interval = Objects.requireNonNull(interval, "interval");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.onvif = Objects.requireNonNull(onvif, "onvif");
    }

    /** The ONVIF adapter, found through ServiceLoader like every adapter. */
    static Optional<CameraAdapterProvider> onvifProvider() {
        for (CameraAdapterProvider p : ServiceLoader.load(CameraAdapterProvider.class)) {
            if (p.id().equals("onvif")) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * What to check on one camera.
     *
     * @param rtsp a stream URI without user-info, when the camera has one ({@code rtsp://} only)
     * @param onvifTarget the camera's ONVIF address, when it speaks ONVIF
     * @param make the manufacturer as the camera reports it, empty when unknown
     */
    public record Target(Optional<URI> rtsp, Optional<ProbeTarget> onvifTarget, String make) {
        public Target {
            Objects.requireNonNull(rtsp, "rtsp");
            Objects.requireNonNull(onvifTarget, "onvifTarget");
            Objects.requireNonNull(make, "make");
            if (rtsp.isPresent() && rtsp.get().getRawUserInfo() != null) {
                throw new IllegalArgumentException("the stream URI must not carry credentials");
            }
        }

        String display() {
            return rtsp.map(u -> RtspUrls.redact(u.toString()))
                    .orElseGet(() -> onvifTarget.map(ProbeTarget::display).orElse("?"));
        }
    }

    /** The accounts that log in with a factory default, for the first default that works; empty when none. */
    public List<ExposedAccount> defaultLogins(Target target) {
        List<DefaultCredential> candidates = DefaultCredentials.forMake(target.make());
        if (candidates.size() > MAX_ATTEMPTS) {
            candidates = candidates.subList(0, MAX_ATTEMPTS);
        }
        LOG.info("{} - trying {} factory-default login(s), one every {} ms", target.display(), candidates.size(),
                interval.toMillis());
        for (int i = 0; i < candidates.size(); i++) {
            if (i > 0) {
                pause();
            }
            DefaultCredential c = candidates.get(i);
            List<ExposedAccount> hits = new ArrayList<>();
            if (target.rtsp().isPresent() && rtspAccepts(target.rtsp().get(),
                    new org.cctvgateway.rtsp.codec.auth.Credentials(c.username(), c.password()))) {
                hits.add(new ExposedAccount(c.username(), "rtsp"));
            }
            if (target.onvifTarget().isPresent() && onvifAccepts(target.onvifTarget().get(),
                    new Credentials(c.username(), c.password()))) {
                hits.add(new ExposedAccount(c.username(), "onvif"));
            }
            if (!hits.isEmpty()) {
                LOG.warn("{} - accepts the factory-default login of user '{}' ({} default) over {}", target.display(),
                        c.username(), c.make(), hits.stream().map(ExposedAccount::where).toList());
                return List.copyOf(hits);
            }
        }
        return List.of();
    }

    /** The calls that answered without any login: {@code "rtsp DESCRIBE"}, {@code "onvif GetProfiles"}. */
    public List<String> anonymousAccess(Target target) {
        List<String> open = new ArrayList<>();
        if (target.rtsp().isPresent() && new RtspDescribe(timeout).describe(target.rtsp().get(), Optional.empty())
                == RtspDescribe.Outcome.ACCEPTED) {
            open.add("rtsp DESCRIBE");
        }
        if (target.onvifTarget().isPresent() && onvifAccepts(target.onvifTarget().get(), Credentials.none())) {
            open.add("onvif GetProfiles");
        }
        if (!open.isEmpty()) {
            LOG.warn("{} - answers without a login: {}", target.display(), open);
        }
        return List.copyOf(open);
    }

    private boolean rtspAccepts(URI uri, org.cctvgateway.rtsp.codec.auth.Credentials credentials) {
        if (!"rtsp".equalsIgnoreCase(uri.getScheme())) {
            return false;
        }
        return new RtspDescribe(timeout).describe(uri, Optional.of(credentials)) == RtspDescribe.Outcome.ACCEPTED;
    }

    private boolean onvifAccepts(ProbeTarget target, Credentials credentials) {
        if (onvif.isEmpty()) {
            return false;
        }
        AdapterContext context = new AdapterContext(io.micrometer.core.instrument.Clock.SYSTEM, timeout,
                java.util.concurrent.ForkJoinPool.commonPool(), AdapterContext.DEFAULT_MAX_REPLY_BYTES);
        try (CameraAdapter adapter = onvif.get().create(context)) {
            ProbeResult result = adapter.probe(new ProbeRequest(target, credentials, timeout));
            return result instanceof ProbeResult.Ok;
        } catch (RuntimeException e) {
            // The adapter guard of the SPI: a broken adapter must not stop validation.
            LOG.warn("{} - adapter 'onvif' failed during the login check: {}", target.display(), e.toString());
            return false;
        }
    }

    private void pause() {
        try {
            Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the login check", e);
        }
    }
}
