package org.cctvgateway.cli.runtime;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cctvgateway.audit.AuditEvent;
import org.cctvgateway.audit.AuditFields;
import org.cctvgateway.audit.AuditLog;
import org.cctvgateway.pki.AgencyCertificateVerifier;
import org.cctvgateway.pki.AgencyCredential;
import org.cctvgateway.pki.AgencyCredentialStore;
import org.cctvgateway.pki.ReloadingFile;
import org.cctvgateway.policy.AccessDecider;
import org.cctvgateway.policy.AccessPolicy;
import org.cctvgateway.policy.AccessRequest;
import org.cctvgateway.policy.Decision;
import org.cctvgateway.policy.EmergencyWindows;
import org.cctvgateway.registry.Camera;
import org.cctvgateway.registry.Consent;
import org.cctvgateway.registry.RegistrySnapshot;
import org.cctvgateway.registry.RegistryStore;
import org.cctvgateway.registry.SharingMode;
import org.cctvgateway.registry.Site;
import org.cctvgateway.rtsp.codec.auth.DigestAlgorithm;
import org.cctvgateway.rtsp.codec.auth.UserSecret;
import org.cctvgateway.rtsp.server.ViewerAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-agency access to the enrolled cameras: who the viewer is (a client certificate from the
 * gateway's CA, or the agency's Digest credentials), whether the access policy, the owner's
 * sharing mode and consent and the site's emergency windows let that agency see the camera, and
 * the audit record of every refusal, every session start and every session end, each on disk
 * before the request it records is answered.
 *
 * <p>All work, file checks included, runs on this class's own two threads, never on an event loop.
 * The registry, the access policy, the revocations and the emergency windows are re-read when
 * their files change (checked at most once a second), so a suspension, a revocation or a closed
 * emergency window applies to the next request without a restart.
 */
public final class AgencyAccess implements ViewerAccess, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AgencyAccess.class);
    private static final Duration CHECK = Duration.ofSeconds(1);

    private final ReloadingFile<RegistrySnapshot> registry;
    private final AgencyCertificateVerifier certificates;
    private final AgencyCredentialStore credentials;
    private final ReloadingFile<AccessPolicy> policy;
    private final EmergencyWindows emergencies;
    private final AuditLog audit;
    private final Clock clock;
    private final Path policyFile;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "agency-access");
        t.setDaemon(true);
        return t;
    });
    private final java.util.concurrent.ScheduledExecutorService watcher =
            Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "policy-watch");
                t.setDaemon(true);
                return t;
            });
    private AccessPolicy lastPolicy;

    /**
     * @param policyFile the access policy; a missing file grants nothing
     * @param audit where refusals and sessions are recorded; not closed by this class
     */
    public AgencyAccess(Path dataDir, Path policyFile, AuditLog audit, Clock clock) {
        this.registry = new ReloadingFile<>(dataDir.resolve(RegistryStore.FILE_NAME), RegistryStore::load, CHECK);
        this.certificates = AgencyCertificateVerifier.forDataDir(dataDir);
        this.credentials = AgencyCredentialStore.open(dataDir);
        this.policy = AccessPolicy.reloading(policyFile, CHECK);
        this.emergencies = EmergencyWindows.open(dataDir);
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.policyFile = policyFile;
        watchPolicy();
        watcher.scheduleWithFixedDelay(this::watchPolicySafely, 2, 2, TimeUnit.SECONDS);
    }

    /**
     * Records the access policy in force, at start and whenever its file changes (it is edited by
     * hand): the agencies it names and the file's SHA-256, so the audit log shows which policy
     * governed every later session.
     */
    private synchronized void watchPolicy() {
        AccessPolicy now = policy.get();
        if (now == lastPolicy) {
            return;
        }
        String details = (lastPolicy == null ? "access policy in force at start: " : "access policy changed: ")
                + policyFile + (now.present() ? ", agencies " + now.agencies().stream().map(g -> g.name()).toList()
                + ", SHA-256 " + sha256(policyFile) : now.problem().map(p -> " is unusable (" + p + "); nobody may "
                + "watch").orElse(" is missing; nobody may watch"));
        audit.append(AuditEvent.policyChange("gateway", details));
        lastPolicy = now;
    }

    private void watchPolicySafely() {
        try {
            watchPolicy();
        } catch (RuntimeException e) {
            log.warn("could not record a change of the access policy: {}", e.toString());
        }
    }

    private static String sha256(Path file) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(java.nio.file.Files.readAllBytes(file)));
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            return "unreadable";
        }
    }

    /**
     * The agencies' Digest secrets for the RTSP server: HA1 values only, looked up on each
     * request; a revoked or unknown agency has none.
     */
    public Function<String, Optional<UserSecret>> digestUsers() {
        return user -> credentials.digestSecrets(user).map(AgencyAccess::hashed);
    }

    private static UserSecret hashed(Map<String, String> ha1) {
        Map<DigestAlgorithm, String> m = new EnumMap<>(DigestAlgorithm.class);
        ha1.forEach((alg, hex) -> {
            for (DigestAlgorithm a : DigestAlgorithm.values()) {
                if (!a.session() && a.token().equalsIgnoreCase(alg)) {
                    m.put(a, hex);
                }
            }
        });
        return new UserSecret.Hashed(m);
    }

    /** The Digest realm agencies' credentials were issued for. */
    public String realm() {
        return credentials.realm();
    }

    @Override
    public CompletionStage<Admission> admit(ViewerRequest request) {
        return CompletableFuture.supplyAsync(() -> decide(request), executor);
    }

    private Admission decide(ViewerRequest request) {
        Instant now = clock.instant();
        String agency;
        String credential;
        if (!request.clientCertificates().isEmpty()) {
            AgencyCertificateVerifier.Outcome who = certificates.verify(request.clientCertificates(), now);
            if (who instanceof AgencyCertificateVerifier.Refused refused) {
                // The agency the refused certificate names, so `audit show --agency` finds the refusal too.
                return new Admission.Refused(403, refused.reason(),
                        claimedAgency(request.clientCertificates().get(0)));
            }
            AgencyCertificateVerifier.Agency a = (AgencyCertificateVerifier.Agency) who;
            agency = a.name();
            credential = "certificate " + a.serialHex();
        } else if (request.digestUser().isPresent()) {
            agency = request.digestUser().get();
            credential = "digest " + agency;
            if (credentials.digestSecrets(agency).isEmpty()) {
                // Verified when the session began; revoked since (a recheck of a running session).
                return new Admission.Refused(401, "the Digest credentials of agency '" + agency + "' were revoked",
                        Optional.of(agency));
            }
        } else {
            return new Admission.Refused(401, "no client certificate or credentials presented", Optional.empty());
        }
        String path = relative(request.path());
        String[] parts = path.split("/", -1);
        RegistrySnapshot snapshot = registry.get();
        Optional<Camera> camera = parts.length == 3 ? snapshot.camera(parts[1]) : Optional.empty();
        if (camera.isEmpty() || !camera.get().siteId().equals(parts[0])
                || !(parts[2].equals("main") || parts[2].equals("sub"))) {
            return new Admission.Refused(403, "no enrolled camera is published at " + path, Optional.of(agency));
        }
        Camera c = camera.get();
        Site site = snapshot.site(c.siteId()).orElseThrow();
        Optional<Consent> consent = c.consent();
        Decision decision = new AccessDecider(policy.get()).decide(new AccessRequest(agency, c.siteId(),
                site.type(), c.id(), consent.map(Consent::mode).orElse(SharingMode.OFF), c.servableAt(now),
                consent.flatMap(Consent::expiresAt), now, emergencies.openFor(c.siteId(), now)));
        if (decision instanceof Decision.Deny deny) {
            return new Admission.Refused(deny.status(), deny.reason(), Optional.of(agency));
        }
        if (request.method().equals("PLAY")) {
            audit.append(located(AuditEvent.of("stream.started", Map.of(AuditFields.AGENCY, agency,
                    AuditFields.REMOTE, request.remote().getAddress().getHostAddress(),
                    AuditFields.DETAILS, ((Decision.Allow) decision).reason())), path, credential));
        }
        return new Admission.Admitted(agency, credential);
    }

    @Override
    public CompletionStage<Void> sessionEnded(SessionRecord s) {
        return CompletableFuture.runAsync(() -> audit.append(located(AuditEvent.streamSession(s.agency(), null, null,
                s.start(), s.end(), s.bytes()).with(AuditFields.REMOTE, s.remote().getAddress().getHostAddress())
                .with(AuditFields.REASON, s.endReason()), relative(s.path()), s.credential())), executor);
    }

    @Override
    public CompletionStage<Void> refused(Refusal r) {
        return CompletableFuture.runAsync(() -> {
            String reason = r.reason();
            // A Digest user name is a claim until checked; say so when it names credentials since revoked.
            if (r.status() == 401 && r.agency().isPresent() && credentials.list().stream()
                    .anyMatch(c -> c.agency().equals(r.agency().get()) && !c.active())) {
                reason = "the Digest credentials of agency '" + r.agency().get() + "' were revoked";
            }
            audit.append(located(AuditEvent.accessRefused(r.agency().orElse("anonymous"), null, reason),
                    relative(r.path()), null)
                    .with(AuditFields.STATUS, r.status()).with(AuditFields.REMOTE,
                            r.remote().getAddress().getHostAddress()).with("method", r.method()));
        }, executor);
    }

    /**
     * {@code event} with where it happened: the site and camera ids and the stream path (so that
     * {@code audit show --camera lobby} finds sessions and refusals as it finds enrollments), and how
     * the agency proved itself: the certificate's serial, or the Digest credential's name.
     */
    private static AuditEvent located(AuditEvent event, String path, String credential) {
        AuditEvent e = event;
        if (!path.isEmpty()) {
            String[] parts = path.split("/", -1);
            if (parts.length == 3) {
                e = e.with(AuditFields.SITE, parts[0]).with(AuditFields.CAMERA, parts[1]);
            }
            e = e.with(AuditFields.PATH, path);
        }
        if (credential != null) {
            e = credential.startsWith("certificate ")
                    ? e.with(AuditFields.CERTIFICATE_SERIAL, credential.substring("certificate ".length()))
                    : e.with(AuditFields.CREDENTIAL, credential);
        }
        return e;
    }

    /** The common name of a presented certificate's subject: the agency it claims to be. */
    private static Optional<String> claimedAgency(java.security.cert.X509Certificate leaf) {
        try {
            for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(
                    leaf.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    String cn = rdn.getValue().toString();
                    return Optional.of(cn.length() > 64 ? cn.substring(0, 64) : cn);
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            log.debug("unreadable subject in a refused certificate: {}", e.toString());
        }
        return Optional.empty();
    }

    /** A stream path as the registry names it: {@code site/camera/role}, without the leading slash. */
    private static String relative(String path) {
        return path.startsWith("/") ? path.substring(1) : path;
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("access checks still running after 5 s; stopping them");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
