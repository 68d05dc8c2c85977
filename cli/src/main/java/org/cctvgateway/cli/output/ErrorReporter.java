package org.cctvgateway.cli.output;

import org.cctvgateway.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Turns an exception from a command into the one line a user reads on standard error: what
 * happened and what to do. The stack trace goes to the debug log only.
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ErrorReporter.class);

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        cmd.getErr().println("error: " + oneLine(ex));
        cmd.getErr().flush();
        log.debug("command failed", ex);
        return cmd.getExitCodeExceptionMapper() == null ? 1 : cmd.getExitCodeExceptionMapper().getExitCode(ex);
    }

    /** The user-facing line for any exception. */
    public static String oneLine(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof GatewayException g) {
                return g.oneLine();
            }
        }
        String msg = ex.getMessage() == null ? "" : ": " + ex.getMessage().replace('\n', ' ');
        return "unexpected " + ex.getClass().getSimpleName() + msg
                + " (this is a bug; run again with --verbose and report the log)";
    }
}
