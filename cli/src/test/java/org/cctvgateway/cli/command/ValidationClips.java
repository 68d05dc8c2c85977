package org.cctvgateway.cli.command;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cctvgateway.testing.ExternalProcess;

/**
 * Clips for the validation tests, made with ffmpeg into the build folder ({@code target/validation-clips})
 * the first time they are needed, so that nothing large is committed. Every clip is a noisy test
 * pattern (the noise keeps the encoder at its target bitrate), 25 fps, without B-frames:
 *
 * <pre>
 * ffmpeg -f lavfi -i "testsrc2=size=WxH:rate=25,noise=alls=12:allf=t" -t SECONDS \
 *   -c:v libx264 -preset ultrafast -tune zerolatency -g GOP -b:v RATE -maxrate RATE -bufsize RATE/2 \
 *   -pix_fmt yuv420p -bsf:v h264_mp4toannexb -f h264 NAME.h264
 * ffmpeg ... -c:v libx265 -preset ultrafast -x265-params keyint=25:min-keyint=25:scenecut=0:bframes=0 \
 *   -b:v 800k -pix_fmt yuv420p -f hevc NAME.h265
 * </pre>
 */
final class ValidationClips {
    /** 640x360, 1 s GOP, 800 kbit/s, 4 s: meets the test standard. */
    static final Spec COMPLIANT = new Spec("compliant-640x360.h264", 640, 360, 4, 25, "800k", false);
    /** 320x180: below the test standard's 640x360. */
    static final Spec LOW_RESOLUTION = new Spec("low-320x180.h264", 320, 180, 4, 25, "800k", false);
    /** A key frame every 10 s (the clip is 10 s long and loops). */
    static final Spec LONG_GOP = new Spec("gop10s-640x360.h264", 640, 360, 10, 250, "800k", false);
    /** 100 kbit/s: below the test standard's 300..3000 window. */
    static final Spec LOW_BITRATE = new Spec("low-bitrate-640x360.h264", 640, 360, 4, 25, "100k", false);
    /** H.265 where the test standard asks for H.264. */
    static final Spec H265 = new Spec("compliant-640x360.h265", 640, 360, 4, 25, "800k", true);

    record Spec(String file, int width, int height, int seconds, int gop, String bitrate, boolean hevc) {
    }

    private ValidationClips() {
    }

    /** The clip's path, made now if it does not exist yet. */
    static Path make(Spec spec) throws Exception {
        Path dir = buildDir().resolve("validation-clips");
        Files.createDirectories(dir);
        Path out = dir.resolve(spec.file());
        if (Files.exists(out) && Files.size(out) > 0) {
            return out;
        }
        Path tmp = dir.resolve(spec.file() + ".tmp");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "testsrc2=size=" + spec.width() + "x" + spec.height() + ":rate=25,noise=alls=12:allf=t",
                "-t", Integer.toString(spec.seconds())));
        if (spec.hevc()) {
            cmd.addAll(List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                    "keyint=" + spec.gop() + ":min-keyint=" + spec.gop() + ":scenecut=0:bframes=0:log-level=error",
                    "-b:v", spec.bitrate(), "-pix_fmt", "yuv420p", "-f", "hevc", tmp.toString()));
        } else {
            int rate = Integer.parseInt(spec.bitrate().replace("k", ""));
            cmd.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g",
                    Integer.toString(spec.gop()), "-b:v", spec.bitrate(), "-maxrate", spec.bitrate(), "-bufsize",
                    (rate / 2) + "k", "-pix_fmt", "yuv420p", "-bsf:v", "h264_mp4toannexb", "-f", "h264",
                    tmp.toString()));
        }
        ExternalProcess.Result r = ExternalProcess.run(cmd, Duration.ofSeconds(60));
        if (r.exitCode() != 0) {
            throw new IllegalStateException("ffmpeg could not make " + spec.file() + ": " + r.stderr());
        }
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return out;
    }

    /** The module's build folder (target, or the -DbuildDir one): the parent of test-classes. */
    private static Path buildDir() throws URISyntaxException {
        return Path.of(ValidationClips.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }
}
