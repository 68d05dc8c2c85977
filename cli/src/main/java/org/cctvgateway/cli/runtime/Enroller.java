package org.cctvgateway.cli.runtime;

import io.micrometer.core.instrument.Clock;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.cctvgateway.GatewayException;
import org.cctvgateway.audit.AuditEvent;
import org.cctvgateway.audit.AuditFields;
import org.cctvgateway.cli.validation.CameraFactsCollector;
import org.cctvgateway.registry.Camera;
import org.cctvgateway.registry.CameraState;
import org.cctvgateway.registry.ComplianceSummary;
import org.cctvgateway.registry.Consent;
import org.cctvgateway.registry.DeviceInfo;
import org.cctvgateway.registry.Facing;
import org.cctvgateway.registry.GeoPoint;
import org.cctvgateway.registry.Ids;
import org.cctvgateway.registry.RegistrySnapshot;
import org.cctvgateway.registry.RegistryStore;
import org.cctvgateway.registry.StreamProfile;
import org.cctvgateway.registry.StreamRoles;
import org.cctvgateway.rtsp.codec.RtspUrls;
import org.cctvgateway.spi.CameraDescription;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.spi.ProbeTarget;
import org.cctvgateway.validation.ComplianceReport;
import org.cctvgateway.validation.Placement;
import org.cctvgateway.validation.StandardsProfile;
import org.cctvgateway.validation.ValidationEngine;
import org.cctvgateway.validation.Verdict;
import org.cctvgateway.vault.CredentialsVault;

/**
 * Enrollment: probes a camera, measures and validates it against a standard, and, when it passes
 * (or passes with warnings the operator accepted), puts it on record: its password in the vault,
 * the camera with its description, placement, consent and compliance summary in the registry, and
 * its audit records. A refusal is audited too. Each write is durable before the next one starts:
 * vault, audit log, registry. A crash at any moment leaves at worst a vault entry without a camera
 * (harmless, overwritten by the next enrollment of that id) or an audit record of an enrollment
 * the registry does not hold (the operator enrolls again), never a camera without its password or
 * its audit record, and never an acknowledged enrollment missing from the registry.
 */
public final class Enroller {
    /** The actor of enrollments made by the gateway's own demo. */
    public static final String DEMO_ACTOR = "demo";

    private final RegistryStore registry;
    private final Supplier<CredentialsVault> vault;
    private final AuditTrail audit;
    private final EventLoopGroup group;
    private final Clock clock;

    /**
     * @param vault opens the vault on first need (after validation), so a refused camera never
     *     needs the vault key
     */
    public Enroller(RegistryStore registry, Supplier<CredentialsVault> vault, AuditTrail audit, EventLoopGroup group,
                    Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.group = Objects.requireNonNull(group, "group");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What to enroll.
     *
     * @param target the camera's ONVIF address ({@code host[:port]}) or a stream URL ({@code rtsp://...})
     * @param cameraId the id to give it; empty picks the next free {@code cam-N}
     * @param consent the owner's consent; without it the camera is enrolled but not re-published
     * @param sample how long each stream is measured
     * @param timeout limit of each network step
     * @param actor who enrolls, for the audit record
     * @param mainProfile the profile (token) re-published as main; empty for the camera's first
     * @param subProfile the profile re-published as sub, or {@code none}; empty for the camera's
     *     next profile, if it has one
     */
    public record Request(String target, String siteId, Optional<String> cameraId, Credentials credentials,
                          Optional<GeoPoint> location, Optional<Facing> facing, Optional<Consent> consent,
                          StandardsProfile standard, boolean acceptWarnings, Duration sample, Duration timeout,
                          boolean credentialCheck, Duration loginInterval, String actor,
                          Optional<String> mainProfile, Optional<String> subProfile) {
        public Request {
            Objects.requireNonNull(mainProfile, "mainProfile");
            Objects.requireNonNull(subProfile, "subProfile");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(siteId, "siteId");
            Objects.requireNonNull(cameraId, "cameraId");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(facing, "facing");
            Objects.requireNonNull(consent, "consent");
            Objects.requireNonNull(standard, "standard");
            Objects.requireNonNull(sample, "sample");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(loginInterval, "loginInterval");
            Objects.requireNonNull(actor, "actor");
        }

        /** A request for the camera's own first and second profiles as main and sub. */
        public Request(String target, String siteId, Optional<String> cameraId, Credentials credentials,
                       Optional<GeoPoint> location, Optional<Facing> facing, Optional<Consent> consent,
                       StandardsProfile standard, boolean acceptWarnings, Duration sample, Duration timeout,
                       boolean credentialCheck, Duration loginInterval, String actor) {
            this(target, siteId, cameraId, credentials, location, facing, consent, standard, acceptWarnings, sample,
                    timeout, credentialCheck, loginInterval, actor, Optional.empty(), Optional.empty());
        }
    }

    /** How an enrollment ended. */
    public sealed interface Outcome permits Enrolled, Refused {
        ComplianceReport report();

        List<String> notes();
    }

    /** On record; {@code camera} as stored. */
    public record Enrolled(Camera camera, ComplianceReport report, List<String> notes) implements Outcome {
        public Enrolled {
            Objects.requireNonNull(camera, "camera");
            Objects.requireNonNull(report, "report");
            notes = List.copyOf(notes);
        }
    }

    /** Not enrolled: the camera failed the standard, or passed with warnings that were not accepted. */
    public record Refused(String cameraId, ComplianceReport report, String reason, String hint, List<String> notes)
            implements Outcome {
        public Refused {
            Objects.requireNonNull(cameraId, "cameraId");
            Objects.requireNonNull(report, "report");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(hint, "hint");
            notes = List.copyOf(notes);
        }
    }

    /**
     * Enrolls one camera.
     *
     * @throws GatewayException when it cannot be validated at all (unknown site, id taken,
     *     unreachable camera, refused login) or a write fails; nothing is stored then
     */
    public Outcome enroll(Request r) {
        RegistrySnapshot now = registry.reload();
        if (now.site(r.siteId()).isEmpty()) {
            throw new GatewayException("site " + r.siteId() + " is not on record",
                    "add it first: cctv-gateway sites add --id " + r.siteId() + " --name NAME --type TYPE");
        }
        String cameraId = r.cameraId().orElseGet(() -> nextFreeId(now));
        Ids.check("camera id", cameraId);
        now.camera(cameraId).ifPresent(c -> {
            throw new GatewayException("camera id " + cameraId + " is already on record (" + c.state().label()
                    + ", site " + c.siteId() + "); ids are never reused", "choose another --camera-id");
        });
        boolean url = ProbeTargets.isStreamUrl(r.target());
        Optional<Placement> placement = r.facing().map(f -> new Placement(f.hfovDeg(), f.distanceM()));
        CameraFactsCollector collector = new CameraFactsCollector(group, clock, new CameraFactsCollector.Settings(
                r.credentials(), r.sample(), r.timeout(), r.credentialCheck(), r.loginInterval(), placement));
        CameraFactsCollector.Collected collected;
        DeviceInfo device;
        String endpoint;
        String adapter;
        if (url && (r.mainProfile().isPresent() || r.subProfile().isPresent())) {
            throw new GatewayException("--main-profile and --sub-profile choose among an ONVIF camera's profiles; "
                    + "a stream URL is the main stream itself", "enroll by the camera's ONVIF address to choose");
        }
        if (url) {
            URI uri = ProbeTargets.streamUrl(r.target());
            collected = collector.collect(uri);
            URI clean = RtspUrls.withoutUserInfo(uri);
            device = new DeviceInfo("", "", "", "", "", "", List.of(new StreamProfile("main", "main", "", 0, 0, 0,
                    clean.toString())));
            endpoint = clean.toString();
            adapter = "rtsp";
        } else {
            ProbeTarget target = ProbeTargets.parse(r.target());
            collected = collector.collect(target, r.mainProfile(), r.subProfile());
            CameraDescription d = collected.facts().declared().orElseThrow(() -> new GatewayException(
                    "camera " + r.target() + " gave no description", "check that it speaks ONVIF"));
            device = DeviceInfo.from(d);
            endpoint = target.display();
            adapter = "onvif";
        }
        ComplianceReport report = ValidationEngine.withBundledData().evaluate(r.standard(), collected.facts(),
                Instant.ofEpochMilli(clock.wallTime()));
        if (report.verdict() == Verdict.FAIL
                || report.verdict() == Verdict.PASS_WITH_WARNINGS && !r.acceptWarnings()) {
            boolean failed = report.verdict() == Verdict.FAIL;
            Refused refused = new Refused(cameraId, report,
                    failed ? "camera " + cameraId + " fails " + report.standardId() + " " + report.standardVersion()
                            + " (" + String.join(", ", ComplianceSummary.from(report).failingRules()) + ")"
                            : "camera " + cameraId + " passes " + report.standardId() + " only with warnings ("
                            + String.join(", ", ComplianceSummary.from(report).warningRules()) + ")",
                    failed ? "fix what the report names, then enroll again"
                            : "fix the warnings, or accept them with --accept-warnings",
                    collected.notes());
            audit.record(AuditEvent.of("enrollment.refused", java.util.Map.of(AuditFields.SITE, r.siteId(),
                    AuditFields.CAMERA, cameraId, AuditFields.ACTOR, r.actor(), AuditFields.REASON,
                    refused.reason())));
            return refused;
        }
        Instant at = Instant.ofEpochMilli(clock.wallTime());
        CameraState state = r.consent().isPresent() ? CameraState.ACTIVE : CameraState.ENROLLED;
        Camera camera = new Camera(cameraId, r.siteId(), adapter, endpoint, device, r.location(), r.facing(),
                roles(device, r), Optional.of(ComplianceSummary.from(report)), state, r.consent(), at, at);
        if (!r.credentials().isEmpty()) {
            vault.get().put(cameraId, r.credentials());
        }
        // The audit records go first: a camera is never on record (and so re-published) without them. A
        // crash before the registry write leaves a record of an enrollment that did not happen, which a
        // failed registry write also names below; the registry is the truth of what is enrolled.
        audit.record(AuditEvent.enrollment(r.siteId(), cameraId, r.actor())
                .with("endpoint", endpoint)
                .with("verdict", ComplianceSummary.label(report.verdict()))
                .with("standard", report.standardId() + " " + report.standardVersion())
                .with("state", state.label()));
        r.consent().ifPresent(c -> audit.record(AuditEvent.consent(cameraId, c.consentedBy(), c.mode(),
                c.expiresAt().orElse(null))));
        Camera stored;
        try {
            stored = registry.enrollCamera(camera).snapshot().camera(cameraId).orElseThrow();
        } catch (RuntimeException e) {
            try {
                audit.record(AuditEvent.of("enrollment.failed", java.util.Map.of(AuditFields.SITE, r.siteId(),
                        AuditFields.CAMERA, cameraId, AuditFields.ACTOR, r.actor(), AuditFields.REASON,
                        String.valueOf(e.getMessage()))));
            } catch (RuntimeException auditFailed) {
                e.addSuppressed(auditFailed);
            }
            throw e;
        }
        return new Enrolled(stored, report, collected.notes());
    }

    /** The stream roles asked for, or the camera's first two profiles. */
    private static StreamRoles roles(DeviceInfo device, Request r) {
        if (r.mainProfile().isEmpty() && r.subProfile().isEmpty()) {
            return StreamRoles.firstTwo(device);
        }
        String main = r.mainProfile().orElse(device.profiles().get(0).token());
        Optional<String> sub = r.subProfile().isPresent()
                ? r.subProfile().filter(t -> !t.equals("none"))
                : device.profiles().stream().map(StreamProfile::token).filter(t -> !t.equals(main)).findFirst();
        return new StreamRoles(main, sub);
    }

    /** The path a camera's stream is re-published under: {@code site/camera/role}. */
    public static String path(Camera camera, String role) {
        return camera.siteId() + "/" + camera.id() + "/" + role;
    }

    /** The stream roles a camera is re-published under: main, and sub when it has one. */
    public static List<String> roles(Camera camera) {
        return camera.streams().sub().isPresent() ? List.of("main", "sub") : List.of("main");
    }

    private static String nextFreeId(RegistrySnapshot snapshot) {
        for (int n = 1; n < 100_000; n++) {
            String id = "cam-" + n;
            if (snapshot.camera(id).isEmpty()) {
                return id;
            }
        }
        throw new GatewayException("no free camera id", "give one with --camera-id");
    }
}
