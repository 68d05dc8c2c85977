package org.cctvgateway.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Map;

/** One JSON object per line on standard output, flushed at once so scripts can read as it comes. */
public final class JsonLines {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonLines() {
    }

    /** A JSON document (such as a rendered report) as a value to nest in a line. */
    public static Object parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a JSON document", e);
        }
    }

    public static void print(PrintWriter out, Map<String, ?> object) {
        try {
            out.println(MAPPER.writeValueAsString(object));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON line", e);
        }
        out.flush();
    }
}
