package org.cctvgateway.validation;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.cctvgateway.ConfigException;

class StandardsLoaderFuzzTest {
    private static final StandardsLoader LOADER = new StandardsLoader();

    /** Any YAML either loads into a profile or is rejected with a {@link ConfigException}; nothing else escapes. */
    @FuzzTest
    void loadsOrRejectsWithConfigException(byte[] data) {
        try {
            LOADER.parse(new String(data, StandardCharsets.UTF_8), "fuzz.yaml");
        } catch (ConfigException expected) {
            // the documented rejection
        }
    }
}
