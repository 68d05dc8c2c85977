package org.cctvgateway.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.cctvgateway.GatewayException;
import org.cctvgateway.cli.connect.AgencyCertificate;
import org.cctvgateway.cli.connect.AgencyConnector;
import org.cctvgateway.cli.connect.ConnectionEvent;
import org.cctvgateway.cli.connect.ConnectorOptions;
import org.cctvgateway.cli.connect.GatewayTrust;
import org.cctvgateway.cli.connect.HostAndPort;
import org.cctvgateway.cli.output.JsonLines;
import org.cctvgateway.config.HumanDuration;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cctv-gateway connect}: the agency's connector, plain RTSP on loopback to the gateway over mutual TLS. */
@Command(name = "connect", mixinStandardHelpOptions = true,
        description = "Lets any player watch a gateway's streams under your agency's certificate: listens for plain "
                + "RTSP on 127.0.0.1:8554 and carries each connection to the gateway over mutual TLS. The video "
                + "comes inside that connection (RTSP over TCP); a player asking for RTP over UDP is answered 461 "
                + "and retries over TCP (ffmpeg does; -rtsp_transport tcp skips the try).")
public final class ConnectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--agency-cert", paramLabel = "FILE", required = true,
            description = "Your agency's certificate from the gateway operator: a PKCS#12 file (.p12) or a PEM "
                    + "certificate.")
    Path agencyCert;

    @Option(names = "--agency-key", paramLabel = "FILE",
            description = "PEM private key of a PEM --agency-cert. Default: a key in the same file, else the same "
                    + "base name ending .key.pem.")
    Path agencyKey;

    @Option(names = "--agency-cert-password-env", paramLabel = "VAR",
            defaultValue = AgencyCertificate.DEFAULT_PASSWORD_ENV,
            description = "Environment variable holding the PKCS#12 password. Default: ${DEFAULT-VALUE}.")
    String passwordEnv;

    @Option(names = "--gateway", paramLabel = "HOST[:PORT]", required = true,
            description = "The gateway's RTSPS address; the port defaults to 8322.")
    String gateway;

    @Option(names = "--gateway-ca", paramLabel = "FILE",
            description = "The gateway's CA certificate (its pki/ca.crt.pem), to check the gateway's certificate.")
    Path gatewayCa;

    @Option(names = "--gateway-fingerprint", paramLabel = "HEX",
            description = "The SHA-256 fingerprint of the gateway's certificate, as the gateway prints it; pins that "
                    + "certificate (with --gateway-ca, both must hold).")
    String gatewayFingerprint;

    @Option(names = "--no-hostname-check",
            description = "With --gateway-ca: accept a gateway certificate that does not name the --gateway host "
                    + "(reached through NAT or a VPN). The CA check stays.")
    boolean noHostnameCheck;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8554",
            description = "Where players connect; loopback only unless --allow-remote. Default: ${DEFAULT-VALUE}.")
    String listen;

    @Option(names = "--allow-remote",
            description = "Accept a --listen address other than loopback. Anyone reaching it watches under your "
                    + "certificate with no login: only on a network you control.")
    boolean allowRemote;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "32",
            description = "Player connections carried at once. Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "Time the gateway has to accept a connection and finish TLS. Default: ${DEFAULT-VALUE}.")
    String connectTimeout;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "0s",
            description = "Stop after this long (e.g. 1h); 0s runs until Ctrl-C. Default: ${DEFAULT-VALUE}.")
    String duration;

    /** Environment lookup; tests in this package replace it. */
    Function<String, String> env = System::getenv;

    @Override
    public Integer call() throws Exception {
        common.applyLogLevel();
        Duration runFor = SimulateCommand.parseDuration(duration);
        Duration timeout = parseTimeout(connectTimeout);
        if (maxConnections < 1 || maxConnections > 4096) {
            throw new GatewayException("--max-connections " + maxConnections + " is outside 1..4096",
                    "give a number from 1 to 4096");
        }
        HostAndPort gw = HostAndPort.parse(gateway, ConnectorOptions.GATEWAY_PORT, "--gateway");
        if (gw.port() == 0) {
            throw new GatewayException("--gateway " + gateway + ": port 0 is not a gateway port",
                    "give the gateway's RTSPS port, 8322 by default");
        }
        HostAndPort at = HostAndPort.parse(listen, ConnectorOptions.DEFAULT_LISTEN.port(), "--listen");
        ConnectorOptions options = new ConnectorOptions(at, gw, allowRemote, maxConnections, timeout, timeout);
        GatewayTrust trust = GatewayTrust.of(Optional.ofNullable(gatewayCa), Optional.ofNullable(gatewayFingerprint),
                !noHostnameCheck);
        AgencyCertificate agency = AgencyCertificate.load(agencyCert, Optional.ofNullable(agencyKey), passwordEnv, env);
        agency.checkValidity(Instant.now()).ifPresent(w -> LoggerFactory.getLogger(ConnectCommand.class).warn(w));
        PrintWriter out = spec.commandLine().getOut();
        try (Lifetime life = new Lifetime()) {
            // Events come on event loops, which must not wait on a slow standard output: one thread prints.
            ExecutorService printer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "connect-output");
                t.setDaemon(true);
                return t;
            });
            life.own(printer::shutdown);
            AgencyConnector connector = life.own(AgencyConnector.start(options, agency, trust, null,
                    common.json ? event -> printer.execute(() -> printEvent(out, event)) : event -> { }));
            String local = "rtsp://" + new HostAndPort(connector.localAddress().getAddress().getHostAddress(),
                    connector.localAddress().getPort());
            String remote = "rtsps://" + gw;
            if (common.json) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("event", "listening");
                line.put("listen", local);
                line.put("gateway", remote);
                line.put("agency", agency.agency());
                line.put("serial", agency.serialHex());
                line.put("notAfter", agency.notAfter().toString());
                line.put("trust", trust.describe());
                JsonLines.print(out, line);
            } else {
                out.println("Listening on " + local + " for agency '" + agency.agency() + "' (certificate serial "
                        + agency.serialHex() + ", valid until " + agency.notAfter() + "), forwarding to " + remote
                        + " over mutual TLS.");
                out.println("Gateway certificate checked against " + trust.describe() + ".");
                out.println("Watch with: ffmpeg -rtsp_transport tcp -i " + local + "/<site>/<camera>/main -c copy "
                        + "out.mp4  (or ffplay/VLC with RTSP over TCP: RTP over UDP would leave the TLS connection, so "
                        + "the connector refuses it)");
                out.println("Press Ctrl-C to stop.");
            }
            out.flush();
            life.await(runFor);
        }
        return 0;
    }

    private static Duration parseTimeout(String text) {
        Duration d;
        try {
            d = HumanDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new GatewayException("--connect-timeout: " + e.getMessage(), "e.g. --connect-timeout 10s", e);
        }
        if (d.isZero()) {
            throw new GatewayException("--connect-timeout 0s leaves the gateway no time", "e.g. --connect-timeout 10s");
        }
        return d;
    }

    /** One JSON line per connection event. */
    static void printEvent(PrintWriter out, ConnectionEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        if (event instanceof ConnectionEvent.Opened o) {
            line.put("event", "open");
            line.put("id", o.id());
            line.put("player", o.player().getAddress().getHostAddress() + ":" + o.player().getPort());
        } else if (event instanceof ConnectionEvent.Closed c) {
            line.put("event", "close");
            line.put("id", c.id());
            line.put("player", c.player().getAddress().getHostAddress() + ":" + c.player().getPort());
            line.put("bytesToGateway", c.bytesToGateway());
            line.put("bytesFromGateway", c.bytesFromGateway());
            line.put("millis", c.duration().toMillis());
            c.failure().ifPresent(f -> line.put("error", f));
        } else if (event instanceof ConnectionEvent.Refused r) {
            line.put("event", "refused");
            line.put("player", r.player().getAddress().getHostAddress() + ":" + r.player().getPort());
            line.put("error", "over --max-connections " + r.limit());
        }
        JsonLines.print(out, line);
    }
}
