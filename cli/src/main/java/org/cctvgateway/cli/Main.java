package org.cctvgateway.cli;

import org.cctvgateway.cli.command.AuditCommand;
import org.cctvgateway.cli.command.CamerasCommand;
import org.cctvgateway.cli.command.ConnectCommand;
import org.cctvgateway.cli.command.DemoCommand;
import org.cctvgateway.cli.command.DiscoverCommand;
import org.cctvgateway.cli.command.EmergencyCommand;
import org.cctvgateway.cli.command.EnrollCommand;
import org.cctvgateway.cli.command.PkiCommand;
import org.cctvgateway.cli.command.ProbeCommand;
import org.cctvgateway.cli.command.ServeCommand;
import org.cctvgateway.cli.command.SimulateCommand;
import org.cctvgateway.cli.command.SitesCommand;
import org.cctvgateway.cli.command.ValidateCommand;
import org.cctvgateway.cli.output.ErrorReporter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code cctv-gateway}: the command line. Each subcommand prints readable text by default and
 * JSON lines with {@code --json}; logs go to standard error. Exit codes: 0 success, 1 a
 * failure the message explains (camera unreachable, port taken, bad configuration), 2 a usage
 * error (unknown option, missing argument).
 */
@Command(name = "cctv-gateway",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Brings a premises' CCTV cameras into the Safe City network: pulls their streams, "
                + "normalizes them and re-publishes them over RTSPS.",
        subcommands = {DemoCommand.class, DiscoverCommand.class, ProbeCommand.class, ValidateCommand.class,
                       SitesCommand.class, EnrollCommand.class, CamerasCommand.class, ServeCommand.class,
                       PkiCommand.class, ConnectCommand.class, EmergencyCommand.class, AuditCommand.class,
                       SimulateCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit code for a failure explained by its message. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for a command line that cannot be used. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests and for {@link #main}). */
    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the command line with its output and error streams given (for tests). */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_FAILURE);
        cli.setUsageHelpAutoWidth(true);
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
