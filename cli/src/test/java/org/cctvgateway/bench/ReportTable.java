package org.cctvgateway.bench;

import java.util.List;
import java.util.Locale;

/** Formats the per-N tables of {@link PhaseResult}s as plain text. */
final class ReportTable {
    private static final String ROW = "%-22s %11s %9s %8s %8s %11s %11s %11s %9s%n";

    private ReportTable() {
    }

    /** The table of one N: a row per system, notes per row, then the CPU ratios. */
    static String format(int n, int viewers, double fps, List<PhaseResult> rows, List<String> failures) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%nN = %d camera stream(s) x %d viewer(s), %.0f fps%n", n, viewers, fps));
        b.append(String.format(Locale.ROOT, ROW, "system", "CPU s/str-s", "MB/s out", "p50 ms", "p99 ms",
                "heap/str MB", "RSS/str MB", "RSS+/str MB", "frames %"));
        for (PhaseResult r : rows) {
            b.append(String.format(Locale.ROOT, ROW, r.system(), num("%.4f", r.cpuPerStreamSecond()),
                    num("%.2f", r.megabytesPerSecond()), num("%.1f", r.p50Millis()), num("%.1f", r.p99Millis()),
                    mb(r.heapPerStreamBytes()), mb(r.rssPerStreamBytes()), mb(r.rssMarginalPerStreamBytes()),
                    num("%.1f", r.framesPercent())));
        }
        for (PhaseResult r : rows) {
            String jvm = Double.isNaN(r.jitCpuSeconds()) ? "" : String.format(Locale.ROOT,
                    " (JIT compiler %.2f s, GC %.2f s)", r.jitCpuSeconds(), r.gcCpuSeconds());
            b.append(String.format(Locale.ROOT, "  %s: window %.1f s, relay CPU %.2f s%s, %d frames (expected %.0f),"
                            + " latency matched %d (%d read before the direct copy), unmatched %d,"
                            + " viewer reconnects %d; simulator %.2f cores, harness %.2f cores, load %.1f%s%n",
                    r.system(), r.windowSeconds(), r.cpuSeconds(), jvm, r.frames(), r.expectedFrames(), r.matched(),
                    r.early(), r.unmatched(), r.viewerReconnects(), r.simulatorCores(), r.harnessCores(),
                    r.loadAverage(), r.note().isEmpty() ? "" : "; " + r.note()));
        }
        for (String f : failures) {
            b.append("  FAILED ").append(f).append(System.lineSeparator());
        }
        PhaseResult ffmpeg = find(rows, "ffmpeg");
        for (PhaseResult r : rows) {
            if (r.system().startsWith("gateway") && ffmpeg != null && r.cpuPerStreamSecond() > 0) {
                b.append(String.format(Locale.ROOT, "  CPU per stream, ffmpeg / %s: %.1fx%n", r.system(),
                        ffmpeg.cpuPerStreamSecond() / r.cpuPerStreamSecond()));
                double steady = r.cpuPerStreamSecondWithoutJit();
                if (steady > 0) {
                    b.append(String.format(Locale.ROOT,
                            "  CPU per stream, ffmpeg / %s without its JIT compiler: %.1fx%n", r.system(),
                            ffmpeg.cpuPerStreamSecond() / steady));
                }
            }
        }
        return b.toString();
    }

    private static PhaseResult find(List<PhaseResult> rows, String prefix) {
        return rows.stream().filter(r -> r.system().startsWith(prefix)).findFirst().orElse(null);
    }

    private static String mb(double bytes) {
        return num("%.2f", bytes / (1024.0 * 1024.0));
    }

    private static String num(String format, double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "-" : String.format(Locale.ROOT, format, v);
    }
}
