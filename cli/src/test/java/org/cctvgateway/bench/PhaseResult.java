package org.cctvgateway.bench;

/**
 * What one system measured for one N over the window.
 *
 * @param system the row label
 * @param streams N, the camera streams relayed
 * @param viewersPerStream M
 * @param windowSeconds the measured wall time
 * @param cpuSeconds user + system CPU of the relay process(es) over the window
 * @param jitCpuSeconds of that, the JIT compiler threads' (JVM relays; NaN otherwise)
 * @param gcCpuSeconds of that, the garbage collector's threads' and the VM thread's (JVM relays; NaN otherwise)
 * @param bytes NAL payload bytes the viewers received over the window
 * @param frames frames the viewers received over the window
 * @param expectedFrames N x M x fps x window
 * @param p50Millis median added latency, NaN when nothing matched
 * @param p99Millis 99th percentile added latency, NaN when nothing matched
 * @param matched frames whose latency was measured
 * @param early of those, frames the harness read through the relay before the direct copy
 * @param unmatched frames in the window that had no direct counterpart
 * @param heapPerStreamBytes live heap after a full GC minus the 0-stream baseline, per stream; NaN if not measured
 * @param rssBytes resident memory of the relay process(es) at the end of the window
 * @param rssMarginalPerStreamBytes RSS minus the 0-stream baseline, per stream; NaN where there is no baseline
 * @param viewerReconnects viewer sessions that had to reconnect (or discontinuities)
 * @param simulatorCores CPU cores the camera simulator used over the window
 * @param harnessCores CPU cores the benchmark JVM (direct subscriptions and viewers) used
 * @param loadAverage the 1-minute load average at the end of the window
 * @param note empty, or what went wrong
 */
record PhaseResult(String system, int streams, int viewersPerStream, double windowSeconds, double cpuSeconds,
                   double jitCpuSeconds, double gcCpuSeconds, long bytes, long frames, double expectedFrames,
                   double p50Millis, double p99Millis, long matched, long early, long unmatched,
                   double heapPerStreamBytes, long rssBytes,
                   double rssMarginalPerStreamBytes, long viewerReconnects, double simulatorCores,
                   double harnessCores, double loadAverage, String note) {

    PhaseResult {
        if (streams < 1 || viewersPerStream < 1 || windowSeconds <= 0) {
            throw new IllegalArgumentException("streams " + streams + ", viewers " + viewersPerStream + ", window "
                    + windowSeconds + " must be positive");
        }
    }

    /** CPU seconds per stream-second: cpu / (N x window). */
    double cpuPerStreamSecond() {
        return cpuSeconds / (streams * windowSeconds);
    }

    /** CPU seconds per stream-second without the JIT compiler's share (steady state); NaN when not known. */
    double cpuPerStreamSecondWithoutJit() {
        return (cpuSeconds - jitCpuSeconds) / (streams * windowSeconds);
    }

    double megabytesPerSecond() {
        return bytes / windowSeconds / 1e6;
    }

    double framesPercent() {
        return expectedFrames <= 0 ? Double.NaN : 100.0 * frames / expectedFrames;
    }

    double rssPerStreamBytes() {
        return (double) rssBytes / streams;
    }
}
