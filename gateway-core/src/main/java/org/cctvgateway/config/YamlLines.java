package org.cctvgateway.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.StringReader;
import java.util.List;
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
}
