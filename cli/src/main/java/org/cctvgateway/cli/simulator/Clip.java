package org.cctvgateway.cli.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.cctvgateway.GatewayException;
import org.cctvgateway.media.AnnexB;
import org.cctvgateway.media.Codec;
import org.cctvgateway.media.NalUnits;

/**
 * A looped clip: a raw H.264 or H.265 elementary stream (Annex B), split into access units
 * once at load. The bundled clips are 640x360 (and one 1280x720) at 25 frames per second; see
 * the README beside them for how they were made.
 *
 * @param name where the clip came from, for messages
 */
public record Clip(String name, Codec codec, double fps, List<List<byte[]>> accessUnits) {
    /** The largest clip file accepted: it is held in memory. */
    public static final long MAX_BYTES = 256L * 1024 * 1024;

    public Clip {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(codec, "codec");
        accessUnits = List.copyOf(accessUnits);
        if (!(fps > 0 && fps <= 120)) {
            throw new GatewayException("frame rate " + fps + " is outside 1..120", "give --fps between 1 and 120");
        }
        if (accessUnits.isEmpty()) {
            throw new GatewayException("clip " + name + " holds no access units", "give an Annex B .h264 or .h265 file");
        }
        boolean hasKey = accessUnits.stream().anyMatch(au -> au.stream()
                .anyMatch(n -> NalUnits.isRandomAccess(codec, NalUnits.type(codec, n))));
        if (!hasKey) {
            throw new GatewayException("clip " + name + " has no keyframe as " + codec,
                    "check the clip's codec (--codec h264 or h265)");
        }
    }

    /** The bundled 640x360 clip for {@code codec}. */
    public static Clip bundled(Codec codec) {
        return resource(codec == Codec.H264 ? "clip-640x360-25fps.h264" : "clip-640x360-25fps.h265", codec);
    }

    /** The bundled 1280x720 H.264 clip: a camera that meets the baseline standard's HD minimum. */
    public static Clip bundledHd() {
        return resource("clip-1280x720-25fps.h264", Codec.H264);
    }

    private static Clip resource(String file, Codec codec) {
        try (InputStream in = Clip.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("bundled clip " + file + " is missing from the jar");
            }
            return new Clip("bundled " + file, codec, 25, AnnexB.accessUnits(codec, in.readAllBytes()));
        } catch (IOException e) {
            throw new IllegalStateException("bundled clip " + file + " cannot be read", e);
        }
    }

    /** A clip from a file; the codec comes from the extension unless given. */
    public static Clip fromFile(Path file, Codec codec, double fps) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new GatewayException("clip " + file + " is " + size + " bytes, limit is " + MAX_BYTES,
                        "use a shorter clip");
            }
            return new Clip(file.toString(), codec, fps, AnnexB.accessUnits(codec, Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            throw new GatewayException("clip " + file + " does not exist", "check the path given to --clip", e);
        } catch (IOException e) {
            throw new GatewayException("clip " + file + " cannot be read: " + e.getMessage(), "check its permissions", e);
        }
    }

    /** The codec a file name suggests: {@code .h265}/{@code .hevc} is H.265, anything else H.264. */
    public static Codec codecFromName(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".h265") || n.endsWith(".hevc") || n.endsWith(".265") ? Codec.H265 : Codec.H264;
    }
}
