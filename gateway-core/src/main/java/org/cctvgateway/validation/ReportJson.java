package org.cctvgateway.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The report as JSON for machines. The field names are stable (a change is a new {@code format} number):
 *
 * <pre>{@code
 * {"format": 1, "camera": "...", "standard": {"id": "...", "version": "..."}, "time": "2026-01-01T00:00:00Z",
 *  "verdict": "pass" | "pass_with_warnings" | "fail",
 *  "results": [{"rule": "...", "severity": "fail" | "warn" | "info",
 *               "outcome": "pass" | "fail" | "warn" | "info" | "not_applicable" | "unknown",
 *               "description": "...", "declared": "...", "measured": "...", "threshold": "...",
 *               "message": "...", "fixHint": "..."}]}
 * }</pre>
 * Empty strings mean "no value". The exit code of {@code validate} is not in the document; it follows the
 * verdict.
 */
public final class ReportJson {
    /** The version of the field layout. */
    public static final int FORMAT = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    /** The report as a JSON tree. */
    public static ObjectNode tree(ComplianceReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("camera", report.camera());
        ObjectNode standard = root.putObject("standard");
        standard.put("id", report.standardId());
        standard.put("version", report.standardVersion());
        root.put("time", report.time().toString());
        root.put("verdict", lower(report.verdict()));
        ArrayNode results = root.putArray("results");
        for (RuleResult r : report.results()) {
            ObjectNode o = results.addObject();
            o.put("rule", r.ruleId());
            o.put("severity", lower(r.severity()));
            o.put("outcome", lower(r.outcome()));
            o.put("description", r.description());
            o.put("declared", r.declared());
            o.put("measured", r.measured());
            o.put("threshold", r.threshold());
            o.put("message", r.message());
            o.put("fixHint", r.fixHint());
        }
        return root;
    }

    /** The report as indented JSON text. */
    public static String render(ComplianceReport report) {
        try {
            return MAPPER.writeValueAsString(tree(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report tree cannot fail to serialize", e);
        }
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
