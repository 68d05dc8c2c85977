package org.cctvgateway.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cctvgateway.ConfigException;
import org.cctvgateway.GatewayException;
import org.cctvgateway.config.YamlLines;
import org.cctvgateway.internal.YamlMappers;
import org.cctvgateway.pki.ReloadingFile;
import org.cctvgateway.registry.SharingMode;
import org.cctvgateway.registry.SiteType;

/**
 * Which agency may see which cameras, read from {@code <dataDir>/access-policy.yaml}. Immutable.
 *
 * <p>Semantics: an agency not listed sees nothing; there is no wildcard agency and no anonymous
 * viewing. For a listed agency a camera is in reach when its site's type is in {@code siteTypes}, or
 * its site id is in {@code sites}, or {@code site/camera} is in {@code cameras} (a union: each list
 * widens the reach). Reach alone is not enough: the owner's sharing mode for the camera must be one of
 * the agency's {@code sharingModes} (all servable modes when the key is left out), an owner's
 * {@code off} is never served, and {@code emergency-only} cameras are served only while an emergency
 * window is open for their site; see {@link AccessDecider}. A missing file is a policy that lets
 * nobody see anything, and says so in every refusal.
 *
 * <pre>{@code
 * agencies:
 *   - name: police
 *     siteTypes: [hotel, plaza, school]
 *   - name: fire
 *     sites: [plaza-1]
 *     cameras: [hotel-1/lobby]
 *     sharingModes: [emergency-only]
 * }</pre>
 *
 * <p>Unknown keys, unknown site types or sharing modes, malformed ids and an agency listed twice are
 * errors naming the key path and the line. File limits: 1 MiB, nesting depth 16.
 */
public final class AccessPolicy {
    /** The largest policy file accepted. */
    public static final int MAX_BYTES = 1 << 20;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AccessPolicy.class);

    private final List<AgencyGrant> agencies;
    private final String source;
    private final boolean present;
    private final Optional<String> problem;

    private AccessPolicy(List<AgencyGrant> agencies, String source, boolean present, Optional<String> problem) {
        this.agencies = List.copyOf(agencies);
        this.source = Objects.requireNonNull(source, "source");
        this.present = present;
        this.problem = problem;
    }

    private AccessPolicy(List<AgencyGrant> agencies, String source, boolean present) {
        this(agencies, source, present, Optional.empty());
    }

    /**
     * The policy in {@code file}, read again when the file changes (looked at no more than once per
     * {@code checkInterval}), for the server. A file that cannot be used after an edit does not stop
     * the server: it gives a policy that grants nothing and names the problem in every refusal, and
     * an ERROR log line, until the file is fixed.
     */
    public static ReloadingFile<AccessPolicy> reloading(Path file, Duration checkInterval) {
        return new ReloadingFile<>(file, f -> {
            try {
                return load(f);
            } catch (ConfigException e) {
                LOG.error("access policy {} cannot be used, so nobody may see anything until it is fixed: {}",
                        f, e.oneLine());
                return new AccessPolicy(List.of(), f.toString(), false, Optional.of(e.getMessage()));
            }
        }, checkInterval);
    }

    /** A policy from values in memory; {@code source} names it in refusals. */
    public static AccessPolicy of(List<AgencyGrant> agencies, String source) {
        Set<String> seen = new HashSet<>();
        for (AgencyGrant g : agencies) {
            if (!seen.add(g.name())) {
                throw new IllegalArgumentException("agency '" + g.name() + "' is listed twice");
            }
        }
        return new AccessPolicy(agencies, source, true);
    }

    /** {@code <dataDir>/access-policy.yaml}. */
    public static Path defaultFile(Path dataDir) {
        return dataDir.resolve("access-policy.yaml");
    }

    /**
     * Reads {@code file}; a file that does not exist gives the policy that grants nothing.
     *
     * @throws ConfigException naming the key path and line of the first bad value
     */
    public static AccessPolicy load(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException("", "access policy " + file + " is " + Files.size(file) + " bytes, limit is "
                        + MAX_BYTES, "an access policy is a short list of agencies; check the file");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new AccessPolicy(List.of(), file.toString(), false);
        } catch (IOException e) {
            throw new ConfigException("", "access policy " + file + " cannot be read: " + e.getMessage(),
                    "check its permissions", e);
        }
        return parse(text, file.toString());
    }

    /** Parses policy YAML; {@code origin} names it in errors and refusals. */
    public static AccessPolicy parse(String yaml, String origin) {
        if (yaml.isBlank()) {
            return new AccessPolicy(List.of(), origin, true);
        }
        FileForm form;
        try {
            form = MAPPER.readValue(yaml, FileForm.class);
        } catch (JsonMappingException e) {
            throw YamlLines.mappingError(e, origin, YamlLines.lineOf(yaml, e.getPath(), MAX_BYTES));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException("", origin + (line > 0 ? " line " + line : "") + ": not valid YAML: "
                    + YamlLines.firstLine(e.getOriginalMessage()), "fix the YAML syntax at that line", e);
        }
        List<AgencyGrant> grants = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<Entry> entries = form == null || form.agencies() == null ? List.of() : form.agencies();
        for (int i = 0; i < entries.size(); i++) {
            List<JsonMappingException.Reference> refs = List.of(
                    new JsonMappingException.Reference(null, "agencies"), new JsonMappingException.Reference(null, i));
            String where = " (" + origin + " line " + YamlLines.lineOf(yaml, refs, MAX_BYTES) + ")";
            if (entries.get(i).name() == null) {
                throw new ConfigException("agencies[" + i + "]", "name is missing" + where,
                        "give the agency's name, e.g. name: police");
            }
            AgencyGrant g = entries.get(i).grant();
            if (!seen.add(g.name())) {
                throw new ConfigException("agencies[" + i + "]", "agency '" + g.name() + "' is listed twice" + where,
                        "merge the two entries into one");
            }
            grants.add(g);
        }
        return new AccessPolicy(grants, origin, true);
    }

    /** The grant for {@code agency}, if the policy lists it. */
    public Optional<AgencyGrant> grant(String agency) {
        for (AgencyGrant g : agencies) {
            if (g.name().equals(agency)) {
                return Optional.of(g);
            }
        }
        return Optional.empty();
    }

    public List<AgencyGrant> agencies() {
        return agencies;
    }

    /** The file (or other origin) the policy came from. */
    public String source() {
        return source;
    }

    /** False when the policy file did not exist or could not be used, so nobody may see anything. */
    public boolean present() {
        return present;
    }

    /** Why the file could not be used, for a policy from {@link #reloading} after a bad edit. */
    public Optional<String> problem() {
        return problem;
    }

    @Override
    public String toString() {
        return "AccessPolicy[" + source + (present ? "" : " (absent)") + ", agencies "
                + agencies.stream().map(AgencyGrant::name).toList() + "]";
    }

    private static final ObjectMapper MAPPER = mapper();

    private static ObjectMapper mapper() {
        ObjectMapper m = YamlMappers.hardened(MAX_BYTES, 16, false);
        m.enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        return m;
    }

    record FileForm(List<Entry> agencies) {
    }

    record Entry(String name, List<SiteTypeValue> siteTypes, List<String> sites, List<String> cameras,
                 List<ModeValue> sharingModes) {
        Entry {
            // A missing name is reported after mapping, so that a misspelt key (nme:) is named first.
            if (name != null) {
                grant(name, siteTypes, sites, cameras, sharingModes);
            }
        }

        AgencyGrant grant() {
            return grant(name, siteTypes, sites, cameras, sharingModes);
        }

        private static AgencyGrant grant(String name, List<SiteTypeValue> siteTypes, List<String> sites,
                                         List<String> cameras, List<ModeValue> sharingModes) {
            Set<SiteType> types = new LinkedHashSet<>();
            for (SiteTypeValue v : orEmpty(siteTypes)) {
                types.add(v.value());
            }
            Set<SharingMode> modes = new LinkedHashSet<>();
            if (sharingModes == null) {
                modes.addAll(AgencyGrant.SERVABLE_MODES);
            } else {
                sharingModes.forEach(m -> modes.add(m.value()));
            }
            return new AgencyGrant(name, types, new LinkedHashSet<>(orEmpty(sites)),
                    new LinkedHashSet<>(orEmpty(cameras)), modes);
        }

        private static <T> List<T> orEmpty(List<T> list) {
            return list == null ? List.of() : list;
        }
    }

    record SiteTypeValue(SiteType value) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static SiteTypeValue of(Object text) {
            try {
                return new SiteTypeValue(SiteType.parse(String.valueOf(text)));
            } catch (GatewayException e) {
                throw new IllegalArgumentException(e.getMessage() + "; " + e.hint(), e);
            }
        }
    }

    record ModeValue(SharingMode value) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static ModeValue of(Object value) {
            // YAML 1.1 reads an unquoted off (and no, false) as a boolean; a person writing off means the mode.
            String text = Boolean.FALSE.equals(value) ? SharingMode.OFF.label() : String.valueOf(value);
            try {
                return new ModeValue(SharingMode.parse(text));
            } catch (GatewayException e) {
                throw new IllegalArgumentException(e.getMessage() + "; " + e.hint(), e);
            }
        }
    }
}
