package org.cctvgateway.spi;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One media profile of a camera: a video stream the gateway can pull.
 *
 * @param name the camera's name for it ({@code "mainStream"})
 * @param token the camera's token for it, used in later calls
 * @param encoding the video codec: {@code "H264"}, {@code "H265"}, {@code "JPEG"}, {@code "MPEG4"}, or empty
 * @param width pixels, 0 when unknown
 * @param height pixels, 0 when unknown
 * @param frameRateLimit frames per second, 0 when unknown
 * @param bitrateLimitKbps kbit/s, 0 when unknown
 * @param gopLength frames between key frames, 0 when unknown
 * @param streamUri the RTSP URI, with any credentials stripped and the host fixed to the one reached
 * @param snapshotUri a JPEG snapshot URI, when the camera offers one
 */
public record MediaProfile(String name, String token, String encoding, int width, int height, double frameRateLimit,
        int bitrateLimitKbps, int gopLength, URI streamUri, Optional<URI> snapshotUri) {
    public MediaProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(streamUri, "streamUri");
        Objects.requireNonNull(snapshotUri, "snapshotUri");
        nonNegative("width", width);
        nonNegative("height", height);
        nonNegative("bitrateLimitKbps", bitrateLimitKbps);
        nonNegative("gopLength", gopLength);
        if (!(frameRateLimit >= 0) || Double.isInfinite(frameRateLimit)) {
            throw new IllegalArgumentException("frameRateLimit " + frameRateLimit + " must be finite and >= 0");
        }
        if (streamUri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("streamUri must not carry credentials");
        }
    }

    private static void nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " " + value + " must be >= 0");
        }
    }
}
