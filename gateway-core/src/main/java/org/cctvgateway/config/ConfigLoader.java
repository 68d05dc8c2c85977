package org.cctvgateway.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.cctvgateway.ConfigException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads the gateway's YAML configuration into a {@link GatewayConfig} and validates every value,
 * reporting all problems at once, each with its key path ({@code streams[1].url: ...}).
 *
 * <p>Limits on the document, since a configuration file can come from anywhere: 1 MiB, nesting
 * depth 32, no YAML aliases beyond 16, strings of 64 KiB. Unknown keys are errors, not ignored:
 * a misspelt key would otherwise silently leave a default in place.
 */
public final class ConfigLoader {
    /** The largest configuration file accepted. */
    public static final int MAX_BYTES = 1 << 20;

    private static final Pattern PATH_SEGMENT = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final ObjectMapper mapper;

    public ConfigLoader() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(16);
        options.setNestingDepthLimit(32);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowDuplicateKeys(false);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(32).maxStringLength(64 * 1024).maxDocumentLength(MAX_BYTES).build())
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .build();
        this.mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    /** Loads {@code file}; a missing or unreadable file is a {@link ConfigException} naming it. */
    public GatewayConfig load(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ConfigException("", "configuration file " + file + " is " + Files.size(file)
                        + " bytes, limit is " + MAX_BYTES, "split it or remove what is not needed");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("", "configuration file " + file + " does not exist",
                    "check the path given to --config");
        } catch (IOException e) {
            throw new ConfigException("", "configuration file " + file + " cannot be read: " + e.getMessage(),
                    "check its permissions", e);
        }
        return parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), file.toString());
    }

    /** Parses YAML text; {@code origin} names it in errors. An empty document gives the defaults. */
    public GatewayConfig parse(String yaml, String origin) {
        if (yaml.isBlank()) {
            return GatewayConfig.defaults();
        }
        GatewayConfig config;
        try {
            com.fasterxml.jackson.databind.JsonNode tree = mapper.readTree(yaml);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return GatewayConfig.defaults();
            }
            config = mapper.readValue(yaml, GatewayConfig.class);
        } catch (JsonMappingException e) {
            throw YamlLines.mappingError(e, origin, YamlLines.lineOf(yaml, e.getPath(), MAX_BYTES));
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new ConfigException("", origin + (loc == null ? "" : " line " + loc.getLineNr())
                    + ": not valid YAML: " + e.getOriginalMessage(), "fix the YAML syntax at that line", e);
        }
        if (config == null) {
            return GatewayConfig.defaults();
        }
        List<String> problems = validate(config);
        if (!problems.isEmpty()) {
            throw new ConfigException("", origin + ": " + String.join("; ", problems),
                    problems.size() == 1 ? "fix that value" : "fix those " + problems.size() + " values");
        }
        return config;
    }

    /** Writes {@code config} as YAML (durations as {@code 10s}); used by {@code --print-config}. */
    public String write(GatewayConfig config) {
        try {
            return mapper.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("configuration cannot be written as YAML", e);
        }
    }

    /** Every problem with the values, each prefixed by its key path; empty when all is well. */
    public static List<String> validate(GatewayConfig c) {
        List<String> p = new ArrayList<>();
        if (c.dataDir().isBlank()) {
            p.add("dataDir: is empty; give a folder the gateway may write to");
        }
        checkPort(p, "server.port", c.server().port(), true);
        checkBind(p, "server.bind", c.server().bind());
        checkPositive(p, "server.sessionTimeout", c.server().sessionTimeout());
        checkPositive(p, "server.viewerMaxLag", c.server().viewerMaxLag());
        if (c.server().maxPayloadBytes() < 200 || c.server().maxPayloadBytes() > 65_000) {
            p.add("server.maxPayloadBytes: " + c.server().maxPayloadBytes() + " is outside 200..65000");
        }
        if (c.server().viewerSendBuffer() < 0 || c.server().viewerSendBuffer() > (64L << 20)) {
            p.add("server.viewerSendBuffer: " + HumanSize.format(c.server().viewerSendBuffer())
                    + " is outside 0..64MiB");
        }
        if (c.server().viewerQueue() < 16 * 1024 || c.server().viewerQueue() > (256L << 20)) {
            p.add("server.viewerQueue: " + HumanSize.format(c.server().viewerQueue()) + " is outside 16KiB..256MiB");
        }
        if (c.server().maxSessions() < 1) {
            p.add("server.maxSessions: " + c.server().maxSessions() + " must be at least 1");
        }
        TlsConfig tls = c.server().tls();
        if (tls.certificate().isEmpty() != tls.privateKey().isEmpty()) {
            p.add("server.tls: certificate and privateKey go together; give both or neither");
        }
        if (tls.requireClientCertificate() && tls.clientCa().isEmpty()) {
            p.add("server.tls.requireClientCertificate: needs server.tls.clientCa, the CA that signs agency certificates");
        }
        if (!tls.enabled() && tls.requireClientCertificate()) {
            p.add("server.tls.requireClientCertificate: needs server.tls.enabled: true");
        }
        checkPort(p, "admin.port", c.admin().port(), true);
        checkBind(p, "admin.bind", c.admin().bind());
        IngestConfig in = c.ingest();
        checkPositive(p, "ingest.connectTimeout", in.connectTimeout());
        checkPositive(p, "ingest.requestTimeout", in.requestTimeout());
        checkPositive(p, "ingest.firstFrameTimeout", in.firstFrameTimeout());
        checkPositive(p, "ingest.stallTimeout", in.stallTimeout());
        checkPositive(p, "ingest.backoffInitial", in.backoffInitial());
        checkPositive(p, "ingest.backoffMax", in.backoffMax());
        if (in.backoffMax().compareTo(in.backoffInitial()) < 0) {
            p.add("ingest.backoffMax: " + HumanDuration.format(in.backoffMax()) + " is shorter than ingest.backoffInitial "
                    + HumanDuration.format(in.backoffInitial()));
        }
        OnvifConfig onvif = c.onvif();
        if (onvif.enabled()) {
            checkPort(p, "onvif.port", onvif.port(), true);
            checkBind(p, "onvif.bind", onvif.bind());
            if (onvif.username().isEmpty() || onvif.passwordEnv().isEmpty()) {
                p.add("onvif: needs username and passwordEnv; the device service lists every stream, so it has a login");
            } else if (!ENV_NAME.matcher(onvif.passwordEnv()).matches()) {
                p.add("onvif.passwordEnv: '" + onvif.passwordEnv() + "' is not an environment variable name");
            }
        }
        Set<String> paths = new HashSet<>();
        for (int i = 0; i < c.streams().size(); i++) {
            StreamConfig s = c.streams().get(i);
            String k = "streams[" + i + "]";
            checkSegment(p, k + ".site", s.site());
            checkSegment(p, k + ".camera", s.camera());
            checkSegment(p, k + ".profile", s.profile());
            checkUrl(p, k + ".url", s.url());
            if (!s.transport().equals("tcp") && !s.transport().equals("udp")) {
                p.add(k + ".transport: '" + s.transport() + "' is not tcp or udp");
            }
            if (!s.passwordEnv().isEmpty() && !ENV_NAME.matcher(s.passwordEnv()).matches()) {
                p.add(k + ".passwordEnv: '" + s.passwordEnv() + "' is not an environment variable name");
            }
            if (!s.passwordEnv().isEmpty() && !s.passwordFile().isEmpty()) {
                p.add(k + ": passwordEnv and passwordFile are both set; keep one");
            }
            if (!paths.add(s.path())) {
                p.add(k + ": path " + s.path() + " is already used by another stream; give each camera its own id");
            }
        }
        return p;
    }

    private static void checkPort(List<String> p, String key, int port, boolean allowZero) {
        if (port < (allowZero ? 0 : 1) || port > 65535) {
            p.add(key + ": " + port + " is not a port number (1..65535" + (allowZero ? ", 0 for any free port" : "") + ")");
        }
    }

    private static void checkBind(List<String> p, String key, String bind) {
        if (bind.isBlank()) {
            p.add(key + ": is empty; use 0.0.0.0 for all interfaces or 127.0.0.1 for this machine only");
        }
    }

    private static void checkPositive(List<String> p, String key, java.time.Duration d) {
        if (d.isZero() || d.isNegative()) {
            p.add(key + ": must be longer than 0");
        }
    }

    private static void checkSegment(List<String> p, String key, String value) {
        if (!PATH_SEGMENT.matcher(value).matches()) {
            p.add(key + ": '" + value + "' must be 1-64 of a-z, 0-9, '-' or '_', starting with a letter or digit");
        }
    }

    private static void checkUrl(List<String> p, String key, String url) {
        if (url.isEmpty()) {
            p.add(key + ": is missing; give the camera's rtsp:// address");
            return;
        }
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("rtsp") && !scheme.equals("rtsps")) {
                p.add(key + ": scheme '" + (u.getScheme() == null ? "" : u.getScheme()) + "' is not rtsp or rtsps");
            } else if (u.getHost() == null) {
                p.add(key + ": has no host");
            }
        } catch (URISyntaxException e) {
            p.add(key + ": is not a valid URL (" + e.getReason() + ")");
        }
    }
}
