package org.cctvgateway.cli.command;

import io.micrometer.core.instrument.Clock;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cctvgateway.GatewayException;
import org.cctvgateway.cli.output.ErrorReporter;
import org.cctvgateway.cli.runtime.ProbeTargets;
import org.cctvgateway.cli.validation.CameraFactsCollector;
import org.cctvgateway.config.HumanDuration;
import org.cctvgateway.rtsp.codec.RtspUrls;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.validation.ComplianceReport;
import org.cctvgateway.validation.Placement;
import org.cctvgateway.validation.ReportHtml;
import org.cctvgateway.validation.ReportJson;
import org.cctvgateway.validation.ReportText;
import org.cctvgateway.validation.StandardsLoader;
import org.cctvgateway.validation.StandardsProfile;
import org.cctvgateway.validation.ValidationEngine;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cctv-gateway validate HOST[:PORT]|RTSP-URL}: measures a camera (its streams sampled through
 * the gateway's RTSP client, its logins checked) and judges it against a technical standard.
 *
 * <p>Exit codes: 0 pass (or pass with warnings without {@code --strict}), 1 pass with warnings with
 * {@code --strict}, 2 fail, {@value #COULD_NOT_VALIDATE} when the camera could not be validated at all
 * (unreachable, refused login, bad standards file), with one {@code error:} line.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Measure a camera and check it against a technical standard.",
                       "Exit 0 pass, 1 warnings only (with --strict), 2 fail, 3 could not validate."})
public final class ValidateCommand implements Callable<Integer> {
    /** The exit code when there is no report: 1 already means "warnings" under --strict. */
    public static final int COULD_NOT_VALIDATE = 3;
    /** The longest sampling window accepted. */
    static final Duration MAX_SAMPLE = Duration.ofMinutes(10);
    /** The pause between two factory-default logins: gentle enough for any camera's lock-out. */
    static final Duration LOGIN_INTERVAL = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Parameters(index = "0", paramLabel = "HOST[:PORT]|RTSP-URL",
            description = "The camera's ONVIF address (e.g. 192.168.1.64:80) or a stream URL (rtsp://...).")
    String target;

    @Option(names = "--standard", paramLabel = "NAME|FILE", defaultValue = StandardsLoader.DEFAULT,
            description = "A bundled standard (safe-city-baseline, safe-city-evidence) or a standards file. "
                    + "Default: ${DEFAULT-VALUE}.")
    String standard;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as a self-contained page.")
    Path html;

    @Option(names = "--strict", description = "Exit 1 when the camera passes only with warnings.")
    boolean strict;

    @Mixin
    CameraLoginOptions login = new CameraLoginOptions();

    @Option(names = "--sample", defaultValue = "10s",
            description = "How long to sample each stream. Default: ${DEFAULT-VALUE}.")
    String sample;

    @Option(names = "--timeout", defaultValue = "10s",
            description = "Limit for each network call and for a stream's first frame. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Option(names = "--hfov", paramLabel = "DEG", description = "Horizontal field of view, degrees (with --distance).")
    Double hfov;

    @Option(names = "--distance", paramLabel = "M", description = "Distance to the target, metres (with --hfov).")
    Double distance;

    @Option(names = "--no-credential-check",
            description = "Do not try the factory-default logins (the report then cannot vouch for them).")
    boolean noCredentialCheck;

    Function<String, String> environment = System::getenv;

    @Override
    public Integer call() {
        common.applyLogLevel();
        try {
            return validate();
        } catch (GatewayException e) {
            spec.commandLine().getErr().println("error: " + ErrorReporter.oneLine(e));
            spec.commandLine().getErr().flush();
            LoggerFactory.getLogger(ValidateCommand.class).debug("validate failed", e);
            return COULD_NOT_VALIDATE;
        }
    }

    private int validate() {
        StandardsProfile profile = new StandardsLoader().resolve(standard);
        Duration window = duration("--sample", sample, MAX_SAMPLE);
        Duration limit = duration("--timeout", timeout, Duration.ofMinutes(2));
        Optional<Placement> placement = placement(hfov, distance);
        boolean url = ProbeTargets.isStreamUrl(target);
        Credentials credentials = login.credentials(environment);
        URI streamUrl = null;
        if (url) {
            streamUrl = parseUrl(target);
            if (credentials.isEmpty()) {
                credentials = RtspUrls.credentials(streamUrl).map(c -> new Credentials(c.username(), c.password()))
                        .orElse(credentials);
            }
        }
        CameraFactsCollector.Settings settings = new CameraFactsCollector.Settings(credentials, window, limit,
                !noCredentialCheck, LOGIN_INTERVAL, placement);
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        CameraFactsCollector.Collected collected;
        try {
            CameraFactsCollector collector = new CameraFactsCollector(group, Clock.SYSTEM, settings);
            collected = url ? collector.collect(streamUrl) : collector.collect(ProbeCommand.parseTarget(target));
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        ComplianceReport report = ValidationEngine.withBundledData().evaluate(profile, collected.facts(),
                Instant.now());
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            out.println(ReportJson.render(report));
        } else {
            out.print(ReportText.render(report));
            for (String note : collected.notes()) {
                out.println("note: " + note);
            }
            if (noCredentialCheck) {
                out.println("note: factory-default logins were not tried (--no-credential-check)");
            }
        }
        out.flush();
        if (html != null) {
            writeHtml(html, ReportHtml.render(report));
        }
        return report.exitCode(strict);
    }

    private static void writeHtml(Path file, String page) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(dir, ".validate-", ".html.tmp");
            try {
                Files.writeString(tmp, page, StandardCharsets.UTF_8);
                Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new GatewayException("cannot write the HTML report to " + file + ": " + e.getMessage(),
                    "check that the folder exists and is writable", e);
        }
    }

    static URI parseUrl(String text) {
        return ProbeTargets.streamUrl(text);
    }

    static Duration duration(String option, String text, Duration max) {
        Duration d;
        try {
            d = HumanDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new GatewayException(option + ": " + e.getMessage(), "e.g. " + option + " 10s", e);
        }
        // HumanDuration counts whole milliseconds and no negatives: anything from 1ms up to max is accepted.
        if (d.isZero() || d.compareTo(max) > 0) {
            throw new GatewayException(option + " " + text + " is outside 1ms.." + HumanDuration.format(max),
                    "e.g. " + option + " 10s");
        }
        return d;
    }

    static Optional<Placement> placement(Double hfov, Double distance) {
        if (hfov == null && distance == null) {
            return Optional.empty();
        }
        if (hfov == null || distance == null) {
            throw new GatewayException("--hfov and --distance go together",
                    "give both, e.g. --hfov 90 --distance 10, or neither");
        }
        try {
            return Optional.of(new Placement(hfov, distance));
        } catch (IllegalArgumentException e) {
            throw new GatewayException(e.getMessage(), "--hfov is in degrees (0..180), --distance in metres", e);
        }
    }
}
