package org.cctvgateway.validation;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.cctvgateway.validation.DeclaredFacts.DeclaredStream;

/**
 * The checks over one stream's measured facts. A rule uses the measured value; the declared one is shown beside
 * it and named in the message when the two disagree. A stream that was not sampled gives UNKNOWN, except a sub
 * stream on a camera that declares only one stream, which is NOT_APPLICABLE.
 */
final class StreamChecks {
    /**
     * Relative slack on measured frame rate and GOP: a 25 fps camera measures 24.7-25.3 fps over a 10 s window
     * (timestamps round to the 90 kHz clock and the window cuts a frame), which must not fail a 25 fps rule.
     */
    static final double MEASUREMENT_TOLERANCE = 0.02;

    private final CameraFacts facts;
    private final Optional<DeclaredFacts> declared;
    private final DoriEdition edition;

    StreamChecks(CameraFacts facts, Optional<DeclaredFacts> declared, DoriEdition edition) {
        this.facts = facts;
        this.declared = declared;
        this.edition = edition;
    }

    Finding codec(Check.CodecIn c) {
        String threshold = String.join(" or ", c.codecs());
        String decl = declaredValue(c.role(), s -> s.codec());
        return measure(c.role(), threshold, decl, m -> {
            if (m.codec().isEmpty()) {
                return null;
            }
            String codec = DeclaredFacts.normalCodec(m.codec());
            return Finding.of(c.codecs().contains(codec), decl, codec, threshold,
                    "The " + c.role() + " stream is " + codec + ".",
                    "The " + c.role() + " stream is " + codec + "; the standard needs " + threshold + "."
                            + disagree(decl, codec));
        });
    }

    Finding resolution(Check.MinResolution c) {
        String threshold = "at least " + c.width() + "x" + c.height();
        String decl = declaredValue(c.role(), s -> s.width() > 0 ? s.width() + "x" + s.height() : "");
        return measure(c.role(), threshold, decl, m -> {
            if (m.width() < 0 || m.height() < 0) {
                return null;
            }
            String got = m.width() + "x" + m.height();
            return Finding.of(m.width() >= c.width() && m.height() >= c.height(), decl, got, threshold,
                    "The " + c.role() + " stream is " + got + ".",
                    "The " + c.role() + " stream is " + got + "; the standard needs at least " + c.width() + "x"
                            + c.height() + "." + disagree(decl, got));
        });
    }

    Finding frameRate(Check.MinFrameRate c) {
        String threshold = "at least " + num(c.fps()) + " fps";
        String decl = declaredValue(c.role(), s -> s.frameRateLimit() > 0 ? num(s.frameRateLimit()) + " fps" : "");
        return measure(c.role(), threshold, decl, m -> {
            if (Double.isNaN(m.frameRate())) {
                return null;
            }
            String got = num(m.frameRate()) + " fps";
            return Finding.of(m.frameRate() >= c.fps() * (1 - MEASUREMENT_TOLERANCE), decl, got, threshold,
                    "The " + c.role() + " stream runs at " + got + ".",
                    "The " + c.role() + " stream runs at " + got + "; the standard needs at least " + num(c.fps())
                            + " fps." + disagree(decl, got));
        });
    }

    Finding bitrate(Check.BitrateWindow c) {
        String threshold = num(c.minKbps()) + "-" + num(c.maxKbps()) + " kbit/s";
        String decl = declaredValue(c.role(), s -> s.bitrateLimitKbps() > 0 ? s.bitrateLimitKbps() + " kbit/s"
                : "");
        return measure(c.role(), threshold, decl, m -> {
            if (Double.isNaN(m.bitrateKbps())) {
                return null;
            }
            String got = num(m.bitrateKbps()) + " kbit/s";
            boolean low = m.bitrateKbps() < c.minKbps();
            return Finding.of(!low && m.bitrateKbps() <= c.maxKbps(), decl, got, threshold,
                    "The " + c.role() + " stream uses " + got + ".",
                    "The " + c.role() + " stream uses " + got + ", " + (low ? "below" : "above") + " the "
                            + threshold + " the standard allows." + disagree(decl, got));
        });
    }

    Finding gop(Check.MaxGop c) {
        String threshold = "at most " + num(c.seconds()) + " s";
        String decl = declaredValue(c.role(), s -> Double.isNaN(s.gopSeconds()) ? ""
                : num(s.gopSeconds()) + " s (" + s.gopFrames() + " frames)");
        return measure(c.role(), threshold, decl, m -> {
            if (Double.isNaN(m.gopSeconds())) {
                return null;
            }
            String got = num(m.gopSeconds()) + " s";
            return Finding.of(m.gopSeconds() <= c.seconds() * (1 + MEASUREMENT_TOLERANCE), decl, got, threshold,
                    "Key frames on the " + c.role() + " stream come every " + got + ".",
                    "Key frames on the " + c.role() + " stream come every " + got + "; the standard allows at most "
                            + num(c.seconds()) + " s, so playback and recordings start late after a cut."
                            + disagree(decl, got));
        });
    }

    Finding reachable(Check.StreamReachable c) {
        String threshold = "first frame within " + num(c.maxStartSeconds()) + " s";
        Optional<StreamFacts> m = facts.stream(c.role());
        if (m.isEmpty()) {
            return absent(c.role(), threshold, "");
        }
        if (!m.get().reached()) {
            return new Finding(Finding.Status.BROKEN, "", "no frame", threshold,
                    "The " + c.role() + " stream gave no video when the gateway connected.");
        }
        String got = num(m.get().startSeconds()) + " s";
        return Finding.of(m.get().startSeconds() <= c.maxStartSeconds(), "", got, threshold,
                "The " + c.role() + " stream started in " + got + ".",
                "The " + c.role() + " stream took " + got + " to give its first frame; the standard allows "
                        + num(c.maxStartSeconds()) + " s.");
    }

    Finding pixelDensity(Check.MinPixelDensity c) {
        String name = c.level().name().toLowerCase(Locale.ROOT);
        String editionName = edition == DoriEdition.IEC_62676_4_2015 ? "IEC 62676-4:2015" : "IEC 62676-4:2025";
        if (facts.placement().isEmpty()) {
            return Finding.unknown("", name + " (" + editionName + ")",
                    "No field of view and target distance were given at enrollment, so pixel density is unknown.");
        }
        var place = facts.placement().get();
        double need = edition.pixelsPerMetre(c.level());
        String threshold = name + ": " + num(need) + " px/m at " + num(place.targetDistanceMeters()) + " m ("
                + editionName + ")";
        String decl = declaredValue(c.role(), s -> s.width() > 0 ? density(s.width(), place) : "");
        return measure(c.role(), threshold, decl, m -> {
            if (m.width() <= 0) {
                return null;
            }
            String got = density(m.width(), place);
            return Finding.of(Dori.pixelsPerMetre(m.width(), place) >= need, decl, got, threshold,
                    "The " + c.role() + " stream gives " + got + " at " + num(place.targetDistanceMeters()) + " m.",
                    "The " + c.role() + " stream gives " + got + " at " + num(place.targetDistanceMeters())
                            + " m; " + name + " needs " + num(need) + " px/m. A higher resolution, a narrower"
                            + " field of view or a closer camera raises it.");
        });
    }

    Finding parameterSets(Check.ParameterSetsInBand c) {
        return measure(c.role(), "SPS/PPS in the stream", "", m -> {
            String got = m.parameterSetsInBand() ? "in the stream" : m.parameterSetsInSdp() ? "SDP only" : "none";
            return Finding.of(m.parameterSetsInBand(), "", got, "SPS/PPS in the stream",
                    "The " + c.role() + " stream repeats its parameter sets.",
                    "The " + c.role() + " stream does not repeat its parameter sets"
                            + (m.parameterSetsInSdp() ? " (they are only in the SDP; the gateway inserts them)."
                                    : " and the SDP has none; players cannot start decoding."));
        });
    }

    Finding senderReports(Check.SenderReportsPresent c) {
        return measure(c.role(), "RTCP sender reports", "", m -> Finding.of(m.senderReports(), "",
                m.senderReports() ? "present" : "absent", "RTCP sender reports",
                "The " + c.role() + " stream sends RTCP sender reports.",
                "The " + c.role() + " stream sends no RTCP sender reports, so frames cannot be tied to the"
                        + " camera's clock."));
    }

    Finding packetBytes(Check.MaxPacketBytes c) {
        String threshold = "at most " + c.bytes() + " bytes";
        return measure(c.role(), threshold, "", m -> m.largestRtpPacketBytes() < 0 ? null
                : Finding.of(m.largestRtpPacketBytes() <= c.bytes(), "", m.largestRtpPacketBytes() + " bytes",
                        threshold, "RTP packets fit the network's MTU.",
                        "The " + c.role() + " stream sends RTP packets of " + m.largestRtpPacketBytes()
                                + " bytes, more than " + c.bytes() + "; over UDP they are fragmented or lost."));
    }

    Finding packetLoss(Check.MaxPacketLoss c) {
        String threshold = "at most " + num(c.ratio() * 100) + " %";
        return measure(c.role(), threshold, "", m -> Double.isNaN(m.packetLossRatio()) ? null
                : Finding.of(m.packetLossRatio() <= c.ratio(), "", num(m.packetLossRatio() * 100) + " %", threshold,
                        "Packet loss on the " + c.role() + " stream is within the limit.",
                        "The " + c.role() + " stream lost " + num(m.packetLossRatio() * 100) + " % of its packets;"
                                + " the standard allows " + num(c.ratio() * 100) + " %."));
    }

    Finding jitter(Check.MaxTimestampJitter c) {
        String threshold = "at most " + num(c.milliseconds()) + " ms";
        return measure(c.role(), threshold, "", m -> Double.isNaN(m.timestampJitterMs()) ? null
                : Finding.of(m.timestampJitterMs() <= c.milliseconds(), "", num(m.timestampJitterMs()) + " ms",
                        threshold, "Timestamps on the " + c.role() + " stream are regular.",
                        "Timestamps on the " + c.role() + " stream wander by " + num(m.timestampJitterMs())
                                + " ms; the standard allows " + num(c.milliseconds()) + " ms."));
    }

    /**
     * Runs {@code check} on the measured stream of {@code role}; {@code check} returns null when the value it
     * needs was not measured, which gives UNKNOWN.
     */
    private Finding measure(String role, String threshold, String decl, Function<StreamFacts, Finding> check) {
        Optional<StreamFacts> m = facts.stream(role);
        if (m.isEmpty()) {
            return absent(role, threshold, decl);
        }
        if (!m.get().reached()) {
            return Finding.unknown(decl, threshold, "The " + role + " stream gave no video, so this was not measured.");
        }
        Finding f = check.apply(m.get());
        return f != null ? f : Finding.unknown(decl, threshold, "This was not measured on the " + role + " stream.");
    }

    private Finding absent(String role, String threshold, String decl) {
        boolean declaresOthers = declared.isPresent() && !declared.get().streams().isEmpty();
        if (declaresOthers && declared.get().stream(role).isEmpty()) {
            return Finding.notApplicable(threshold, "The camera offers no " + role + " stream.");
        }
        return Finding.unknown(decl, threshold, "The " + role + " stream was not sampled"
                + (decl.isEmpty() ? "." : "; the camera declares " + decl + " but the gateway did not measure it."));
    }

    private String declaredValue(String role, Function<DeclaredStream, String> value) {
        return declared.flatMap(d -> d.stream(role)).map(value).orElse("");
    }

    private static String disagree(String declared, String measured) {
        return declared.isEmpty() || declared.startsWith(measured) ? ""
                : " (The camera declares " + declared + ", but the gateway measured " + measured + ".)";
    }

    private String density(int width, Placement place) {
        double ppm = Dori.pixelsPerMetre(width, place);
        return num(ppm) + " px/m (" + Dori.achieved(ppm, edition).map(l -> l.name().toLowerCase(Locale.ROOT))
                .orElse("below detect") + ")";
    }

    /** A number for people: integers without decimals, others with one or two. */
    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }
}
