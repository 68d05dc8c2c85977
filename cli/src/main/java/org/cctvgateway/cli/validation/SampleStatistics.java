package org.cctvgateway.cli.validation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.cctvgateway.media.Codec;
import org.cctvgateway.validation.StreamFacts;

/**
 * Turns what a sampling window recorded into {@link StreamFacts}. Pure: plain values in, facts out.
 *
 * <p>Rates are computed over <em>media</em> time (the 90 kHz timestamps), not arrival time: a camera or
 * gateway that keeps the current GOP sends it in a burst to a new viewer, so the first second of
 * arrivals says nothing about the stream's rate, while its timestamps do.
 *
 * <ul>
 *   <li>frame rate: (units - 1) / (last - first timestamp)</li>
 *   <li>bitrate: bytes of every unit but the last over the same span (payload without start codes)</li>
 *   <li>GOP: the mean distance between key frames; with fewer than two key frames in the window, the
 *       longest stretch without one, a lower bound (a 10 s GOP seen through a 5 s window reads at
 *       least 5 s)</li>
 *   <li>timestamp jitter: mean absolute deviation of the inter-frame timestamp steps from their
 *       median, in milliseconds; 0 for a camera that stamps every frame exactly</li>
 *   <li>clock drift: the largest (capture time - arrival wall time) over units timed by sender
 *       reports: the least-delayed unit comes closest to the true offset</li>
 *   <li>packet loss: lost / (lost + packets), where packets is estimated from the NAL sizes (one RTP
 *       packet per NAL up to {@link #ASSUMED_PAYLOAD_BYTES}, fragments beyond) because the RTSP
 *       client counts lost packets but not received ones</li>
 *   <li>largest RTP packet: the largest the client received, header included (-1 when none)</li>
 * </ul>
 */
final class SampleStatistics {
    /** RTP payload per packet assumed for the packet count estimate (a 1500-byte MTU less headers). */
    static final int ASSUMED_PAYLOAD_BYTES = 1400;
    private static final double TICKS = Codec.CLOCK_RATE;

    private SampleStatistics() {
    }

    /** RTP packets a NAL unit of {@code bytes} takes: one, or FU fragments of the assumed payload. */
    static int packetsFor(int bytes) {
        return bytes <= ASSUMED_PAYLOAD_BYTES ? 1 : (bytes + ASSUMED_PAYLOAD_BYTES - 4) / (ASSUMED_PAYLOAD_BYTES - 2);
    }

    /**
     * The facts of one window.
     *
     * @param codec the track's codec, null when no track was announced
     * @param size width and height read from an SPS, or null when none could be read
     * @param parameterSetsInSdp the SDP announced every parameter set
     * @param samples the units in arrival order
     * @param connectNanos the monotonic time the connection was started
     * @param packetsLost RTP packets the client counted as lost
     */
    static StreamFacts facts(String role, Codec codec, int[] size, boolean parameterSetsInSdp, List<UnitSample> samples,
                             long connectNanos, long packetsLost, int largestPacket) {
        Objects.requireNonNull(role, "role");
        if (samples.isEmpty()) {
            StreamFacts none = StreamFacts.unreachable(role);
            return new StreamFacts(role, codec == null ? "" : codec.name(), size == null ? -1 : size[0],
                    size == null ? -1 : size[1], Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    false, parameterSetsInSdp, false, Double.NaN, -1, none.startSeconds());
        }
        UnitSample first = samples.get(0);
        UnitSample last = samples.get(samples.size() - 1);
        double span = (last.timestamp() - first.timestamp()) / TICKS;
        double frameRate = Double.NaN;
        double bitrate = Double.NaN;
        if (samples.size() > 1 && span > 0) {
            long bytes = 0;
            for (int i = 0; i < samples.size() - 1; i++) {
                bytes += samples.get(i).bytes();
            }
            frameRate = (samples.size() - 1) / span;
            bitrate = bytes * 8 / 1000.0 / span;
        }
        List<UnitSample> keys = new ArrayList<>();
        long packets = 0;
        boolean senderReports = false;
        double drift = Double.NEGATIVE_INFINITY;
        for (UnitSample s : samples) {
            if (s.keyframe()) {
                keys.add(s);
            }
            packets += s.packets();
            if (s.cameraClock()) {
                senderReports = true;
                drift = Math.max(drift, (s.captureTimeNanos() - s.arrivalWallMillis() * 1_000_000L) / 1e9);
            }
        }
        double timeToKey = keys.isEmpty() ? Double.NaN : (keys.get(0).arrivalNanos() - first.arrivalNanos()) / 1e9;
        boolean inBand = !keys.isEmpty() && keys.stream().allMatch(UnitSample::parameterSets);
        double loss = packets + packetsLost == 0 ? Double.NaN : packetsLost / (double) (packets + packetsLost);
        return new StreamFacts(role, codec == null ? "" : codec.name(), size == null ? -1 : size[0],
                size == null ? -1 : size[1], frameRate, bitrate, gopSeconds(keys, first, last), timeToKey, loss,
                jitterMs(samples), inBand, parameterSetsInSdp, senderReports, senderReports ? drift : Double.NaN,
                largestPacket > 0 ? largestPacket : -1,
                (first.arrivalNanos() - connectNanos) / 1e9);
    }

    static double gopSeconds(List<UnitSample> keys, UnitSample first, UnitSample last) {
        if (keys.size() >= 2) {
            return (keys.get(keys.size() - 1).timestamp() - keys.get(0).timestamp()) / TICKS / (keys.size() - 1);
        }
        if (keys.isEmpty()) {
            double span = (last.timestamp() - first.timestamp()) / TICKS;
            return span > 0 ? span : Double.NaN;
        }
        long key = keys.get(0).timestamp();
        double longest = Math.max(key - first.timestamp(), last.timestamp() - key) / TICKS;
        return longest > 0 ? longest : Double.NaN;
    }

    static double jitterMs(List<UnitSample> samples) {
        if (samples.size() < 3) {
            return Double.NaN;
        }
        long[] steps = new long[samples.size() - 1];
        for (int i = 1; i < samples.size(); i++) {
            steps[i - 1] = samples.get(i).timestamp() - samples.get(i - 1).timestamp();
        }
        long[] sorted = steps.clone();
        Arrays.sort(sorted);
        long median = sorted[sorted.length / 2];
        double sum = 0;
        for (long s : steps) {
            sum += Math.abs(s - median);
        }
        return sum / steps.length / TICKS * 1000;
    }
}
