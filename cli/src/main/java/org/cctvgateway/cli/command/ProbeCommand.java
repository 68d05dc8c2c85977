package org.cctvgateway.cli.command;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.cctvgateway.GatewayException;
import org.cctvgateway.cli.runtime.ProbeTargets;
import org.cctvgateway.cli.output.JsonLines;
import org.cctvgateway.cli.runtime.StreamCheck;
import org.cctvgateway.config.HumanDuration;
import org.cctvgateway.spi.AdapterContext;
import org.cctvgateway.spi.CameraAdapter;
import org.cctvgateway.spi.CameraAdapterProvider;
import org.cctvgateway.spi.CameraDescription;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.spi.MatchConfidence;
import org.cctvgateway.spi.MediaProfile;
import org.cctvgateway.spi.ProbeRequest;
import org.cctvgateway.spi.ProbeResult;
import org.cctvgateway.spi.ProbeTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cctv-gateway probe HOST[:PORT]}: asks the best-matching camera adapter to describe the
 * camera, prints identity, clock offset, services and profiles, and checks that each profile's
 * stream answers DESCRIBE. Exit 0 when all is well, 1 with one {@code error:} line otherwise.
 */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Describe a camera (make, model, profiles, stream URIs) and check its streams answer.")
public final class ProbeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST[:PORT]", description = "The camera's address, e.g. 192.168.1.64:80.")
    String address;

    @Mixin
    CameraLoginOptions login = new CameraLoginOptions();

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--timeout", defaultValue = "10s", description = "Limit for each network call (default 10s).")
    String timeout;

    @Option(names = "--no-check", description = "Do not check that each stream answers DESCRIBE.")
    boolean noCheck;

    @Override
    public Integer call() {
        Duration limit = parseTimeout(timeout);
        ProbeTarget target = parseTarget(address);
        Credentials credentials = login.credentials(System::getenv);
        CameraAdapterProvider provider = bestProvider(target);
        ProbeResult result;
        AdapterContext context = new AdapterContext(io.micrometer.core.instrument.Clock.SYSTEM, limit,
                java.util.concurrent.ForkJoinPool.commonPool(), AdapterContext.DEFAULT_MAX_REPLY_BYTES);
        try (CameraAdapter adapter = provider.create(context)) {
            result = adapter.probe(new ProbeRequest(target, credentials, limit));
        }
        if (!(result instanceof ProbeResult.Ok ok)) {
            throw new GatewayException(result.message(), result.hint());
        }
        CameraDescription d = ok.description();
        List<Optional<String>> checks = noCheck ? List.of() : check(d, credentials, limit);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonLines.print(out, toJson(d, checks));
        } else {
            printText(out, d, checks);
        }
        boolean failed = checks.stream().anyMatch(Optional::isPresent);
        if (failed) {
            spec.commandLine().getErr().println("error: " + checks.stream().flatMap(Optional::stream).findFirst()
                    .orElse("") + " (the camera described its streams but one does not answer; check the RTSP port "
                    + "and that the user may view live video)");
        }
        return failed ? 1 : 0;
    }

    static ProbeTarget parseTarget(String text) {
        return ProbeTargets.parse(text);
    }

    static Credentials credentials(String user, String passwordEnv, java.util.function.Function<String, String> env) {
        if (user == null && passwordEnv == null) {
            return Credentials.none();
        }
        if (user == null) {
            throw new GatewayException("--password-env needs --user", "pass both, e.g. --user admin --password-env CAM_PW");
        }
        if (passwordEnv == null) {
            return new Credentials(user, "");
        }
        String pw = env.apply(passwordEnv);
        if (pw == null) {
            throw new GatewayException("environment variable " + passwordEnv + " is not set",
                    "export " + passwordEnv + " with the camera's password first");
        }
        return new Credentials(user, pw);
    }

    private static Duration parseTimeout(String text) {
        try {
            Duration d = HumanDuration.parse(text);
            if (d.isZero()) {
                throw new IllegalArgumentException("'" + text + "' is not positive");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new GatewayException("--timeout: " + e.getMessage(), "e.g. --timeout 10s", e);
        }
    }

    static CameraAdapterProvider bestProvider(ProbeTarget target) {
        List<CameraAdapterProvider> providers = new ArrayList<>();
        ServiceLoader.load(CameraAdapterProvider.class).forEach(providers::add);
        return providers.stream().filter(p -> p.match(target) != MatchConfidence.NONE)
                .max(Comparator.comparing(p -> p.match(target)))
                .orElseThrow(() -> new GatewayException("no camera adapter can handle " + target.display(),
                        "this build has no adapter for it; add the camera by its RTSP URL"));
    }

    private static List<Optional<String>> check(CameraDescription d, Credentials c, Duration limit) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            List<Optional<String>> out = new ArrayList<>();
            for (MediaProfile p : d.profiles()) {
                out.add(StreamCheck.check(p.streamUri(), c.username(), c.password(), limit, group));
            }
            return out;
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    static Map<String, Object> toJson(CameraDescription d, List<Optional<String>> checks) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("adapter", d.adapterId());
        var id = d.identity();
        o.put("identity", Map.of("manufacturer", id.manufacturer(), "model", id.model(), "firmware", id.firmware(),
                "serial", id.serial(), "hardwareId", id.hardwareId(), "mac", id.mac()));
        d.clockOffset().ifPresent(off -> o.put("clockOffsetMillis", off.toMillis()));
        var s = d.services();
        Map<String, Object> services = new LinkedHashMap<>();
        s.httpPort().ifPresent(p -> services.put("httpPort", p));
        s.httpsPort().ifPresent(p -> services.put("httpsPort", p));
        s.rtspPort().ifPresent(p -> services.put("rtspPort", p));
        services.put("ntpServers", s.ntpServers());
        services.put("ntpFromDhcp", s.ntpFromDhcp());
        services.put("onvifProfiles", s.onvifProfiles());
        o.put("services", services);
        List<Map<String, Object>> profiles = new ArrayList<>();
        for (int i = 0; i < d.profiles().size(); i++) {
            MediaProfile p = d.profiles().get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("token", p.token());
            m.put("encoding", p.encoding());
            m.put("width", p.width());
            m.put("height", p.height());
            m.put("frameRateLimit", p.frameRateLimit());
            m.put("bitrateLimitKbps", p.bitrateLimitKbps());
            m.put("gopLength", p.gopLength());
            m.put("streamUri", p.streamUri().toString());
            p.snapshotUri().ifPresent(u -> m.put("snapshotUri", u.toString()));
            if (i < checks.size()) {
                m.put("streamCheck", checks.get(i).orElse("ok"));
            }
            profiles.add(m);
        }
        o.put("profiles", profiles);
        return o;
    }

    private static void printText(PrintWriter out, CameraDescription d, List<Optional<String>> checks) {
        var id = d.identity();
        out.printf("%s %s  firmware %s  serial %s  mac %s%n", id.manufacturer(), id.model(), id.firmware(),
                id.serial(), id.mac().isEmpty() ? "-" : id.mac());
        d.clockOffset().ifPresent(off -> out.printf("clock offset: %+.1f s%s%n", off.toMillis() / 1000.0,
                off.abs().toMinutes() >= 2 ? "  (set the camera's time or enable NTP on it)" : ""));
        var s = d.services();
        out.printf("services: http %s  https %s  rtsp %s  ntp %s%s  onvif profiles %s%n", opt(s.httpPort()),
                opt(s.httpsPort()), opt(s.rtspPort()), s.ntpServers().isEmpty() ? "-" : String.join(",", s.ntpServers()),
                s.ntpFromDhcp() ? " (dhcp)" : "", s.onvifProfiles().isEmpty() ? "-" : String.join(",",
                        s.onvifProfiles()));
        for (int i = 0; i < d.profiles().size(); i++) {
            MediaProfile p = d.profiles().get(i);
            out.printf("profile %s (%s): %s %dx%d %s fps %s kbit/s gop %s%n  %s%s%n", p.name(), p.token(),
                    p.encoding().isEmpty() ? "?" : p.encoding(), p.width(), p.height(),
                    p.frameRateLimit() == 0 ? "?" : String.valueOf(p.frameRateLimit()),
                    p.bitrateLimitKbps() == 0 ? "?" : String.valueOf(p.bitrateLimitKbps()),
                    p.gopLength() == 0 ? "?" : String.valueOf(p.gopLength()), p.streamUri(),
                    i < checks.size() ? "  [" + checks.get(i).map(e -> "FAILED: " + e).orElse("answers DESCRIBE") + "]"
                            : "");
        }
        out.flush();
    }

    private static String opt(java.util.OptionalInt v) {
        return v.isPresent() ? Integer.toString(v.getAsInt()) : "-";
    }
}
