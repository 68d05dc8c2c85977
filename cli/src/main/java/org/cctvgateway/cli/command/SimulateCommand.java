package org.cctvgateway.cli.command;

import io.micrometer.core.instrument.Clock;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.GatewayException;
import org.cctvgateway.cli.output.JsonLines;
import org.cctvgateway.cli.simulator.CameraSimulator;
import org.cctvgateway.cli.simulator.Clip;
import org.cctvgateway.config.HumanDuration;
import java.net.InetAddress;
import java.net.NetworkInterface;
import org.cctvgateway.media.Codec;
import org.cctvgateway.spi.Credentials;
import org.slf4j.LoggerFactory;
import org.cctvgateway.cli.simulator.CameraAuth;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cctv-gateway simulate}: simulated IP cameras on this machine. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Runs simulated IP cameras on 127.0.0.1.",
                       "Each is an RTSP server looping a clip and an ONVIF device found by WS-Discovery and mDNS.",
                       "Camera i serves rtsp://127.0.0.1:(PORT+i-1)/live",
                       "and ONVIF at http://127.0.0.1:(ONVIF-PORT+i-1)/onvif/device_service."})
public final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--cameras", defaultValue = "1",
            description = "How many cameras (1..256). Default: ${DEFAULT-VALUE}.")
    int cameras;

    @Option(names = "--port", defaultValue = "8554",
            description = "Port of the first camera; 0 gives each a free port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--codec", defaultValue = "h264",
            description = "h264 or h265 for the bundled clip. Default: ${DEFAULT-VALUE}.")
    String codec;

    @Option(names = "--clip", description = "An Annex B .h264/.h265 file to loop instead of the bundled clip.")
    Path clip;

    @Option(names = "--fps", defaultValue = "25", description = "Frame rate of --clip. Default: ${DEFAULT-VALUE}.")
    double fps;

    @Option(names = "--user", description = "Require this user name (RTSP Digest), like a real camera.")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Environment variable holding the password for --user.")
    String passwordEnv;

    @Option(names = "--duration", defaultValue = "0s",
            description = "Stop after this long (e.g. 30s); 0s runs until Ctrl-C. Default: ${DEFAULT-VALUE}.")
    String duration;

    @Option(names = "--onvif-port", defaultValue = "8000",
            description = "Port of the first camera's ONVIF device service; 0 gives each a free port. "
                    + "Default: ${DEFAULT-VALUE}.")
    int onvifPort;

    @Option(names = "--no-onvif", description = "Serve RTSP only: no ONVIF device service, no discovery.")
    boolean noOnvif;

    @Option(names = "--no-discovery", description = "Do not announce the cameras by WS-Discovery and mDNS.")
    boolean noDiscovery;

    @Option(names = "--clock-offset", defaultValue = "0s",
            description = "Set each camera's clock this far off (e.g. 7m, or -7m for behind): its ONVIF time and "
                    + "its RTCP sender reports. Default: ${DEFAULT-VALUE}.")
    String clockOffset;

    @Option(names = "--ntp-server", paramLabel = "HOST",
            description = "An NTP server the cameras report over ONVIF (repeatable); none by default.")
    java.util.List<String> ntpServers = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        common.applyLogLevel();
        Duration runFor = parseDuration(duration);
        Duration offset = parseOffset(clockOffset);
        if (noOnvif && !offset.isZero()) {
            throw new GatewayException("--clock-offset needs the ONVIF device service", "drop --no-onvif");
        }
        if (cameras < 1 || cameras > 256) {
            throw new GatewayException("--cameras " + cameras + " is outside 1..256", "give a number from 1 to 256");
        }
        if (port < 0 || port > 65535 || (port > 0 && port + cameras - 1 > 65535)) {
            throw new GatewayException("--port " + port + " with " + cameras + " cameras goes past 65535",
                    "give a lower --port");
        }
        Optional<Credentials> login = login(user, passwordEnv);
        Clip loaded = loadClip(clip, codec, fps);
        if (onvifPort < 0 || onvifPort > 65535 || (onvifPort > 0 && onvifPort + cameras - 1 > 65535)) {
            throw new GatewayException("--onvif-port " + onvifPort + " with " + cameras + " cameras goes past 65535",
                    "give a lower --onvif-port");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Lifetime life = new Lifetime()) {
            MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
            life.own(() -> group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS));
            CameraSimulator sim = life.own(noOnvif
                    ? CameraSimulator.start(cameras, bind, port, loaded,
                            login.map(l -> CameraAuth.forUser("simulated camera", l.username(), l.password())), group,
                            Clock.SYSTEM)
                    : CameraSimulator.start(cameras, bind, port, loaded, login,
                            new CameraSimulator.OnvifOptions(onvifPort, noDiscovery ? Optional.empty()
                                    : multicastInterface(bind), ntpServers, offset), group, Clock.SYSTEM));
            for (CameraSimulator.SimulatedCamera c : sim.cameras()) {
                if (common.json) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("camera", c.name());
                    line.put("url", c.url());
                    line.put("codec", loaded.codec().name().toLowerCase(Locale.ROOT));
                    line.put("auth", login.isPresent());
                    c.onvif().ifPresent(o -> {
                        line.put("onvif", o.xaddr().toString());
                        line.put("manufacturer", c.identity().manufacturer());
                        line.put("model", c.identity().model());
                        line.put("serial", c.identity().serial());
                    });
                    JsonLines.print(out, line);
                } else {
                    out.println(c.name() + "  " + c.url() + (login.isPresent() ? "  (user " + user + ")" : "")
                            + c.onvif().map(o -> "  ONVIF " + o.xaddr() + "  " + c.identity().manufacturer() + " "
                            + c.identity().model() + " " + c.identity().serial()).orElse(""));
                }
            }
            if (!common.json) {
                out.println(sim.cameras().size() + " simulated camera(s) running; press Ctrl-C to stop.");
            }
            out.flush();
            life.await(runFor);
        }
        return 0;
    }

    static Duration parseDuration(String text) {
        try {
            return HumanDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new GatewayException("--duration: " + e.getMessage(), "e.g. --duration 30s", e);
        }
    }

    /** A signed duration: {@code 7m} ahead, {@code -7m} behind. */
    static Duration parseOffset(String text) {
        boolean behind = text.startsWith("-");
        try {
            Duration d = HumanDuration.parse(behind ? text.substring(1) : text);
            return behind ? d.negated() : d;
        } catch (IllegalArgumentException e) {
            throw new GatewayException("--clock-offset: " + e.getMessage(), "e.g. --clock-offset 7m or -7m", e);
        }
    }

    /**
     * The interface WS-Discovery and mDNS use for cameras bound to {@code bind}; empty, with one
     * line saying why and what to do, when it cannot carry multicast.
     */
    static Optional<NetworkInterface> multicastInterface(String bind) {
        try {
            InetAddress address = InetAddress.getByName(bind);
            NetworkInterface nif = address.isAnyLocalAddress() ? NetworkInterface.getByName("lo")
                    : NetworkInterface.getByInetAddress(address);
            if (nif != null && nif.isUp() && nif.supportsMulticast()) {
                return Optional.of(nif);
            }
            LoggerFactory.getLogger(SimulateCommand.class).warn("cameras are not announced by WS-Discovery or mDNS: "
                    + "interface {} of {} has no multicast (as root: ip link set {} multicast on)",
                    nif == null ? "?" : nif.getName(), bind, nif == null ? "lo" : nif.getName());
        } catch (java.io.IOException e) {
            LoggerFactory.getLogger(SimulateCommand.class).warn("cameras are not announced: cannot look up the "
                    + "interface of {}: {}", bind, e.getMessage());
        }
        return Optional.empty();
    }

    /** The login the simulated cameras require: empty without --user and --password-env. */
    static Optional<Credentials> login(String user, String passwordEnv) {
        if (user == null && passwordEnv == null) {
            return Optional.empty();
        }
        if (user == null || passwordEnv == null) {
            throw new GatewayException("--user and --password-env go together", "give both, or neither for no login");
        }
        String password = System.getenv(passwordEnv);
        if (password == null || password.isEmpty()) {
            throw new GatewayException("environment variable " + passwordEnv + " is not set or empty",
                    "export " + passwordEnv + "=... before running, so the password stays out of the command line");
        }
        return Optional.of(new Credentials(user, password));
    }

    static Clip loadClip(Path file, String codecName, double fps) {
        if (file != null) {
            return Clip.fromFile(file, Clip.codecFromName(file), fps);
        }
        return Clip.bundled(parseCodec(codecName));
    }

    static Codec parseCodec(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "h264":
                return Codec.H264;
            case "h265":
            case "hevc":
                return Codec.H265;
            default:
                throw new GatewayException("--codec '" + name + "' is not h264 or h265",
                        "give --codec h264 or --codec h265");
        }
    }
}
