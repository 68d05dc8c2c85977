package org.cctvgateway.validation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a {@link StandardsProfile} to a camera's {@link CameraFacts}. Pure: facts in, report out; no I/O and no
 * clock (the caller passes the time), so every rule is tested with plain values.
 *
 * <p>Where the camera's declared value and the gateway's measured value disagree, the result shows both and the
 * rule judges the measured one. Stream rules need a measurement: a declared value alone gives
 * {@link Outcome#UNKNOWN}, since a camera's own claims are not enough.
 *
 * <p>The verdict:
 * <ul>
 *   <li>{@link Verdict#FAIL} when any result is {@link Outcome#FAIL}, or when the profile sets
 *       {@code unknownFails} and a FAIL-severity rule is {@link Outcome#UNKNOWN} (evidence: an unproven camera
 *       does not pass);</li>
 *   <li>otherwise {@link Verdict#PASS_WITH_WARNINGS} when any result is {@link Outcome#WARN}, or a FAIL- or
 *       WARN-severity rule is UNKNOWN (the report cannot vouch for it);</li>
 *   <li>otherwise {@link Verdict#PASS}. INFO results and UNKNOWN INFO rules never change the verdict.</li>
 * </ul>
 */
public final class ValidationEngine {
    private final KnownVulnerableFirmware firmwareList;

    /** An engine judging firmware against {@code firmwareList}. */
    public ValidationEngine(KnownVulnerableFirmware firmwareList) {
        this.firmwareList = Objects.requireNonNull(firmwareList, "firmwareList");
    }

    /** An engine with the bundled list of known-vulnerable firmware. */
    public static ValidationEngine withBundledData() {
        return new ValidationEngine(KnownVulnerableFirmware.bundled());
    }

    /** Evaluates every rule of {@code profile}, in order, against {@code facts}. */
    public ComplianceReport evaluate(StandardsProfile profile, CameraFacts facts, Instant now) {
        Optional<DeclaredFacts> declared = facts.declared().map(DeclaredFacts::of);
        StreamChecks streams = new StreamChecks(facts, declared, profile.doriEdition());
        DeviceChecks device = new DeviceChecks(facts, declared, firmwareList);
        List<RuleResult> results = new ArrayList<>();
        for (Rule rule : profile.rules()) {
            Finding f = check(rule.check(), streams, device);
            results.add(new RuleResult(rule.id(), rule.severity(), outcome(f.status(), rule.severity()),
                    rule.description(), f.declared(), f.measured(), f.threshold(), f.message(), rule.fixHint()));
        }
        return new ComplianceReport(facts.camera(), profile.id(), profile.version(), now, results,
                verdict(results, profile.unknownFails()));
    }

    /** The verdict of {@code results}, by the rules in the class comment. */
    public static Verdict verdict(List<RuleResult> results, boolean unknownFails) {
        boolean fail = false;
        boolean warn = false;
        for (RuleResult r : results) {
            switch (r.outcome()) {
                case FAIL:
                    fail = true;
                    break;
                case WARN:
                    warn = true;
                    break;
                case UNKNOWN:
                    if (r.severity() == Severity.FAIL && unknownFails) {
                        fail = true;
                    } else if (r.severity() != Severity.INFO) {
                        warn = true;
                    }
                    break;
                default:
                    break;
            }
        }
        return fail ? Verdict.FAIL : warn ? Verdict.PASS_WITH_WARNINGS : Verdict.PASS;
    }

    private static Outcome outcome(Finding.Status status, Severity severity) {
        switch (status) {
            case PASS:
                return Outcome.PASS;
            case NOT_APPLICABLE:
                return Outcome.NOT_APPLICABLE;
            case UNKNOWN:
                return Outcome.UNKNOWN;
            default:
                return severity == Severity.FAIL ? Outcome.FAIL : severity == Severity.WARN ? Outcome.WARN
                        : Outcome.INFO;
        }
    }

    // Java 17 has no pattern switch outside preview: an instanceof chain over the sealed Check.
    private static Finding check(Check c, StreamChecks s, DeviceChecks d) {
        if (c instanceof Check.CodecIn x) {
            return s.codec(x);
        } else if (c instanceof Check.MinResolution x) {
            return s.resolution(x);
        } else if (c instanceof Check.MinFrameRate x) {
            return s.frameRate(x);
        } else if (c instanceof Check.BitrateWindow x) {
            return s.bitrate(x);
        } else if (c instanceof Check.MaxGop x) {
            return s.gop(x);
        } else if (c instanceof Check.StreamReachable x) {
            return s.reachable(x);
        } else if (c instanceof Check.MinPixelDensity x) {
            return s.pixelDensity(x);
        } else if (c instanceof Check.ParameterSetsInBand x) {
            return s.parameterSets(x);
        } else if (c instanceof Check.SenderReportsPresent x) {
            return s.senderReports(x);
        } else if (c instanceof Check.MaxPacketBytes x) {
            return s.packetBytes(x);
        } else if (c instanceof Check.MaxPacketLoss x) {
            return s.packetLoss(x);
        } else if (c instanceof Check.MaxTimestampJitter x) {
            return s.jitter(x);
        } else if (c instanceof Check.ClockWithin x) {
            return d.clock(x);
        } else if (c instanceof Check.NtpConfigured x) {
            return d.ntp(x);
        } else if (c instanceof Check.OnvifProfile x) {
            return d.onvif(x);
        } else if (c instanceof Check.NoDefaultCredentials x) {
            return d.defaultCredentials(x);
        } else if (c instanceof Check.MinPasswordStrength x) {
            return d.passwordStrength(x);
        } else if (c instanceof Check.ManagementNotPlainHttpOnly x) {
            return d.plainHttp(x);
        } else if (c instanceof Check.FirmwareIdentifiable x) {
            return d.identifiable(x);
        } else if (c instanceof Check.NoKnownVulnerableFirmware x) {
            return d.vulnerableFirmware(x);
        } else if (c instanceof Check.NoUnauthenticatedAccess x) {
            return d.unauthenticated(x);
        }
        throw new IllegalStateException("check " + c.getClass().getName() + " has no evaluation");
    }
}
