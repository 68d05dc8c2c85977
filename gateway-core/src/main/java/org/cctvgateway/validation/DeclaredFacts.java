package org.cctvgateway.validation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.cctvgateway.spi.CameraDescription;
import org.cctvgateway.spi.MediaProfile;
import org.cctvgateway.spi.NetworkServices;

/**
 * What a camera says about itself, from its adapter's {@link CameraDescription}, in the shape the rules read.
 * The first media profile is the {@code "main"} stream and the second the {@code "sub"} stream (cameras list them
 * in that order); further profiles are kept under {@code "profile3"}, {@code "profile4"}...
 *
 * @param streams declared streams by role, in the camera's order
 * @param servicesKnown false when the adapter reported no network services at all (nothing to judge NTP by)
 */
public record DeclaredFacts(String manufacturer, String model, String firmware, Optional<Duration> clockOffset,
        Map<String, DeclaredStream> streams, OptionalInt httpPort, OptionalInt httpsPort, OptionalInt rtspPort,
        List<String> ntpServers, boolean ntpFromDhcp, List<String> onvifProfiles, boolean servicesKnown) {
    public DeclaredFacts {
        Objects.requireNonNull(manufacturer, "manufacturer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(clockOffset, "clockOffset");
        streams = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(streams));
        Objects.requireNonNull(httpPort, "httpPort");
        Objects.requireNonNull(httpsPort, "httpsPort");
        Objects.requireNonNull(rtspPort, "rtspPort");
        ntpServers = List.copyOf(ntpServers);
        onvifProfiles = List.copyOf(onvifProfiles);
    }

    /**
     * One declared stream. Zero means unknown, as in {@link MediaProfile}.
     *
     * @param codec upper case, {@code "H264"}, {@code "H265"}..., empty when unknown
     * @param gopFrames frames between key frames
     */
    public record DeclaredStream(String role, String profileName, String codec, int width, int height,
            double frameRateLimit, int bitrateLimitKbps, int gopFrames) {
        public DeclaredStream {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(profileName, "profileName");
            Objects.requireNonNull(codec, "codec");
        }

        /** The declared GOP in seconds, or NaN when frames or frame rate is unknown. */
        public double gopSeconds() {
            return gopFrames > 0 && frameRateLimit > 0 ? gopFrames / frameRateLimit : Double.NaN;
        }
    }

    /** The facts of {@code description}. */
    public static DeclaredFacts of(CameraDescription description) {
        Map<String, DeclaredStream> streams = new LinkedHashMap<>();
        List<MediaProfile> profiles = description.profiles();
        for (int i = 0; i < profiles.size(); i++) {
            MediaProfile p = profiles.get(i);
            String role = i == 0 ? "main" : i == 1 ? "sub" : "profile" + (i + 1);
            streams.put(role, new DeclaredStream(role, p.name(), normalCodec(p.encoding()), p.width(), p.height(),
                    p.frameRateLimit(), p.bitrateLimitKbps(), p.gopLength()));
        }
        NetworkServices s = description.services();
        return new DeclaredFacts(description.identity().manufacturer(), description.identity().model(),
                description.identity().firmware(), description.clockOffset(), streams, s.httpPort(), s.httpsPort(),
                s.rtspPort(), s.ntpServers(), s.ntpFromDhcp(), s.onvifProfiles(), !s.equals(NetworkServices.unknown()));
    }

    /** The declared stream of {@code role}. */
    public Optional<DeclaredStream> stream(String role) {
        return Optional.ofNullable(streams.get(role));
    }

    /** {@code "H.264"}, {@code "h265"}, {@code "HEVC"} and the like, as {@code "H264"} or {@code "H265"}. */
    static String normalCodec(String codec) {
        String c = codec.trim().toUpperCase(Locale.ROOT).replace(".", "").replace("-", "");
        switch (c) {
            case "AVC":
                return "H264";
            case "HEVC":
                return "H265";
            default:
                return c;
        }
    }
}
