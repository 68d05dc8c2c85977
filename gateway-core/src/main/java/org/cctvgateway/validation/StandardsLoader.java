package org.cctvgateway.validation;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.cctvgateway.ConfigException;
import org.cctvgateway.config.YamlLines;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads standards files (schema 1, described in {@code README.md} beside the bundled files under
 * {@code org/cctvgateway/validation/}) into {@link StandardsProfile}s.
 *
 * <p>Every problem is a {@link ConfigException} whose path is the key path in the file ({@code rules[3].check})
 * and whose message names the file and the line. Unknown keys, unknown check types, bad severities and
 * thresholds outside their range are rejected, never ignored or clamped. Limits: 256 KiB, nesting depth 32,
 * at most 16 aliases, strings of 16 KiB.
 */
public final class StandardsLoader {
    /** The schema version this loader reads. */
    public static final int SCHEMA = 1;
    /** The largest standards file accepted. */
    public static final int MAX_BYTES = 256 * 1024;
    /** The bundled standard used when none is named. */
    public static final String DEFAULT = "safe-city-baseline";

    private static final List<String> BUNDLED = List.of("safe-city-baseline", "safe-city-evidence");

    /** The document as written; mapped to a {@link StandardsProfile} after its schema is checked. */
    private record Document(Integer schema, String id, String version, String title, String description,
            DoriEdition doriEdition, Boolean unknownFails, List<Rule> rules) {
    }

    private final ObjectMapper mapper;

    public StandardsLoader() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(16);
        options.setNestingDepthLimit(32);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowDuplicateKeys(false);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32)
                        .maxStringLength(16 * 1024).maxDocumentLength(MAX_BYTES).build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** The names of the bundled standards, the default first. */
    public List<String> bundledNames() {
        return BUNDLED;
    }

    /** Loads a standards file. */
    public StandardsProfile load(Path file) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ConfigException("", "standards file " + file + " is " + size + " bytes, limit is "
                        + MAX_BYTES, "a standard is a short list of rules; check that this is the right file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", "standards file " + file + " does not exist",
                    "give a file path or one of the bundled standards: " + String.join(", ", BUNDLED));
        } catch (IOException e) {
            throw new ConfigException("", "standards file " + file + " cannot be read: " + e.getMessage(),
                    "check its permissions", e);
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    /** Loads the bundled standard {@code name} ({@code "safe-city-baseline"}; a {@code .yaml} suffix is allowed). */
    public StandardsProfile bundled(String name) {
        String n = name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : name;
        if (!BUNDLED.contains(n)) {
            throw new ConfigException("", "there is no bundled standard named '" + name + "'",
                    "use one of " + String.join(", ", BUNDLED) + " or give a file path");
        }
        try (InputStream in = StandardsLoader.class.getResourceAsStream(n + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("bundled standard " + n + ".yaml is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), n + ".yaml (bundled)");
        } catch (IOException e) {
            throw new IllegalStateException("bundled standard " + n + ".yaml cannot be read", e);
        }
    }

    /**
     * A bundled standard when {@code nameOrPath} names one, otherwise the file at that path. This is how
     * {@code --standard NAME|FILE} is read.
     */
    public StandardsProfile resolve(String nameOrPath) {
        String n = nameOrPath.endsWith(".yaml") ? nameOrPath.substring(0, nameOrPath.length() - 5) : nameOrPath;
        if (BUNDLED.contains(n) && !Files.exists(Path.of(nameOrPath))) {
            return bundled(n);
        }
        return load(Path.of(nameOrPath));
    }

    /** Parses standards YAML; {@code origin} names it in errors. */
    public StandardsProfile parse(String yaml, String origin) {
        if (yaml.length() > MAX_BYTES) {
            throw new ConfigException("", origin + " is " + yaml.length() + " characters, limit is " + MAX_BYTES,
                    "a standard is a short list of rules; check that this is the right file");
        }
        Document doc;
        try {
            com.fasterxml.jackson.databind.JsonNode tree = mapper.readTree(yaml);
            doc = tree == null || tree.isMissingNode() || tree.isNull() ? null
                    : mapper.readValue(yaml, Document.class);
        } catch (JsonMappingException e) {
            throw YamlLines.mappingError(e, origin, YamlLines.lineOf(yaml, e.getPath(), MAX_BYTES));
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new ConfigException("", origin + (loc == null || loc.getLineNr() < 1 ? "" : " line "
                    + loc.getLineNr()) + ": not valid YAML: " + YamlLines.firstLine(e.getOriginalMessage()),
                    "fix the YAML syntax at that line", e);
        }
        if (doc == null) {
            throw new ConfigException("", origin + ": the document is empty",
                    "start it with 'schema: " + SCHEMA + "'; see the README beside the bundled standards");
        }
        if (doc.schema() == null) {
            throw new ConfigException("schema", "is missing (" + origin + ")",
                    "start the file with 'schema: " + SCHEMA + "'");
        }
        if (doc.schema() != SCHEMA) {
            throw new ConfigException("schema", doc.schema() + " is not supported (" + where(yaml, origin, "schema")
                    + "); this gateway reads schema " + SCHEMA, "write the file for schema " + SCHEMA);
        }
        try {
            return new StandardsProfile(doc.id(), doc.version(), doc.title(),
                    doc.description() == null ? "" : doc.description(), doc.doriEdition(),
                    doc.unknownFails() != null && doc.unknownFails(), doc.rules() == null ? List.of() : doc.rules());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("", e.getMessage() + " (" + origin + ")", "fix that value in the file", e);
        }
    }

    private static String where(String yaml, String origin, String key) {
        int line = YamlLines.lineOf(yaml, List.of(new JsonMappingException.Reference(Document.class, key)),
                MAX_BYTES);
        return line > 0 ? origin + " line " + line : origin;
    }
}
