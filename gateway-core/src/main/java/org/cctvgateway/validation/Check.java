package org.cctvgateway.validation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The fact a rule tests and its thresholds: one record per kind of fact. In a standards file a check is a map
 * whose {@code type} names the record in lower camel case ({@code type: minResolution}) and whose other keys are
 * the record's components. Roles are {@code main} or {@code sub}; codecs are upper case ({@code H264},
 * {@code H265}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Check.CodecIn.class, name = "codecIn"),
    @JsonSubTypes.Type(value = Check.MinResolution.class, name = "minResolution"),
    @JsonSubTypes.Type(value = Check.MinFrameRate.class, name = "minFrameRate"),
    @JsonSubTypes.Type(value = Check.BitrateWindow.class, name = "bitrateWindow"),
    @JsonSubTypes.Type(value = Check.MaxGop.class, name = "maxGop"),
    @JsonSubTypes.Type(value = Check.ClockWithin.class, name = "clockWithin"),
    @JsonSubTypes.Type(value = Check.NtpConfigured.class, name = "ntpConfigured"),
    @JsonSubTypes.Type(value = Check.OnvifProfile.class, name = "onvifProfile"),
    @JsonSubTypes.Type(value = Check.StreamReachable.class, name = "streamReachable"),
    @JsonSubTypes.Type(value = Check.NoDefaultCredentials.class, name = "noDefaultCredentials"),
    @JsonSubTypes.Type(value = Check.MinPasswordStrength.class, name = "minPasswordStrength"),
    @JsonSubTypes.Type(value = Check.ManagementNotPlainHttpOnly.class, name = "managementNotPlainHttpOnly"),
    @JsonSubTypes.Type(value = Check.FirmwareIdentifiable.class, name = "firmwareIdentifiable"),
    @JsonSubTypes.Type(value = Check.NoKnownVulnerableFirmware.class, name = "noKnownVulnerableFirmware"),
    @JsonSubTypes.Type(value = Check.NoUnauthenticatedAccess.class, name = "noUnauthenticatedAccess"),
    @JsonSubTypes.Type(value = Check.MinPixelDensity.class, name = "minPixelDensity"),
    @JsonSubTypes.Type(value = Check.ParameterSetsInBand.class, name = "parameterSetsInBand"),
    @JsonSubTypes.Type(value = Check.SenderReportsPresent.class, name = "senderReportsPresent"),
    @JsonSubTypes.Type(value = Check.MaxPacketBytes.class, name = "maxPacketBytes"),
    @JsonSubTypes.Type(value = Check.MaxPacketLoss.class, name = "maxPacketLoss"),
    @JsonSubTypes.Type(value = Check.MaxTimestampJitter.class, name = "maxTimestampJitter"),
})
public sealed interface Check {

    /** The stream codec is one of {@code codecs}. */
    record CodecIn(List<String> codecs, String role) implements Check {
        public CodecIn {
            role = checkRole(role);
            if (codecs == null || codecs.isEmpty()) {
                throw new IllegalArgumentException("codecs is missing or empty; list H264 and/or H265");
            }
            codecs = codecs.stream().map(c -> DeclaredFacts.normalCodec(Objects.requireNonNull(c, "codec")))
                    .toList();
        }
    }

    /** The stream is at least {@code width} x {@code height} pixels. */
    record MinResolution(String role, int width, int height) implements Check {
        public MinResolution {
            role = checkRole(role);
            range("width", width, 1, 16384);
            range("height", height, 1, 16384);
        }
    }

    /** The stream runs at {@code fps} frames per second or more. */
    record MinFrameRate(String role, double fps) implements Check {
        public MinFrameRate {
            role = checkRole(role);
            range("fps", fps, 0.1, 240);
        }
    }

    /** The stream's bitrate is within {@code minKbps..maxKbps}. */
    record BitrateWindow(String role, double minKbps, double maxKbps) implements Check {
        public BitrateWindow {
            role = checkRole(role);
            range("minKbps", minKbps, 0, 1_000_000);
            range("maxKbps", maxKbps, 1, 1_000_000);
            if (minKbps > maxKbps) {
                throw new IllegalArgumentException("minKbps " + minKbps + " is above maxKbps " + maxKbps);
            }
        }
    }

    /** Key frames come at most {@code seconds} apart. */
    record MaxGop(String role, double seconds) implements Check {
        public MaxGop {
            role = checkRole(role);
            range("seconds", seconds, 0.04, 600);
        }
    }

    /** The camera clock is within {@code seconds} of the gateway's. */
    record ClockWithin(double seconds) implements Check {
        public ClockWithin {
            range("seconds", seconds, 0.001, 86_400);
        }
    }

    /** The camera has an NTP server configured (or takes one from DHCP). */
    record NtpConfigured() implements Check {
    }

    /** The camera claims every ONVIF profile in {@code profiles} ({@code S}, {@code T}, {@code G}...). */
    record OnvifProfile(List<String> profiles) implements Check {
        public OnvifProfile {
            if (profiles == null || profiles.isEmpty()) {
                throw new IllegalArgumentException("profiles is missing or empty; list at least one, e.g. [S]");
            }
            profiles = profiles.stream().map(p -> Objects.requireNonNull(p, "profile").trim()
                    .toUpperCase(Locale.ROOT)).toList();
        }
    }

    /** The stream gives a first frame within {@code maxStartSeconds} of connecting. */
    record StreamReachable(String role, double maxStartSeconds) implements Check {
        public StreamReachable {
            role = checkRole(role);
            range("maxStartSeconds", maxStartSeconds, 0.1, 600);
        }
    }

    /** No account logs in with a factory default password. */
    record NoDefaultCredentials() implements Check {
    }

    /**
     * The password the operator gave the gateway for the camera is at least {@code level} by
     * {@link PasswordStrength} ({@code fair} or {@code strong}). Only the verdict and its reasons reach the report.
     */
    record MinPasswordStrength(PasswordStrength.Level level) implements Check {
        public MinPasswordStrength {
            if (level == null) {
                throw new IllegalArgumentException("level is missing; use fair or strong");
            }
            if (level == PasswordStrength.Level.WEAK) {
                throw new IllegalArgumentException("level weak accepts every password; use fair or strong");
            }
        }
    }

    /** Web management is not offered over plain HTTP alone. */
    record ManagementNotPlainHttpOnly() implements Check {
    }

    /** Manufacturer, model and firmware version are all reported. */
    record FirmwareIdentifiable() implements Check {
    }

    /** The firmware is not in a version range named by a vendor advisory (bundled list). */
    record NoKnownVulnerableFirmware() implements Check {
    }

    /** No ONVIF call or RTSP request that should need a login answers without one. */
    record NoUnauthenticatedAccess() implements Check {
    }

    /** The stream gives at least {@code level}'s pixel density at the enrolled target distance. */
    record MinPixelDensity(String role, DoriLevel level) implements Check {
        public MinPixelDensity {
            role = checkRole(role);
            Objects.requireNonNull(level, "level is missing; one of detect, observe, recognise, identify");
        }
    }

    /** SPS/PPS (and VPS) are repeated in the stream, not only given in the SDP. */
    record ParameterSetsInBand(String role) implements Check {
        public ParameterSetsInBand {
            role = checkRole(role);
        }
    }

    /** RTCP sender reports arrive, so frames can be tied to the camera's wall clock. */
    record SenderReportsPresent(String role) implements Check {
        public SenderReportsPresent {
            role = checkRole(role);
        }
    }

    /** RTP packets are at most {@code bytes} long (an Ethernet MTU leaves 1472 bytes for UDP payload). */
    record MaxPacketBytes(String role, int bytes) implements Check {
        public MaxPacketBytes {
            role = checkRole(role);
            range("bytes", bytes, 200, 65_535);
        }
    }

    /** At most {@code ratio} (0..1) of RTP packets are lost. */
    record MaxPacketLoss(String role, double ratio) implements Check {
        public MaxPacketLoss {
            role = checkRole(role);
            range("ratio", ratio, 0, 1);
        }
    }

    /** RTP timestamps are regular within {@code milliseconds}. */
    record MaxTimestampJitter(String role, double milliseconds) implements Check {
        public MaxTimestampJitter {
            role = checkRole(role);
            range("milliseconds", milliseconds, 0.1, 10_000);
        }
    }

    private static String checkRole(String role) {
        if (role == null) {
            throw new IllegalArgumentException("role is missing; use main or sub");
        }
        if (!role.equals("main") && !role.equals("sub")) {
            throw new IllegalArgumentException("role '" + role + "' is not main or sub");
        }
        return role;
    }

    private static void range(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " " + value + " is outside " + fmt(min) + ".." + fmt(max));
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
