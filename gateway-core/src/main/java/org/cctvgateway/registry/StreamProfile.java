package org.cctvgateway.registry;

import java.util.Objects;
import org.cctvgateway.GatewayException;
import org.cctvgateway.internal.Urls;
import org.cctvgateway.spi.MediaProfile;

/**
 * One stream a camera offers, as the registry keeps it (a plain value, unlike the adapter's
 * {@link MediaProfile}, which carries URIs and optional fields).
 *
 * @param token the profile's identifier on the camera, unique within the camera; stream roles refer to it
 * @param name the camera's name for it, may be empty
 * @param codec {@code H264}, {@code H265}, ... or empty when unknown
 * @param width pixels, 0 when unknown
 * @param height pixels, 0 when unknown
 * @param fps frames per second, 0 when unknown
 * @param streamUri the RTSP URI; any user-info ({@code user:pass@}) is stripped on construction, so a
 *     password never reaches the registry file
 */
public record StreamProfile(String token, String name, String codec, int width, int height, double fps,
        String streamUri) {
    public StreamProfile {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(streamUri, "streamUri");
        if (token.isBlank()) {
            throw new GatewayException("a stream profile has an empty token", "every profile needs an identifier");
        }
        if (width < 0 || height < 0 || !(fps >= 0) || Double.isInfinite(fps)) {
            throw new GatewayException("stream profile '" + token + "' has a negative size or frame rate ("
                    + width + "x" + height + ", " + fps + " fps)", "use 0 for unknown values");
        }
        streamUri = Urls.redact(streamUri);
    }

    /** The registry's copy of an adapter's profile; {@code index} names a profile that has no token or name. */
    public static StreamProfile from(MediaProfile p, int index) {
        String token = !p.token().isBlank() ? p.token() : !p.name().isBlank() ? p.name() : "profile-" + (index + 1);
        return new StreamProfile(token, p.name(), p.encoding(), p.width(), p.height(), p.frameRateLimit(),
                p.streamUri().toString());
    }
}
