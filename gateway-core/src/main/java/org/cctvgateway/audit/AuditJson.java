package org.cctvgateway.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The line format: {@code {"seq":N,"time":"ISO-8601 UTC","type":"...","fields":{...},"prev":"hex"}}
 * in that order, UTF-8, no whitespace, then {@code '\n'}. No canonical form is needed: the chain
 * hashes each line's exact bytes (without its {@code '\n'}), whatever a JSON writer would make of it.
 */
final class AuditJson {
    /** The longest line, in bytes without its {@code '\n'}, that is written or accepted. */
    static final int MAX_LINE_BYTES = 64 * 1024;
    static final String ZERO_HASH = "0".repeat(64);

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z][a-z0-9]*)*");
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16)
                    .maxStringLength(MAX_LINE_BYTES).maxNumberLength(64).build())
            .build()).build();

    private AuditJson() {
    }

    static String checkType(String type) {
        if (type == null || type.length() > 64 || !TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("audit record type '" + type
                    + "' is not a lower-case dotted word of at most 64 characters (e.g. stream.session)");
        }
        return type;
    }

    static String checkHash(String what, String hash) {
        if (hash == null || !HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException(what + " '" + hash + "' is not 64 lower-case hex digits");
        }
        return hash;
    }

    /**
     * A copy of {@code fields} holding only JSON values: strings, booleans, whole numbers (as
     * {@code Long} or {@code BigInteger}), finite decimals (as {@code Double}), lists and maps of these.
     * An {@code Instant} or an enum becomes its text. Anything else, null included, is refused.
     */
    static Map<String, Object> normalizeFields(Map<?, ?> fields) {
        return Collections.unmodifiableMap(normalizeMap("fields", fields));
    }

    private static Map<String, Object> normalizeMap(String path, Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key) || !FIELD.matcher(key).matches()) {
                throw new IllegalArgumentException(path + ": field name '" + e.getKey()
                        + "' is not 1-64 letters, digits, '.', '_' or '-'");
            }
            out.put(key, normalize(path + "." + key, e.getValue()));
        }
        return out;
    }

    private static Object normalize(String path, Object v) {
        if (v instanceof String || v instanceof Boolean || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            double d = ((Number) v).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(path + ": " + v + " is not a finite number");
            }
            return d;
        }
        if (v instanceof Instant i) {
            return i.toString();
        }
        if (v instanceof Enum<?> en) {
            return en.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
        if (v instanceof Map<?, ?> m) {
            return Collections.unmodifiableMap(normalizeMap(path, m));
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(normalize(path + "[" + i + "]", list.get(i)));
            }
            return Collections.unmodifiableList(out);
        }
        String kind = v == null ? "null" : "a " + v.getClass().getSimpleName();
        throw new IllegalArgumentException(path + " is " + kind
                + "; audit fields take strings, numbers, booleans, instants, enums, lists and maps only");
    }

    /** The bytes of one line, without its {@code '\n'}. */
    static byte[] encode(long seq, Instant time, String type, Map<String, Object> fields, String prev) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("seq", seq);
        node.put("time", time.toString());
        node.put("type", type);
        node.set("fields", MAPPER.valueToTree(fields));
        node.put("prev", prev);
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON encoding to memory failed", e);
        }
    }

    /**
     * Reads one line (without its {@code '\n'}).
     *
     * @throws IllegalArgumentException saying in plain words what is wrong with it
     */
    static AuditRecord decode(byte[] line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON (" + e.getMessage() + ")");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (node.size() != 5) {
            throw new IllegalArgumentException("has " + node.size()
                    + " members, expected seq, time, type, fields, prev");
        }
        JsonNode seq = node.get("seq");
        if (seq == null || !seq.canConvertToExactIntegral() || !seq.canConvertToLong() || seq.asLong() < 1) {
            throw new IllegalArgumentException("seq is missing or not a positive whole number");
        }
        Instant time;
        try {
            time = Instant.parse(text(node, "time"));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("time '" + node.get("time").asText() + "' is not an ISO-8601 instant");
        }
        JsonNode fields = node.get("fields");
        if (fields == null || !fields.isObject()) {
            throw new IllegalArgumentException("fields is missing or not an object");
        }
        Map<?, ?> map = MAPPER.convertValue(fields, Map.class);
        return new AuditRecord(seq.asLong(), time, checkType(text(node, "type")), normalizeFields(map),
                checkHash("prev", text(node, "prev")), sha256Hex(line));
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(name + " is missing or not a string");
        }
        return v.asText();
    }

    /** The record as one JSON object (for {@code audit show --json}), with its hash. */
    static String toJson(AuditRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", r.seq());
        m.put("time", r.time().toString());
        m.put("type", r.type());
        m.put("fields", r.fields());
        m.put("prev", r.prev());
        m.put("hash", r.hash());
        try {
            return MAPPER.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON encoding to memory failed", e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256(bytes));
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Record times are kept to the millisecond, so the text is short and sorts as written. */
    static Instant truncate(Instant time) {
        return time.truncatedTo(ChronoUnit.MILLIS);
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
