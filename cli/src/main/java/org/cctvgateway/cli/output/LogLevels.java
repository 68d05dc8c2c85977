package org.cctvgateway.cli.output;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Adjusts the gateway's log level from command-line flags. */
public final class LogLevels {
    private LogLevels() {
    }

    /** {@code --verbose} shows the gateway's debug lines; {@code --quiet} only warnings and errors. */
    public static void apply(boolean verbose, boolean quiet) {
        Logger gateway = (Logger) LoggerFactory.getLogger("org.cctvgateway");
        if (verbose) {
            gateway.setLevel(Level.DEBUG);
        } else if (quiet) {
            gateway.setLevel(Level.WARN);
        }
    }
}
