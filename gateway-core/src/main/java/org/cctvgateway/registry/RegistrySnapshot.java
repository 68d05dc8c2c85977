package org.cctvgateway.registry;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cctvgateway.GatewayException;

/**
 * The registry at one moment: immutable, so a reader (the runtime deciding what to serve) never sees a
 * half-made change. Every change makes a new snapshot with a higher {@code generation}.
 *
 * <p>Invariants, checked on construction: site ids are unique; camera ids are unique; every camera's site is
 * on record.
 *
 * @param sites in the order they were added
 * @param cameras in the order they were enrolled
 * @param generation how many changes the registry has seen; 0 for a new one
 */
public record RegistrySnapshot(List<Site> sites, List<Camera> cameras, long generation) {
    private static final RegistrySnapshot EMPTY = new RegistrySnapshot(List.of(), List.of(), 0);

    public RegistrySnapshot {
        sites = List.copyOf(sites);
        cameras = List.copyOf(cameras);
        if (generation < 0) {
            throw new GatewayException("registry generation " + generation + " is negative",
                    "fix the generation in the registry file");
        }
        Set<String> siteIds = new HashSet<>();
        for (Site s : sites) {
            if (!siteIds.add(s.id())) {
                throw new GatewayException("site id " + s.id() + " is on record twice", "give each site its own id");
            }
        }
        Set<String> cameraIds = new HashSet<>();
        for (Camera c : cameras) {
            if (!cameraIds.add(c.id())) {
                throw new GatewayException("camera id " + c.id() + " is on record twice",
                        "give each camera its own id");
            }
            if (!siteIds.contains(c.siteId())) {
                throw new GatewayException("camera " + c.id() + " belongs to site " + c.siteId()
                        + ", which is not on record", "add the site first: cctv-gateway sites add --id "
                        + c.siteId() + " ...");
            }
        }
    }

    /** A registry with nothing in it. */
    public static RegistrySnapshot empty() {
        return EMPTY;
    }

    /** True when there are no sites (and so no cameras). */
    public boolean isEmpty() {
        return sites.isEmpty();
    }

    public Optional<Site> site(String id) {
        return sites.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<Camera> camera(String id) {
        return cameras.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** The cameras of a site, retired ones included, in enrollment order. */
    public List<Camera> camerasOf(String siteId) {
        return cameras.stream().filter(c -> c.siteId().equals(siteId)).toList();
    }

    /** The cameras the gateway may re-publish at {@code now} (see {@link Camera#servableAt}). */
    public List<Camera> servableCameras(Instant now) {
        return cameras.stream().filter(c -> c.servableAt(now)).toList();
    }

    /** Cameras by id, in enrollment order. */
    public Map<String, Camera> camerasById() {
        Map<String, Camera> m = new LinkedHashMap<>();
        cameras.forEach(c -> m.put(c.id(), c));
        return m;
    }
}
