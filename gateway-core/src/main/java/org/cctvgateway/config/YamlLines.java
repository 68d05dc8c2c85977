package org.cctvgateway.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.cctvgateway.ConfigException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds where a Jackson mapping error sits in a YAML document, so that errors in any YAML file the gateway reads
 * (configuration, standards) name the key path and the line.
 */
public final class YamlLines {
    private YamlLines() {
    }

    /**
     * The 1-based line where the key (or list item) at {@code refs} starts, found on SnakeYAML's node tree, which
     * keeps exact start marks; 0 when the document cannot be composed or the path cannot be followed.
     *
     * @param maxBytes the code point limit for composing; documents were already size-checked by the caller
     */
    public static int lineOf(String yaml, List<JsonMappingException.Reference> refs, int maxBytes) {
        Node node;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(16);
            options.setNestingDepthLimit(32);
            options.setCodePointLimit(maxBytes);
            node = new Yaml(options).compose(new StringReader(yaml));
        } catch (RuntimeException e) {
            return 0;
        }
        int line = 0;
        for (JsonMappingException.Reference r : refs) {
            if (node instanceof SequenceNode seq && r.getIndex() >= 0 && r.getIndex() < seq.getValue().size()) {
                node = seq.getValue().get(r.getIndex());
                line = node.getStartMark().getLine() + 1;
            } else if (node instanceof MappingNode map && r.getFieldName() != null) {
                Node next = null;
                for (NodeTuple t : map.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(r.getFieldName())) {
                        line = k.getStartMark().getLine() + 1;
                        next = t.getValueNode();
                        break;
                    }
                }
                if (next == null) {
                    return line;
                }
                node = next;
            } else {
                return line;
            }
        }
        return line;
    }

    /** The key path of {@code refs} in the form {@code streams[1].url}. */
    public static String pathOf(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : refs) {
            if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            } else if (r.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            }
        }
        return sb.toString();
    }

    /**
     * The one-line error for a value Jackson could not map, named by its key path and the line
     * ({@code line} from {@link #lineOf}, else Jackson's own location): an unknown key lists the
     * keys that are known there; a value a record's compact constructor refused keeps that
     * constructor's own words.
     */
    public static ConfigException mappingError(JsonMappingException e, String origin, int line) {
        String path = pathOf(e.getPath());
        JsonLocation loc = e.getLocation();
        int shown = line > 0 ? line : loc == null ? 0 : loc.getLineNr();
        String where = origin + (shown > 0 ? " line " + shown : "");
        if (e instanceof UnrecognizedPropertyException u) {
            List<String> known = new ArrayList<>();
            if (u.getKnownPropertyIds() != null) {
                u.getKnownPropertyIds().forEach(k -> known.add(String.valueOf(k)));
            }
            known.sort(null);
            return new ConfigException(path, "unknown key '" + u.getPropertyName() + "' (" + where + ")",
                    "known keys here: " + String.join(", ", known), e);
        }
        Throwable cause = e.getCause();
        String msg = cause instanceof IllegalArgumentException && cause.getMessage() != null
                ? cause.getMessage() : firstLine(e.getOriginalMessage());
        return new ConfigException(path, msg + " (" + where + ")", "fix that value in the file", e);
    }

    /** The first line of a parser's message, which is often followed by a dump of the input. */
    public static String firstLine(String msg) {
        if (msg == null) {
            return "";
        }
        int cut = msg.indexOf('\n');
        return cut > 0 ? msg.substring(0, cut) : msg;
    }
}
