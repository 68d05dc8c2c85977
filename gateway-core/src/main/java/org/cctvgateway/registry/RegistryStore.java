package org.cctvgateway.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.cctvgateway.GatewayException;
import org.cctvgateway.StorageException;
import org.cctvgateway.internal.AtomicFiles;
import org.cctvgateway.internal.FileLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry under a data directory ({@code DATA/registry.yaml}, see {@link RegistryYaml}), with every
 * change validated and written durably before it is acknowledged.
 *
 * <p>Crash safety: a mutation builds the new snapshot (whose constructor checks every invariant),
 * writes the whole file through {@link AtomicFiles#write} (temporary file, fsync, rename, fsync of the
 * directory) and only then publishes the snapshot and returns. A crash at any moment leaves the previous
 * file or the new one; a temporary file left behind by a crash is never read. A refused mutation writes
 * nothing. The file is owner-only (0600): it holds the names and contacts of site owners.
 *
 * <p>Thread-safe: mutations are serialized on this object; {@link #snapshot()} never blocks. Each mutation
 * first re-reads the file if another process changed it ({@link #reload()}), so the command line and a
 * running {@code serve} do not undo each other's changes; two mutations in two processes in the very same
 * instant are not locked against each other (the later rename wins).
 *
 * <p>Retired cameras stay on record as history and are never brought back; their ids are not reused. A
 * site can be removed only when all its cameras are retired; those retired records go with it (the audit
 * log keeps their history).
 */
public final class RegistryStore {
    /** The file name under the data directory. */
    public static final String FILE_NAME = "registry.yaml";
    /**
     * The lock file beside it: every change holds an OS lock on it from re-reading the registry to
     * writing it, so two processes changing the registry at once never lose one change.
     */
    public static final String LOCK_FILE_NAME = "registry.lock";

    private static final Logger log = LoggerFactory.getLogger(RegistryStore.class);

    private final Path file;
    private final Path lockFile;
    private final Clock clock;
    private volatile RegistrySnapshot current;
    /** SHA-256 of the file as last read or written by this store; null when there was no file. */
    private byte[] digest;

    private RegistryStore(Path file, Clock clock) {
        this.file = file;
        this.lockFile = file.resolveSibling(LOCK_FILE_NAME);
        this.clock = clock;
        this.current = RegistrySnapshot.empty();
    }

    /** Opens the registry of {@code dataDir}; a missing file is an empty registry (nothing is written yet). */
    public static RegistryStore open(Path dataDir) {
        return open(dataDir, Clock.systemUTC());
    }

    /**
     * Opens the registry of {@code dataDir} with the clock that stamps changes.
     *
     * @throws GatewayException when the file cannot be read or is not a valid registry, naming the line
     */
    public static RegistryStore open(Path dataDir, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        RegistryStore store = new RegistryStore(dataDir.resolve(FILE_NAME), clock);
        store.reload();
        return store;
    }

    /** Reads a registry file; a missing file is an empty registry. */
    public static RegistrySnapshot load(Path file) {
        byte[] bytes = readBytes(file);
        return bytes == null ? RegistrySnapshot.empty()
                : RegistryYaml.parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Re-reads the file if another process (the command line, while {@code serve} runs) changed it since
     * this store last read or wrote it, and returns the snapshot now in force. Every mutation does this
     * first, so a change is applied on top of the latest registry on disk rather than overwriting it.
     *
     * @throws GatewayException when the changed file cannot be read or is not valid; the snapshot stays
     */
    public synchronized RegistrySnapshot reload() {
        byte[] bytes = readBytes(file);
        byte[] d = bytes == null ? null : sha256(bytes);
        if (!Arrays.equals(d, digest)) {
            current = bytes == null ? RegistrySnapshot.empty()
                    : RegistryYaml.parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
            digest = d;
        }
        return current;
    }

    private static byte[] readBytes(Path file) {
        try {
            long size = Files.size(file);
            if (size > RegistryYaml.MAX_BYTES) {
                throw new StorageException("registry file " + file + " is " + size + " bytes, limit is "
                        + RegistryYaml.MAX_BYTES, "this is not a registry the gateway wrote; restore a backup", null);
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new StorageException("registry file " + file + " cannot be read: " + e.getMessage(),
                    "check that it is readable by the user running the gateway", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The registry file. */
    public Path file() {
        return file;
    }

    /** The registry now; never blocks. */
    public RegistrySnapshot snapshot() {
        return current;
    }

    /** Adds a site whose id is not on record yet. */
    public synchronized RegistryUpdate addSite(Site site) {
        return FileLocks.withLock(lockFile, () -> {
            reload();
            Objects.requireNonNull(site, "site");
            if (current.site(site.id()).isPresent()) {
                throw new GatewayException("site " + site.id() + " is already on record",
                        "choose another --id, or see it with cctv-gateway sites show " + site.id());
            }
            List<Site> sites = new ArrayList<>(current.sites());
            sites.add(site);
            return commit(sites, current.cameras(), new RegistryChange("site.add", site.id(),
                    "added " + site.type().label() + " site '" + site.name() + "'"));
        });
    }

    /** Replaces a site on record with new details (same id). */
    public synchronized RegistryUpdate updateSite(Site site) {
        return FileLocks.withLock(lockFile, () -> {
            reload();
            Objects.requireNonNull(site, "site");
            Site old = requireSite(site.id());
            if (old.equals(site)) {
                return new RegistryUpdate(current, Optional.empty());
            }
            List<Site> sites = new ArrayList<>(current.sites());
            sites.replaceAll(s -> s.id().equals(site.id()) ? site : s);
            return commit(sites, current.cameras(), new RegistryChange("site.update", site.id(),
                    "details changed: " + changedFields(old, site)));
        });
    }

    /**
     * Removes a site whose cameras are all retired; the retired camera records go with it.
     *
     * @throws GatewayException when the site is not on record or still has a camera that is not retired
     */
    public synchronized RegistryUpdate removeSite(String siteId) {
        return FileLocks.withLock(lockFile, () -> {
            reload();
            requireSite(siteId);
            List<Camera> of = current.camerasOf(siteId);
            List<String> live = of.stream().filter(c -> c.state() != CameraState.RETIRED).map(Camera::id).toList();
            if (!live.isEmpty()) {
                throw new GatewayException("site " + siteId + " still has cameras that are not retired: "
                        + String.join(", ", live), "retire them first with cctv-gateway cameras retire ID");
            }
            List<Site> sites = new ArrayList<>(current.sites());
            sites.removeIf(s -> s.id().equals(siteId));
            List<Camera> cameras = new ArrayList<>(current.cameras());
            cameras.removeIf(c -> c.siteId().equals(siteId));
            return commit(sites, cameras, new RegistryChange("site.remove", siteId, of.isEmpty() ? "removed"
                    : "removed with its retired cameras " + String.join(", ", of.stream().map(Camera::id).toList())));
        });
    }

    /**
     * Enrolls a camera under a new id on a site on record; its enrolledAt and updatedAt are set to now.
     *
     * @throws GatewayException when the site is unknown, or the id is taken (by any camera, retired ones too)
     */
    public synchronized RegistryUpdate enrollCamera(Camera camera) {
        return FileLocks.withLock(lockFile, () -> {
            reload();
            Objects.requireNonNull(camera, "camera");
            requireSite(camera.siteId());
            Optional<Camera> existing = current.camera(camera.id());
            if (existing.isPresent()) {
                throw new GatewayException("camera id " + camera.id() + " is already on record ("
                        + existing.get().state().label() + ", site " + existing.get().siteId() + ")",
                        "choose another --camera-id; ids of retired cameras are kept as history and not reused");
            }
            Instant now = clock.instant();
            Camera stamped = camera.withTimes(now, now);
            List<Camera> cameras = new ArrayList<>(current.cameras());
            cameras.add(stamped);
            return commit(current.sites(), cameras, new RegistryChange("camera.enroll", camera.id(),
                    "enrolled on site " + camera.siteId() + " via " + camera.adapterId() + " at " + camera.endpoint()
                            + ", state " + camera.state().label()));
        });
    }

    /**
     * Replaces what was probed or placed about a camera (endpoint, device, location, facing, stream roles).
     * Its state, consent, compliance summary and enrollment time stay as on record; those change through
     * their own methods so each is recorded as what it is.
     */
    public synchronized RegistryUpdate updateCamera(Camera camera) {
        return FileLocks.withLock(lockFile, () -> {
            reload();
            Objects.requireNonNull(camera, "camera");
            Camera old = requireLiveCamera(camera.id(), "updated");
            if (!old.siteId().equals(camera.siteId())) {
                throw new GatewayException("camera " + camera.id() + " is on site " + old.siteId() + ", not "
                        + camera.siteId(), "a camera does not move between sites; retire it and enroll it again");
            }
            Camera merged = new Camera(old.id(), old.siteId(), camera.adapterId(), camera.endpoint(), camera.device(),
                    camera.location(), camera.facing(), camera.streams(), old.compliance(), old.state(), old.consent(),
                    old.enrolledAt(), old.updatedAt());
            if (merged.equals(old)) {
                return new RegistryUpdate(current, Optional.empty());
            }
            Camera updated = merged.withTimes(old.enrolledAt(), later(old.updatedAt()));
            return replaceCamera(updated, new RegistryChange("camera.update", camera.id(), "probe details or placement "
                    + "changed"));
        });
    }

    /**
     * Moves a camera to another state (see {@link CameraState} for the moves allowed). Asking for the state
     * it is already in changes nothing.
     *
     * @param reason why, in plain words, for the change record; may be empty
     * @throws GatewayException when the camera is unknown or the move is not allowed (a retired camera)
     */
    public synchronized RegistryUpdate setState(String cameraId, CameraState target, String reason) {
        return FileLocks.withLock(lockFile, () -> {
            reload();
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(reason, "reason");
            Camera old = requireCamera(cameraId);
            if (old.state() == target) {
                return new RegistryUpdate(current, Optional.empty());
            }
            if (old.state() == CameraState.RETIRED) {
                throw new GatewayException("camera " + cameraId + " is retired; a retired camera is kept as history and "
                        + "not brought back", "enroll the device again under a new id: cctv-gateway enroll HOST --site "
                        + old.siteId() + " --camera-id NEW-ID ...");
            }
            if (!old.state().canMoveTo(target)) {
                throw new GatewayException("camera " + cameraId + " cannot go from " + old.state().label() + " to "
                        + target.label(), "an enrolled camera is activated first");
            }
            String detail = old.state().label() + " -> " + target.label() + (reason.isBlank() ? "" : ": " + reason.strip());
            return replaceCamera(old.withState(target, later(old.updatedAt())),
                    new RegistryChange("camera.state", cameraId, detail));
        });
    }

    /** Records the owner's consent for a camera that is not retired, replacing any earlier consent. */
    public synchronized RegistryUpdate recordConsent(String cameraId, Consent consent) {
        return FileLocks.withLock(lockFile, () -> {
            reload();
            Objects.requireNonNull(consent, "consent");
            Camera old = requireLiveCamera(cameraId, "given consent");
            if (old.consent().equals(Optional.of(consent))) {
                return new RegistryUpdate(current, Optional.empty());
            }
            String detail = "sharing " + consent.mode().label() + " by " + consent.consentedBy()
                    + consent.expiresAt().map(e -> " until " + e).orElse(", no expiry")
                    + old.consent().map(c -> " (was " + c.mode().label() + ")").orElse("");
            return replaceCamera(old.withConsent(consent, later(old.updatedAt())),
                    new RegistryChange("camera.consent", cameraId, detail));
        });
    }

    /** Records the summary of a camera's latest compliance report. */
    public synchronized RegistryUpdate recordCompliance(String cameraId, ComplianceSummary summary) {
        return FileLocks.withLock(lockFile, () -> {
            reload();
            Objects.requireNonNull(summary, "summary");
            Camera old = requireLiveCamera(cameraId, "given a compliance report");
            if (old.compliance().equals(Optional.of(summary))) {
                return new RegistryUpdate(current, Optional.empty());
            }
            return replaceCamera(old.withCompliance(summary, later(old.updatedAt())), new RegistryChange(
                    "camera.compliance", cameraId, ComplianceSummary.label(summary.verdict()) + " against "
                    + summary.standardId() + " " + summary.standardVersion()));
        });
    }

    /** The whole registry as YAML, for a backup ({@link #importYaml} reads it back). */
    public String exportYaml() {
        return RegistryYaml.write(current);
    }

    /**
     * Replaces the registry with one read from YAML, after validating all of it. Into an empty registry it
     * always goes; over a non-empty one only with {@code replace}, as one atomic write.
     *
     * @param origin names the text in errors (the file name)
     * @throws GatewayException naming the line of the first problem, or when the registry is not empty and
     *     {@code replace} is false; nothing changes then
     */
    public synchronized RegistryUpdate importYaml(String yaml, String origin, boolean replace) {
        return FileLocks.withLock(lockFile, () -> {
            reload();
            RegistrySnapshot imported = RegistryYaml.parse(yaml, origin);
            if (!current.isEmpty() && !replace) {
                throw new GatewayException("the registry in " + file.getParent() + " already has "
                        + current.sites().size() + " site(s) and " + current.cameras().size()
                        + " camera(s); import does not merge", "export it first as a backup, then import with --replace "
                        + "to replace it as a whole");
            }
            return commit(imported.sites(), imported.cameras(), new RegistryChange("registry.import", "",
                    (current.isEmpty() ? "imported " : "replaced by ") + imported.sites().size() + " site(s) and "
                            + imported.cameras().size() + " camera(s) from " + origin),
                    Math.max(current.generation(), imported.generation()) + 1);
        });
    }

    private RegistryUpdate replaceCamera(Camera updated, RegistryChange change) {
        List<Camera> cameras = new ArrayList<>(current.cameras());
        UnaryOperator<Camera> swap = c -> c.id().equals(updated.id()) ? updated : c;
        cameras.replaceAll(swap);
        return commit(current.sites(), cameras, change);
    }

    private RegistryUpdate commit(List<Site> sites, List<Camera> cameras, RegistryChange change) {
        return commit(sites, cameras, change, current.generation() + 1);
    }

    private RegistryUpdate commit(List<Site> sites, List<Camera> cameras, RegistryChange change, long generation) {
        RegistrySnapshot next = new RegistrySnapshot(sites, cameras, generation);
        byte[] bytes = RegistryYaml.write(next).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, bytes, AtomicFiles.Permissions.OWNER_ONLY);
        digest = sha256(bytes);
        current = next;
        log.debug("registry: {} {} ({}), generation {}", change.action(), change.subject(), change.detail(),
                generation);
        return new RegistryUpdate(next, Optional.of(change));
    }

    /** Now, or {@code previous} if the clock went back, so updatedAt never precedes enrolledAt. */
    private Instant later(Instant previous) {
        Instant now = clock.instant();
        return now.isBefore(previous) ? previous : now;
    }

    private Site requireSite(String id) {
        return current.site(id).orElseThrow(() -> new GatewayException("site " + id + " is not on record",
                "list the sites with cctv-gateway sites list, or add it with cctv-gateway sites add --id " + id));
    }

    private Camera requireCamera(String id) {
        return current.camera(id).orElseThrow(() -> new GatewayException("camera " + id + " is not on record",
                "list the cameras with cctv-gateway cameras list"));
    }

    private Camera requireLiveCamera(String id, String what) {
        Camera c = requireCamera(id);
        if (c.state() == CameraState.RETIRED) {
            throw new GatewayException("camera " + id + " is retired and cannot be " + what,
                    "a retired camera is history; enroll the device again under a new id");
        }
        return c;
    }

    private static String changedFields(Site a, Site b) {
        List<String> f = new ArrayList<>();
        if (!a.name().equals(b.name())) {
            f.add("name");
        }
        if (a.type() != b.type()) {
            f.add("type " + a.type().label() + " -> " + b.type().label());
        }
        if (!a.address().equals(b.address())) {
            f.add("address");
        }
        if (!a.owner().equals(b.owner())) {
            f.add("owner");
        }
        if (!a.contact().equals(b.contact())) {
            f.add("contact");
        }
        if (!a.location().equals(b.location())) {
            f.add("location");
        }
        return String.join(", ", f);
    }
}
