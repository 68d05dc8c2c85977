package org.cctvgateway.cli.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.cctvgateway.ConfigException;
import org.cctvgateway.config.StreamConfig;

/**
 * Finds a camera's password where the configuration points: an environment variable or a file.
 * The password itself never enters a message, a log line or the configuration.
 */
final class Passwords {
    private Passwords() {
    }

    /** The password for stream {@code index}, empty when none is configured. */
    static String resolve(StreamConfig s, int index, Function<String, String> env) {
        String key = "streams[" + index + "]";
        if (!s.passwordEnv().isEmpty()) {
            String v = env.apply(s.passwordEnv());
            if (v == null) {
                throw new ConfigException(key + ".passwordEnv", "environment variable " + s.passwordEnv() + " is not set",
                        "export " + s.passwordEnv() + " with the camera's password before starting the gateway");
            }
            return v;
        }
        if (!s.passwordFile().isEmpty()) {
            Path file = Path.of(s.passwordFile());
            try {
                List<String> lines = Files.readAllLines(file);
                if (lines.isEmpty() || lines.get(0).isEmpty()) {
                    throw new ConfigException(key + ".passwordFile", "file " + file + " is empty",
                            "write the password on its first line");
                }
                return lines.get(0);
            } catch (IOException e) {
                throw new ConfigException(key + ".passwordFile", "file " + file + " cannot be read (" + e.getMessage() + ")",
                        "check the path and that the gateway's user may read it", e);
            }
        }
        return "";
    }
}
