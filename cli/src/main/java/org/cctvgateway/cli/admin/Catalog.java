package org.cctvgateway.cli.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cctvgateway.registry.Camera;
import org.cctvgateway.registry.ComplianceSummary;
import org.cctvgateway.registry.RegistrySnapshot;
import org.cctvgateway.registry.Site;

/**
 * The catalog of enrolled cameras served at {@code /catalog} (JSON, by site) and
 * {@code /catalog.geojson} (one GeoJSON point per camera with a location, for a map): what each
 * camera is, where it is and looks, its state, its owner's sharing choice, its compliance and
 * which of its streams are published now. Owners' names and contacts are left out: the map does
 * not need personal data.
 */
public final class Catalog {
    private Catalog() {
    }

    /**
     * The catalog by site.
     *
     * @param published the stream paths ({@code site/camera/role}) re-published now
     */
    public static Map<String, Object> json(RegistrySnapshot registry, Set<String> published, Instant now) {
        List<Object> sites = new ArrayList<>();
        for (Site s : registry.sites()) {
            Map<String, Object> site = new LinkedHashMap<>();
            site.put("id", s.id());
            site.put("name", s.name());
            site.put("type", s.type().label());
            s.location().ifPresent(l -> site.put("location", Map.of("lat", l.lat(), "lon", l.lon())));
            List<Object> cameras = new ArrayList<>();
            for (Camera c : registry.camerasOf(s.id())) {
                cameras.add(camera(c, published, now));
            }
            site.put("cameras", cameras);
            sites.add(site);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("generatedAt", now.toString());
        doc.put("sites", sites);
        return doc;
    }

    /** The cameras with a location as a GeoJSON FeatureCollection (RFC 7946: longitude first). */
    public static Map<String, Object> geoJson(RegistrySnapshot registry, Set<String> published, Instant now) {
        List<Object> features = new ArrayList<>();
        for (Camera c : registry.cameras()) {
            if (c.location().isEmpty()) {
                continue;
            }
            Map<String, Object> properties = camera(c, published, now);
            properties.remove("location");
            registry.site(c.siteId()).ifPresent(s -> {
                properties.put("siteName", s.name());
                properties.put("siteType", s.type().label());
            });
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("type", "Feature");
            feature.put("id", c.siteId() + "/" + c.id());
            feature.put("geometry", Map.of("type", "Point", "coordinates",
                    List.of(c.location().get().lon(), c.location().get().lat())));
            feature.put("properties", properties);
            features.add(feature);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", "FeatureCollection");
        doc.put("features", features);
        return doc;
    }

    private static Map<String, Object> camera(Camera c, Set<String> published, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("site", c.siteId());
        m.put("camera", c.id());
        m.put("state", c.state().label());
        m.put("sharing", c.consent().map(x -> x.mode().label()).orElse("no consent"));
        c.consent().flatMap(x -> x.expiresAt()).ifPresent(x -> m.put("consentExpires", x.toString()));
        m.put("servable", c.servableAt(now));
        c.location().ifPresent(l -> m.put("location", Map.of("lat", l.lat(), "lon", l.lon())));
        c.facing().ifPresent(f -> {
            m.put("bearing", f.bearingDeg());
            m.put("hfov", f.hfovDeg());
            m.put("distance", f.distanceM());
        });
        m.put("vendor", c.device().vendor());
        m.put("model", c.device().model());
        c.compliance().ifPresent(x -> {
            m.put("verdict", ComplianceSummary.label(x.verdict()));
            m.put("standard", x.standardId() + " " + x.standardVersion());
        });
        List<Object> streams = new ArrayList<>();
        for (String role : c.streams().sub().isPresent() ? List.of("main", "sub") : List.of("main")) {
            String path = c.siteId() + "/" + c.id() + "/" + role;
            streams.add(Map.of("role", role, "path", path, "published", published.contains(path)));
        }
        m.put("streams", streams);
        return m;
    }
}
