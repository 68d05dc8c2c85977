package org.cctvgateway.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.cctvgateway.ConfigException;
import org.cctvgateway.GatewayException;
import org.cctvgateway.config.YamlLines;
import org.cctvgateway.internal.YamlMappers;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The registry file format ({@code registry.yaml}, also the export format): YAML, camelCase keys, unknown
 * keys refused, {@code schemaVersion: 1} first. The domain records keep {@link Optional}s; the file keeps
 * absent keys, so this class maps between the two through plain document records.
 *
 * <p>Every error names the key path and the line ({@code registry.yaml line 14: cameras[0].location:
 * latitude 91.0 is outside -90..90}). Limits: 16 MiB, nesting depth 32, no aliases beyond 16.
 */
public final class RegistryYaml {
    /** The version of the file layout written by this code. */
    public static final int SCHEMA_VERSION = 1;
    /** The largest registry file accepted. */
    public static final int MAX_BYTES = 16 << 20;

    private static final String HINT = "fix that value in the file, or restore the registry from a backup made "
            + "with cctv-gateway sites export";
    private static final ObjectMapper MAPPER = mapper();

    private RegistryYaml() {
    }

    private static ObjectMapper mapper() {
        ObjectMapper m = YamlMappers.hardened(MAX_BYTES, 32, true);
        m.registerModule(new JavaTimeModule());
        m.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return m;
    }

    // The document records: every field nullable, so that a missing key is reported by name.
    record Doc(Integer schemaVersion, Long generation, List<SiteDoc> sites, List<CameraDoc> cameras) {
    }

    record SiteDoc(String id, String name, String type, String address, String owner, String contact,
            PointDoc location) {
    }

    record PointDoc(Double lat, Double lon) {
    }

    record CameraDoc(String id, String site, String adapter, String endpoint, String state, Instant enrolledAt,
            Instant updatedAt, DeviceDoc device, RolesDoc streams, PointDoc location, FacingDoc facing,
            ConsentDoc consent, ComplianceDoc compliance) {
    }

    record DeviceDoc(String vendor, String model, String firmware, String serial, String hardwareId, String mac,
            List<ProfileDoc> profiles) {
    }

    record ProfileDoc(String token, String name, String codec, Integer width, Integer height, Double fps,
            String streamUri) {
    }

    record RolesDoc(String main, String sub) {
    }

    record FacingDoc(Double bearingDeg, Double hfovDeg, Double distanceM) {
    }

    record ConsentDoc(String by, Instant at, String sharing, Instant expiresAt, String note) {
    }

    record ComplianceDoc(String standard, String version, String verdict, Instant time, List<String> failing,
            List<String> warnings) {
    }

    /** The snapshot as YAML text, the form written to {@code registry.yaml} and by export. */
    public static String write(RegistrySnapshot s) {
        Doc doc = new Doc(SCHEMA_VERSION, s.generation(), s.sites().stream().map(RegistryYaml::siteDoc).toList(),
                s.cameras().stream().map(RegistryYaml::cameraDoc).toList());
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the registry cannot be written as YAML", e);
        }
    }

    /**
     * Reads YAML text into a snapshot, validating everything; an empty document is an empty registry.
     *
     * @param origin names the text in errors (a file name)
     * @throws ConfigException naming the key path, the line and what is wrong
     */
    public static RegistrySnapshot parse(String yaml, String origin) {
        if (yaml.isBlank()) {
            return RegistrySnapshot.empty();
        }
        Doc doc;
        try {
            doc = MAPPER.readValue(yaml, Doc.class);
        } catch (JsonMappingException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof MarkedYAMLException y) {
                    Mark m = y.getProblemMark() != null ? y.getProblemMark() : y.getContextMark();
                    throw new ConfigException("", origin + (m == null ? "" : " line " + (m.getLine() + 1))
                            + ": not valid YAML: " + y.getProblem(), HINT, e);
                }
            }
            ConfigException c = YamlLines.mappingError(e, origin, YamlLines.lineOf(yaml, e.getPath(), MAX_BYTES));
            throw new ConfigException("", c.getMessage(), HINT, e);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new ConfigException("", origin + (loc == null ? "" : " line " + loc.getLineNr())
                    + ": not valid YAML: " + YamlLines.firstLine(e.getOriginalMessage()), HINT, e);
        }
        if (doc == null) {
            return RegistrySnapshot.empty();
        }
        try {
            return toSnapshot(doc, new Where(List.of()));
        } catch (Located e) {
            int line = YamlLines.lineOf(yaml, e.where.refs, MAX_BYTES);
            String path = YamlLines.pathOf(e.where.refs);
            throw new ConfigException(path, e.getMessage() + " (" + origin + (line > 0 ? " line " + line : "") + ")",
                    e.hint.isEmpty() ? HINT : e.hint + "; " + HINT);
        }
    }

    private static RegistrySnapshot toSnapshot(Doc doc, Where w) {
        Integer version = req(w.at("schemaVersion"), doc.schemaVersion());
        if (version != SCHEMA_VERSION) {
            throw new Located(w.at("schemaVersion"), "schema version " + version + " is not known (this gateway "
                    + "reads version " + SCHEMA_VERSION + ")", "use a gateway release that wrote this file");
        }
        long generation = doc.generation() == null ? 0 : doc.generation();
        List<Site> sites = list(w.at("sites"), doc.sites(), RegistryYaml::site);
        List<Camera> cameras = list(w.at("cameras"), doc.cameras(), RegistryYaml::camera);
        return build(w, () -> new RegistrySnapshot(sites, cameras, generation));
    }

    private static Site site(Where w, SiteDoc d) {
        Optional<GeoPoint> loc = Optional.ofNullable(d.location()).map(p -> point(w.at("location"), p));
        SiteType type = build(w.at("type"), () -> SiteType.parse(req(w.at("type"), d.type())));
        return build(w, () -> new Site(req(w.at("id"), d.id()), req(w.at("name"), d.name()), type,
                orEmpty(d.address()), orEmpty(d.owner()), orEmpty(d.contact()), loc));
    }

    private static GeoPoint point(Where w, PointDoc p) {
        return build(w, () -> new GeoPoint(req(w.at("lat"), p.lat()), req(w.at("lon"), p.lon())));
    }

    private static Camera camera(Where w, CameraDoc d) {
        DeviceInfo device = device(w.at("device"), req(w.at("device"), d.device()));
        RolesDoc r = req(w.at("streams"), d.streams());
        StreamRoles roles = build(w.at("streams"),
                () -> new StreamRoles(req(w.at("streams").at("main"), r.main()), Optional.ofNullable(r.sub())));
        Optional<GeoPoint> loc = Optional.ofNullable(d.location()).map(p -> point(w.at("location"), p));
        Optional<Facing> facing = Optional.ofNullable(d.facing()).map(f -> facing(w.at("facing"), f));
        Optional<Consent> consent = Optional.ofNullable(d.consent()).map(c -> consent(w.at("consent"), c));
        Optional<ComplianceSummary> compliance = Optional.ofNullable(d.compliance())
                .map(c -> compliance(w.at("compliance"), c));
        CameraState state = build(w.at("state"), () -> CameraState.parse(req(w.at("state"), d.state())));
        return build(w, () -> new Camera(req(w.at("id"), d.id()), req(w.at("site"), d.site()),
                req(w.at("adapter"), d.adapter()), req(w.at("endpoint"), d.endpoint()), device, loc, facing, roles,
                compliance, state, consent, req(w.at("enrolledAt"), d.enrolledAt()),
                req(w.at("updatedAt"), d.updatedAt())));
    }

    private static DeviceInfo device(Where w, DeviceDoc d) {
        List<StreamProfile> profiles = list(w.at("profiles"), d.profiles(), (pw, p) -> build(pw,
                () -> new StreamProfile(req(pw.at("token"), p.token()), orEmpty(p.name()), orEmpty(p.codec()),
                        p.width() == null ? 0 : p.width(), p.height() == null ? 0 : p.height(),
                        p.fps() == null ? 0 : p.fps(), req(pw.at("streamUri"), p.streamUri()))));
        return build(w, () -> new DeviceInfo(orEmpty(d.vendor()), orEmpty(d.model()), orEmpty(d.firmware()),
                orEmpty(d.serial()), orEmpty(d.hardwareId()), orEmpty(d.mac()), profiles));
    }

    private static Facing facing(Where w, FacingDoc f) {
        return build(w, () -> new Facing(req(w.at("bearingDeg"), f.bearingDeg()), req(w.at("hfovDeg"), f.hfovDeg()),
                req(w.at("distanceM"), f.distanceM())));
    }

    private static Consent consent(Where w, ConsentDoc c) {
        SharingMode mode = build(w.at("sharing"), () -> SharingMode.parse(req(w.at("sharing"), c.sharing())));
        return build(w, () -> new Consent(req(w.at("by"), c.by()), req(w.at("at"), c.at()), mode,
                Optional.ofNullable(c.expiresAt()), orEmpty(c.note())));
    }

    private static ComplianceSummary compliance(Where w, ComplianceDoc c) {
        String text = req(w.at("verdict"), c.verdict());
        var verdict = ComplianceSummary.parseVerdict(text);
        if (verdict == null) {
            throw new Located(w.at("verdict"), "verdict '" + text + "' is not known",
                    "use pass, pass-with-warnings or fail");
        }
        return build(w, () -> new ComplianceSummary(req(w.at("standard"), c.standard()),
                req(w.at("version"), c.version()), verdict, req(w.at("time"), c.time()),
                c.failing() == null ? List.of() : c.failing(), c.warnings() == null ? List.of() : c.warnings()));
    }

    private static SiteDoc siteDoc(Site s) {
        return new SiteDoc(s.id(), s.name(), s.type().label(), s.address(), s.owner(), s.contact(),
                s.location().map(RegistryYaml::pointDoc).orElse(null));
    }

    private static PointDoc pointDoc(GeoPoint p) {
        return new PointDoc(p.lat(), p.lon());
    }

    private static CameraDoc cameraDoc(Camera c) {
        DeviceInfo d = c.device();
        DeviceDoc device = new DeviceDoc(d.vendor(), d.model(), d.firmware(), d.serial(), d.hardwareId(), d.mac(),
                d.profiles().stream().map(p -> new ProfileDoc(p.token(), p.name(), p.codec(), p.width(), p.height(),
                        p.fps(), p.streamUri())).toList());
        return new CameraDoc(c.id(), c.siteId(), c.adapterId(), c.endpoint(), c.state().label(), c.enrolledAt(),
                c.updatedAt(), device, new RolesDoc(c.streams().main(), c.streams().sub().orElse(null)),
                c.location().map(RegistryYaml::pointDoc).orElse(null),
                c.facing().map(f -> new FacingDoc(f.bearingDeg(), f.hfovDeg(), f.distanceM())).orElse(null),
                c.consent().map(k -> new ConsentDoc(k.consentedBy(), k.consentedAt(), k.mode().label(),
                        k.expiresAt().orElse(null), k.note())).orElse(null),
                c.compliance().map(k -> new ComplianceDoc(k.standardId(), k.standardVersion(),
                        ComplianceSummary.label(k.verdict()), k.time(), k.failingRules(), k.warningRules()))
                        .orElse(null));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static <T> T req(Where w, T value) {
        if (value == null) {
            throw new Located(w, "is missing", "add it");
        }
        return value;
    }

    private static <D, T> List<T> list(Where w, List<D> docs, java.util.function.BiFunction<Where, D, T> f) {
        List<T> out = new ArrayList<>();
        if (docs != null) {
            for (int i = 0; i < docs.size(); i++) {
                Where at = w.at(i);
                out.add(f.apply(at, req(at, docs.get(i))));
            }
        }
        return out;
    }

    /** Runs a constructor and places its complaint at {@code w}. */
    private static <T> T build(Where w, Supplier<T> s) {
        try {
            return s.get();
        } catch (Located e) {
            throw e;
        } catch (GatewayException e) {
            throw new Located(w, e.getMessage(), e.hint());
        }
    }

    /** A key path being read, in the form YamlLines understands. */
    private record Where(List<JsonMappingException.Reference> refs) {
        Where at(String field) {
            List<JsonMappingException.Reference> r = new ArrayList<>(refs);
            r.add(new JsonMappingException.Reference(null, field));
            return new Where(r);
        }

        Where at(int index) {
            List<JsonMappingException.Reference> r = new ArrayList<>(refs);
            r.add(new JsonMappingException.Reference(null, index));
            return new Where(r);
        }
    }

    /** A value the domain refused, with where it sits in the document. */
    private static final class Located extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Where where;
        private final String hint;

        Located(Where where, String message, String hint) {
            super(message, null, false, false);
            this.where = where;
            this.hint = hint;
        }
    }
}
