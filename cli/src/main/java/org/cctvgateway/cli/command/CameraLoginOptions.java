package org.cctvgateway.cli.command;

import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The camera login a command is given ({@code probe}, {@code validate}, {@code enroll}): a user
 * name, and the name of the environment variable holding the password, which never appears on a
 * command line.
 */
final class CameraLoginOptions {
    @Option(names = "--user", description = "User name on the camera.")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Environment variable holding the password (never pass it on the command line).")
    String passwordEnv;

    /** The credentials given, read through {@code env}; none when neither option is given. */
    org.cctvgateway.spi.Credentials credentials(Function<String, String> env) {
        return ProbeCommand.credentials(user, passwordEnv, env);
    }
}
