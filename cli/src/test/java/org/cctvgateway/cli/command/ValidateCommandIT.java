package org.cctvgateway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Clock;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cctvgateway.cli.simulator.CameraSimulator;
import org.cctvgateway.cli.simulator.Clip;
import org.cctvgateway.cli.validation.CameraFactsCollector;
import org.cctvgateway.cli.validation.CredentialCheck;
import org.cctvgateway.media.Codec;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.spi.ProbeTarget;
import org.cctvgateway.validation.CameraFacts;
import org.cctvgateway.validation.ComplianceReport;
import org.cctvgateway.validation.ExposedAccount;
import org.cctvgateway.validation.Outcome;
import org.cctvgateway.validation.RuleResult;
import org.cctvgateway.validation.StandardsLoader;
import org.cctvgateway.validation.StandardsProfile;
import org.cctvgateway.validation.ValidationEngine;
import org.cctvgateway.validation.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Simulated ONVIF cameras, each set up to break one rule of a small test standard (too low a
 * resolution, a long GOP, a wrong clock, a factory-default password, H.265 where H.264 is required,
 * a bitrate below the window, a weak password), measured by the real collector (sampling through the RTSP client,
 * the login checks, the ONVIF probe) and judged by the engine: each break is caught by its rule and
 * only by it, and the compliant camera passes. Then the command line: exit codes, JSON, the HTML page.
 *
 * <p>The cameras run side by side and are measured at the same time, with 4 s windows; the login
 * check runs at 20 a second here (the command's pace is one a second) because these are our own
 * simulated cameras.
 */
class ValidateCommandIT {
    private static final String USER = "operator";
    private static final String PASSWORD = "Sim-Camera-Pw-7319";
    private static final Duration WINDOW = Duration.ofSeconds(4);
    /** Weak only for being short (not common, not a default, not a run): breaks weak-credentials alone. */
    private static final String WEAK_PASSWORD = "Kx9zQ";

    private static MultiThreadIoEventLoopGroup group;
    private static final Map<String, CameraSimulator> cameras = new LinkedHashMap<>();
    private static final Map<String, Credentials> logins = new LinkedHashMap<>();
    private static final Map<String, ComplianceReport> reports = new LinkedHashMap<>();
    private static final Map<String, CameraFacts> facts = new LinkedHashMap<>();
    private static final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
            new ch.qos.logback.core.read.ListAppender<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void startCamerasAndMeasureThem() throws Exception {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        Credentials login = new Credentials(USER, PASSWORD);
        start("compliant", ValidationClips.COMPLIANT, login, Duration.ZERO);
        start("low-resolution", ValidationClips.LOW_RESOLUTION, login, Duration.ZERO);
        start("long-gop", ValidationClips.LONG_GOP, login, Duration.ZERO);
        start("wrong-clock", ValidationClips.COMPLIANT, login, Duration.ofMinutes(7));
        start("default-password", ValidationClips.COMPLIANT, new Credentials("admin", "12345"), Duration.ZERO);
        start("h265", ValidationClips.H265, login, Duration.ZERO);
        start("low-bitrate", ValidationClips.LOW_BITRATE, login, Duration.ZERO);
        start("weak-password", ValidationClips.COMPLIANT, new Credentials(USER, WEAK_PASSWORD), Duration.ZERO);

        ch.qos.logback.classic.Logger gateway = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("org.cctvgateway");
        logs.start();
        gateway.addAppender(logs);
        StandardsProfile standard = new StandardsLoader().load(resource("test-standard.yaml"));
        ValidationEngine engine = ValidationEngine.withBundledData();
        ExecutorService pool = Executors.newFixedThreadPool(cameras.size());
        try {
            Map<String, Future<CameraFactsCollector.Collected>> running = new LinkedHashMap<>();
            for (String name : cameras.keySet()) {
                CameraFactsCollector collector = new CameraFactsCollector(group, Clock.SYSTEM,
                        new CameraFactsCollector.Settings(logins.get(name), WINDOW, Duration.ofSeconds(5), true,
                                Duration.ofMillis(50), Optional.empty()));
                running.put(name, pool.submit(() -> collector.collect(onvifTarget(name))));
            }
            for (Map.Entry<String, Future<CameraFactsCollector.Collected>> e : running.entrySet()) {
                CameraFactsCollector.Collected c = e.getValue().get(60, TimeUnit.SECONDS);
                reports.put(e.getKey(), engine.evaluate(standard, c.facts(), Instant.now()));
                facts.put(e.getKey(), c.facts());
            }
        } finally {
            pool.shutdownNow();
            gateway.detachAppender(logs);
        }
    }

    private static void start(String name, ValidationClips.Spec spec, Credentials login, Duration clockOffset)
            throws Exception {
        Path file = ValidationClips.make(spec);
        Clip clip = Clip.fromFile(file, spec.hevc() ? Codec.H265 : Codec.H264, 25);
        cameras.put(name, CameraSimulator.start(1, "127.0.0.1", 0, clip, Optional.of(login),
                new CameraSimulator.OnvifOptions(0, Optional.empty(), List.of("pool.ntp.org"), clockOffset), group,
                Clock.SYSTEM));
        logins.put(name, login);
    }

    private static ProbeTarget onvifTarget(String name) {
        URI xaddr = cameras.get(name).cameras().get(0).onvif().orElseThrow().xaddr();
        return ProbeTarget.of(xaddr.getHost(), xaddr.getPort());
    }

    private static String address(String name) {
        return onvifTarget(name).display();
    }

    private static Path resource(String name) throws Exception {
        return Path.of(ValidateCommandIT.class.getResource(name).toURI());
    }

    @AfterAll
    static void stop() {
        cameras.values().forEach(CameraSimulator::close);
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    static Stream<Arguments> breaks() {
        return Stream.of(
                Arguments.of("compliant", Set.of()),
                Arguments.of("low-resolution", Set.of("main-resolution")),
                Arguments.of("long-gop", Set.of("main-gop")),
                Arguments.of("wrong-clock", Set.of("clock")),
                Arguments.of("default-password", Set.of("default-credentials")),
                Arguments.of("h265", Set.of("main-codec")),
                Arguments.of("low-bitrate", Set.of("main-bitrate")),
                Arguments.of("weak-password", Set.of("weak-credentials")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("breaks")
    void eachBreakIsCaughtByItsRuleAndOnlyByIt(String camera, Set<String> expected) {
        ComplianceReport report = reports.get(camera);
        Set<String> attention = report.results().stream().filter(RuleResult::needsAttention)
                .map(RuleResult::ruleId).collect(Collectors.toSet());
        assertThat(attention).as(describe(report)).isEqualTo(expected);
        assertThat(report.verdict()).isEqualTo(expected.isEmpty() ? Verdict.PASS : Verdict.FAIL);
    }

    @Test
    void theDefaultPasswordIsReportedByAccountAndServiceNeverByPassword() {
        assertThat(facts.get("default-password").defaultCredentials()).containsExactlyInAnyOrder(
                new ExposedAccount("admin", "rtsp"), new ExposedAccount("admin", "onvif"));
        assertThat(facts.get("compliant").defaultCredentials()).isEmpty();
        assertThat(facts.get("compliant").unauthenticatedAccess()).isEmpty();
        assertThat(describe(reports.get("default-password"))).doesNotContain("12345");
        assertThat(logs.list).as("log lines while measuring").isNotEmpty()
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).doesNotContain("12345").doesNotContain(PASSWORD)
                        .doesNotContain(WEAK_PASSWORD))
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("factory-default login of user 'admin'"));
    }

    @Test
    void theWeakPasswordIsJudgedInPlainWordsAndTheDefaultOneIsLeftToItsOwnRule() {
        RuleResult weak = result("weak-password", "weak-credentials");
        assertThat(weak.measured()).isEqualTo("weak: shorter than 10 characters");
        assertThat(weak.message()).contains("user 'operator'");
        assertThat(result("compliant", "weak-credentials").outcome()).isEqualTo(Outcome.PASS);
        assertThat(result("default-password", "weak-credentials").outcome()).isEqualTo(Outcome.NOT_APPLICABLE);
        assertThat(describe(reports.get("weak-password"))).doesNotContain(WEAK_PASSWORD);
    }

    @Test
    void noReportFormatEverShowsTheWeakPassword() throws Exception {
        Path page = tmp.resolve("weak.html");
        Run json = validate("weak-password", "--standard", path("test-standard.yaml"), "--sample", "2s",
                "--no-credential-check", "--json", "--html", page.toString());
        Run text = validate("weak-password", "--standard", path("test-standard.yaml"), "--sample", "2s",
                "--no-credential-check");
        assertThat(json.exit).as(json.err).isEqualTo(2);
        assertThat(text.exit).as(text.err).isEqualTo(2);
        assertThat(json.out).contains("weak-credentials").doesNotContain(WEAK_PASSWORD);
        assertThat(text.out).contains("weak-credentials").doesNotContain(WEAK_PASSWORD);
        assertThat(json.err + text.err).doesNotContain(WEAK_PASSWORD);
        assertThat(Files.readString(page)).contains("weak-credentials").doesNotContain(WEAK_PASSWORD);
    }

    private static RuleResult result(String camera, String ruleId) {
        return reports.get(camera).results().stream().filter(r -> r.ruleId().equals(ruleId)).findFirst()
                .orElseThrow();
    }

    @Test
    void aWrongClockShowsInTheOnvifTimeAndInTheSenderReports() {
        CameraFacts wrong = facts.get("wrong-clock");
        assertThat(wrong.clockOffset().orElseThrow().toSeconds()).isBetween(415L, 425L);
        assertThat(wrong.stream("main").orElseThrow().clockDriftSeconds()).isBetween(415.0, 425.0);
        assertThat(facts.get("compliant").stream("main").orElseThrow().clockDriftSeconds()).isBetween(-2.0, 2.0);
    }

    @Test
    void aCameraWithoutALoginIsReportedAsOpenOverRtspAndOnvif() throws Exception {
        try (CameraSimulator open = CameraSimulator.start(1, "127.0.0.1", 0, Clip.bundled(Codec.H264),
                Optional.empty(), new CameraSimulator.OnvifOptions(0, Optional.empty()), group, Clock.SYSTEM)) {
            URI xaddr = open.cameras().get(0).onvif().orElseThrow().xaddr();
            CredentialCheck.Target target = new CredentialCheck.Target(
                    Optional.of(URI.create(open.cameras().get(0).url())),
                    Optional.of(ProbeTarget.of(xaddr.getHost(), xaddr.getPort())), "");
            assertThat(new CredentialCheck(Duration.ofMillis(50), Duration.ofSeconds(5)).anonymousAccess(target))
                    .containsExactly("rtsp DESCRIBE", "onvif GetProfiles");
        }
    }

    @Test
    void compliantCameraPassesOnTheCommandLineWithExitZero() {
        Run run = validate("compliant", "--standard", path("test-standard.yaml"), "--sample", "4s",
                "--no-credential-check");
        assertThat(run.exit).as(run.err).isZero();
        assertThat(run.out).contains("main-resolution");
    }

    @Test
    void failingCameraExitsTwoAndWritesAnHtmlPageWithTheVerdict() throws Exception {
        Path page = tmp.resolve("report.html");
        Run run = validate("default-password", "--standard", path("test-standard.yaml"), "--sample", "4s",
                "--json", "--html", page.toString());
        assertThat(run.exit).as(run.err).isEqualTo(2);
        JsonNode json = new ObjectMapper().readTree(run.out);
        assertThat(json.toString()).contains("default-credentials").doesNotContain("12345");
        String html = Files.readString(page);
        assertThat(html).contains("<html").containsIgnoringCase("fail").contains("default-credentials")
                .doesNotContain("12345");
    }

    @Test
    void warningsOnlyExitZeroAndOneWithStrict() {
        Run lenient = validate("low-resolution", "--standard", path("warn-standard.yaml"), "--sample", "3s",
                "--no-credential-check");
        Run strict = validate("low-resolution", "--standard", path("warn-standard.yaml"), "--sample", "3s",
                "--no-credential-check", "--strict");
        assertThat(lenient.exit).as(lenient.err).isZero();
        assertThat(strict.exit).as(strict.err).isEqualTo(1);
    }

    @Test
    void aBadStandardFileOrAnUnreachableCameraExitThreeWithOneErrorLine() {
        Run bad = validate("compliant", "--standard", path("bad-standard.yaml"));
        assertThat(bad.exit).isEqualTo(ValidateCommand.COULD_NOT_VALIDATE);
        assertThat(bad.err.strip().lines()).hasSize(1).first().asString().startsWith("error: ").contains("colour");
        Run unreachable = run("127.0.0.1:1", "--standard", path("test-standard.yaml"), "--timeout", "2s");
        assertThat(unreachable.exit).isEqualTo(ValidateCommand.COULD_NOT_VALIDATE);
        assertThat(unreachable.err.strip().lines()).hasSize(1).first().asString().startsWith("error: ");
    }

    private record Run(int exit, String out, String err) {
    }

    private Run validate(String camera, String... args) {
        List<String> all = new ArrayList<>(List.of(address(camera), "--user", logins.get(camera).username(),
                "--password-env", "CAM_PW"));
        all.addAll(List.of(args));
        return execute(logins.get(camera).password(), all.toArray(String[]::new));
    }

    private Run run(String target, String... args) {
        List<String> all = new ArrayList<>(List.of(target));
        all.addAll(List.of(args));
        return execute("", all.toArray(String[]::new));
    }

    private Run execute(String password, String[] args) {
        ValidateCommand command = new ValidateCommand();
        command.environment = Map.of("CAM_PW", password)::get;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static String path(String name) {
        try {
            return resource(name).toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String describe(ComplianceReport report) {
        StringBuilder b = new StringBuilder(report.camera()).append(": ");
        for (RuleResult r : report.results()) {
            b.append(r.ruleId()).append('=').append(r.outcome()).append(" [").append(r.measured()).append(" / ")
                    .append(r.declared()).append("] ");
        }
        return b.toString();
    }
}
