package org.cctvgateway.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The benchmark's command line.
 *
 * @param cameras the values of N, each 1..256 (the simulator's limit)
 * @param viewers M, viewers per camera stream
 * @param seconds the measured window
 * @param warmup seconds of streaming before the window (JIT, buffers, first keyframes)
 * @param fps the clip's frame rate, for the expected frame count
 * @param jar the cctv-gateway jar (simulate and serve)
 * @param clip the Annex B clip the simulated cameras loop
 * @param out where latest.txt and the child processes' logs go
 * @param rtsps also measure the gateway over RTSPS (viewers then use TCP interleaved)
 */
record BenchOptions(List<Integer> cameras, int viewers, int seconds, int warmup, double fps, Path jar, Path clip,
                    Path out, boolean rtsps) {
    static final String USAGE = "usage: RelayBenchmark --jar JAR --clip FILE.h264 --out DIR [--cameras 1,16,64]"
            + " [--viewers 2] [--seconds 20] [--warmup 5] [--fps 25] [--rtsps]";

    BenchOptions {
        cameras = List.copyOf(cameras);
        Objects.requireNonNull(jar, "--jar is required; " + USAGE);
        Objects.requireNonNull(clip, "--clip is required; " + USAGE);
        Objects.requireNonNull(out, "--out is required; " + USAGE);
        if (cameras.isEmpty() || cameras.stream().anyMatch(n -> n < 1 || n > 256)) {
            throw new IllegalArgumentException("--cameras " + cameras + ": each value must be 1..256");
        }
        if (viewers < 1 || viewers > 16) {
            throw new IllegalArgumentException("--viewers " + viewers + " is outside 1..16");
        }
        if (seconds < 1 || seconds > 3600 || warmup < 0 || warmup > 600) {
            throw new IllegalArgumentException("--seconds " + seconds + " (1..3600) or --warmup " + warmup
                    + " (0..600) is out of range");
        }
        if (fps <= 0 || fps > 240) {
            throw new IllegalArgumentException("--fps " + fps + " is outside (0, 240]");
        }
    }

    static BenchOptions parse(String[] args) {
        List<Integer> cameras = List.of(1, 16, 64);
        int viewers = 2;
        int seconds = 20;
        int warmup = 5;
        double fps = 25;
        Path jar = null;
        Path clip = null;
        Path out = null;
        boolean rtsps = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--rtsps")) {
                rtsps = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(a + " needs a value; " + USAGE);
            }
            String v = args[++i];
            switch (a) {
                case "--cameras" -> {
                    List<Integer> list = new ArrayList<>();
                    for (String s : v.split(",")) {
                        list.add(Integer.parseInt(s.trim()));
                    }
                    cameras = list;
                }
                case "--viewers" -> viewers = Integer.parseInt(v);
                case "--seconds" -> seconds = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--fps" -> fps = Double.parseDouble(v);
                case "--jar" -> jar = Path.of(v);
                case "--clip" -> clip = Path.of(v);
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + a + "; " + USAGE);
            }
        }
        return new BenchOptions(cameras, viewers, seconds, warmup, fps, jar, clip, out, rtsps);
    }
}
