package org.cctvgateway.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The YAML mapper of every state file the gateway writes and reads back (registry, vault, PKI
 * register, emergency windows, access policy): hardened against hostile or hand-broken input
 * (document size, nesting, aliases, string length, duplicate keys, unknown properties all limited
 * or refused) and writing plain YAML (no document marker, quotes only where needed, absent values
 * left out). Each call makes a new mapper a caller may configure further before first use.
 */
public final class YamlMappers {
    private static final int MAX_ALIASES = 16;
    private static final int MAX_STRING = 64 * 1024;

    private YamlMappers() {
    }

    /**
     * @param maxBytes the largest document read
     * @param maxDepth the deepest nesting read
     * @param quoteNumericStrings quote strings that look like numbers when writing, so a value such
     *     as a serial "0012" reads back as the string it was
     */
    public static YAMLMapper hardened(int maxBytes, int maxDepth, boolean quoteNumericStrings) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(maxDepth);
        options.setCodePointLimit(maxBytes);
        options.setAllowDuplicateKeys(false);
        com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder factory = YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth)
                        .maxStringLength(MAX_STRING).maxDocumentLength(maxBytes).build())
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES);
        if (quoteNumericStrings) {
            factory.enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS);
        }
        YAMLMapper mapper = new YAMLMapper(factory.build());
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return mapper;
    }
}
