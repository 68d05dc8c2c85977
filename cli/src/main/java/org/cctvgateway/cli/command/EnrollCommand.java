package org.cctvgateway.cli.command;

import io.micrometer.core.instrument.Clock;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.cctvgateway.GatewayException;
import org.cctvgateway.cli.output.ErrorReporter;
import org.cctvgateway.cli.output.JsonLines;
import org.cctvgateway.cli.runtime.AuditTrail;
import org.cctvgateway.cli.runtime.Enroller;
import org.cctvgateway.config.GatewayConfig;
import org.cctvgateway.config.HumanDuration;
import org.cctvgateway.registry.Camera;
import org.cctvgateway.registry.ComplianceSummary;
import org.cctvgateway.registry.Consent;
import org.cctvgateway.registry.Facing;
import org.cctvgateway.registry.GeoPoint;
import org.cctvgateway.registry.RegistryStore;
import org.cctvgateway.registry.SharingMode;
import org.cctvgateway.validation.ReportJson;
import org.cctvgateway.validation.ReportText;
import org.cctvgateway.validation.StandardsLoader;
import org.cctvgateway.vault.CredentialsVault;
import org.cctvgateway.vault.VaultKey;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cctv-gateway enroll HOST --site ID --user U --password-env VAR ...}: probes a camera,
 * validates it against a standard, and puts it on record with its password in the vault, its
 * placement and the owner's consent, then shows the {@code rtsps://} URL it is re-published at.
 *
 * <p>Exit codes: 0 enrolled; 1 not enrolled because of an error (unknown site, id taken,
 * camera unreachable, refused login, storage), with one {@code error:} line; 2 usage;
 * {@value #REFUSED} refused by the standard (the camera fails it, or passes only with warnings
 * and {@code --accept-warnings} was not given), with the report.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = {"Validates a camera and puts it on record for re-publishing.",
                       "Probes and measures it against a standard, then records its password in the vault, its",
                       "placement and the owner's consent in the registry, and an audit record; shows its URL.",
                       "Exit 0 enrolled, 1 error, 2 usage, 3 refused by the standard (the report says why)."})
public final class EnrollCommand implements Callable<Integer> {
    /** The exit code of a camera the standard refused. */
    public static final int REFUSED = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    DataDirOptions data = new DataDirOptions();

    @Parameters(index = "0", paramLabel = "HOST[:PORT]|RTSP-URL",
            description = "The camera's ONVIF address (e.g. 192.168.1.64:80) or a stream URL (rtsp://...).")
    String target;

    @Option(names = "--site", required = true, paramLabel = "ID", description = "The site the camera belongs to.")
    String site;

    @Option(names = "--camera-id", paramLabel = "ID",
            description = "The camera's id ([a-z0-9-], e.g. lobby-1). Default: the next free cam-N.")
    String cameraId;

    @Mixin
    CameraLoginOptions login = new CameraLoginOptions();

    @Option(names = "--main-profile", paramLabel = "TOKEN",
            description = "The camera's profile re-published as main (see probe). Default: its first.")
    String mainProfile;

    @Option(names = "--sub-profile", paramLabel = "TOKEN|none",
            description = "The profile re-published as sub, or none. Default: its next profile, if any.")
    String subProfile;

    @Option(names = "--location", paramLabel = "LAT,LON", description = "Where the camera is, e.g. 31.5204,74.3587.")
    String location;

    @Option(names = "--bearing", paramLabel = "DEG", description = "Where it looks, degrees from north (0-360).")
    Double bearing;

    @Option(names = "--hfov", paramLabel = "DEG", description = "Horizontal field of view, degrees.")
    Double hfov;

    @Option(names = "--distance", paramLabel = "M", description = "Distance to the target area, metres.")
    Double distance;

    @Option(names = "--sharing", paramLabel = "MODE",
            description = "What the owner agreed to share: continuous, on-request, emergency-only or off.")
    String sharing;

    @Option(names = "--consent-by", paramLabel = "NAME", description = "Who gave the consent (owner or manager).")
    String consentBy;

    @Option(names = "--consent-expires", paramLabel = "DATE",
            description = "When the consent ends (e.g. 2027-12-31); default: no end.")
    String consentExpires;

    @Option(names = "--consent-note", paramLabel = "TEXT",
            description = "A reference for the consent (form number, email).")
    String consentNote;

    @Option(names = "--standard", paramLabel = "NAME|FILE", defaultValue = StandardsLoader.DEFAULT,
            description = "The standard to pass. Default: ${DEFAULT-VALUE}.")
    String standard;

    @Option(names = "--accept-warnings",
            description = "Enroll a camera that passes only with warnings (a failing one is never enrolled).")
    boolean acceptWarnings;

    @Option(names = "--sample", defaultValue = "10s", description = "How long to measure each stream. "
            + "Default: ${DEFAULT-VALUE}.")
    String sample;

    @Option(names = "--timeout", defaultValue = "10s", description = "Limit of each network step. "
            + "Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Option(names = "--no-credential-check",
            description = "Do not try the factory-default logins (that rule then reads not checked).")
    boolean noCredentialCheck;

    @Option(names = "--vault-passphrase-env", paramLabel = "VAR",
            description = "Environment variable holding the vault passphrase; default: the key file "
                    + "DATA/vault/vault.key (made on first use, mode 0600).")
    String vaultPassphraseEnv;

    @Option(names = "--gateway-host", paramLabel = "NAME",
            description = "The gateway's name or address in the URL shown. Default: this machine's name.")
    String gatewayHost;

    Function<String, String> environment = System::getenv;

    @Override
    public Integer call() {
        common.applyLogLevel();
        try {
            return enroll();
        } catch (GatewayException e) {
            spec.commandLine().getErr().println("error: " + ErrorReporter.oneLine(e));
            spec.commandLine().getErr().flush();
            LoggerFactory.getLogger(EnrollCommand.class).debug("enroll failed", e);
            return 1;
        }
    }

    private int enroll() {
        GatewayConfig cfg = data.config();
        Path dataDir = data.dataDir();
        Instant now = Instant.now();
        Enroller.Request request = new Enroller.Request(target, site, Optional.ofNullable(cameraId),
                login.credentials(environment), geo(location), facing(bearing, hfov, distance),
                consent(sharing, consentBy, consentExpires, consentNote, now),
                new StandardsLoader().resolve(standard), acceptWarnings,
                ValidateCommand.duration("--sample", sample, ValidateCommand.MAX_SAMPLE),
                ValidateCommand.duration("--timeout", timeout, Duration.ofMinutes(2)), !noCredentialCheck,
                ValidateCommand.LOGIN_INTERVAL, AuditTrail.commandLineActor(), Optional.ofNullable(mainProfile),
                Optional.ofNullable(subProfile));
        VaultKey key = VaultKey.resolve(Optional.ofNullable(vaultPassphraseEnv), dataDir, environment);
        RegistryStore registry = RegistryStore.open(dataDir);
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        CredentialsVault[] vault = new CredentialsVault[1];
        Enroller.Outcome outcome;
        try (AuditTrail audit = new AuditTrail(dataDir, java.time.Clock.systemUTC())) {
            Enroller enroller = new Enroller(registry, () -> {
                if (vault[0] == null) {
                    vault[0] = CredentialsVault.open(dataDir, key);
                }
                return vault[0];
            }, audit, group, Clock.SYSTEM);
            outcome = enroller.enroll(request);
        } finally {
            if (vault[0] != null) {
                vault[0].close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        String host = gatewayHost != null ? gatewayHost : localName();
        print(outcome, host, cfg.server().port());
        return outcome instanceof Enroller.Enrolled ? 0 : REFUSED;
    }

    private void print(Enroller.Outcome outcome, String host, int port) {
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Map<String, Object> line = new LinkedHashMap<>();
            if (outcome instanceof Enroller.Enrolled e) {
                line.put("enrolled", true);
                line.put("camera", e.camera().id());
                line.put("site", e.camera().siteId());
                line.put("state", e.camera().state().label());
                line.put("verdict", ComplianceSummary.label(e.report().verdict()));
                line.put("urls", urls(e.camera(), host, port));
            } else {
                Enroller.Refused r = (Enroller.Refused) outcome;
                line.put("enrolled", false);
                line.put("camera", r.cameraId());
                line.put("site", site);
                line.put("verdict", ComplianceSummary.label(r.report().verdict()));
                line.put("reason", r.reason());
                line.put("hint", r.hint());
            }
            line.put("notes", outcome.notes());
            line.put("report", JsonLines.parse(ReportJson.render(outcome.report())));
            JsonLines.print(out, line);
            out.flush();
            return;
        }
        out.print(ReportText.render(outcome.report()));
        outcome.notes().forEach(n -> out.println("note: " + n));
        out.println();
        if (outcome instanceof Enroller.Enrolled e) {
            Camera c = e.camera();
            out.println("Enrolled camera " + c.id() + " at site " + c.siteId() + " ("
                    + ComplianceSummary.label(e.report().verdict()) + "); its password is in the vault.");
            for (String url : urls(c, host, port)) {
                out.println("    " + url);
            }
            if (c.consent().isEmpty()) {
                out.println("Not re-published yet: no consent on record. Record the owner's consent with:");
                out.println("    cctv-gateway cameras consent " + c.id() + " --by NAME --sharing continuous");
            } else {
                out.println("Shared " + c.consent().get().mode().label() + " with the consent of "
                        + c.consent().get().consentedBy() + c.consent().get().expiresAt().map(x -> " until " + x)
                        .orElse("") + ". `cctv-gateway serve` re-publishes it to the agencies the access policy "
                        + "allows.");
            }
        } else {
            Enroller.Refused r = (Enroller.Refused) outcome;
            out.println("Not enrolled: " + r.reason() + ". Next: " + r.hint() + ".");
        }
        out.flush();
    }

    private static List<String> urls(Camera c, String host, int port) {
        List<String> urls = new ArrayList<>();
        for (String role : Enroller.roles(c)) {
            urls.add("rtsps://" + host + ":" + port + "/" + Enroller.path(c, role));
        }
        return urls;
    }

    private static String localName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    static Optional<GeoPoint> geo(String text) {
        return text == null ? Optional.empty() : Optional.of(GeoPoint.parse(text));
    }

    static Optional<Facing> facing(Double bearing, Double hfov, Double distance) {
        if (bearing == null && hfov == null && distance == null) {
            return Optional.empty();
        }
        if (bearing == null || hfov == null || distance == null) {
            throw new GatewayException("--bearing, --hfov and --distance go together",
                    "give all three, e.g. --bearing 90 --hfov 85 --distance 12, or none");
        }
        return Optional.of(new Facing(bearing, hfov, distance));
    }

    /** The consent the options describe; none when neither --sharing nor --consent-by is given. */
    static Optional<Consent> consent(String sharing, String by, String expires, String note, Instant now) {
        if (sharing == null && by == null) {
            if (expires != null || note != null) {
                throw new GatewayException("--consent-expires and --consent-note need --sharing and --consent-by",
                        "give the owner's consent with --sharing MODE --consent-by NAME");
            }
            return Optional.empty();
        }
        if (sharing == null || by == null) {
            throw new GatewayException("--sharing and --consent-by go together",
                    "record who consented and to what, e.g. --sharing continuous --consent-by 'A. Khan, manager'");
        }
        return Optional.of(new Consent(by, now, SharingMode.parse(sharing), expiry(expires, now),
                note == null ? "" : note));
    }

    /** A date (end of that day, UTC), an instant, or a duration from now such as 365d. */
    static Optional<Instant> expiry(String text, Instant now) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException notDate) {
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException notInstant) {
                try {
                    return Optional.of(now.plus(HumanDuration.parse(text)));
                } catch (IllegalArgumentException notDuration) {
                    throw new GatewayException("--consent-expires '" + text + "' is not a date, time or duration",
                            "e.g. 2027-12-31, 2027-12-31T18:00:00Z or 365d");
                }
            }
        }
    }
}
