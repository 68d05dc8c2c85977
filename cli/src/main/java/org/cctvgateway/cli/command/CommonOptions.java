package org.cctvgateway.cli.command;

import org.cctvgateway.cli.output.LogLevels;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {
    @Option(names = "--json", description = "Print JSON lines on standard output instead of text.")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Show debug log lines (protocol steps).")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "Show only warnings and errors in the log.")
    boolean quiet;

    void applyLogLevel() {
        LogLevels.apply(verbose, quiet || json);
    }
}
