package org.cctvgateway.cli.validation;

import io.micrometer.core.instrument.Clock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.AccessUnitSink;
import org.cctvgateway.media.Codec;
import org.cctvgateway.media.MediaFormatException;
import org.cctvgateway.media.NalUnits;
import org.cctvgateway.media.SpsInfo;
import org.cctvgateway.media.TrackInfo;
import org.cctvgateway.rtsp.client.RtspSourceOptions;
import org.cctvgateway.rtsp.client.RtspStreamSource;
import org.cctvgateway.rtsp.codec.RtspUrls;
import org.cctvgateway.spi.SourceState;
import org.cctvgateway.validation.StreamFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples one stream for a window through the gateway's own RTSP client ({@link RtspStreamSource}),
 * recording the times and sizes of every access unit (never the pictures: each unit is released as
 * soon as it is measured), then computes {@link StreamFacts} with {@link SampleStatistics}.
 *
 * <p>The window starts at the first access unit and lasts {@code window}; the wait for that first
 * unit is bounded by the connect timeout. A stream that gives no unit in time is reported
 * {@link StreamFacts#unreachable} with the client's last error in {@link Result#error()}.
 *
 * <p>Blocks the calling thread for the window; never call it on an event loop.
 */
public final class StreamSampler {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSampler.class);
    /** Access units kept per window: 120 fps for 10 minutes; beyond that the window ends early. */
    static final int MAX_UNITS = 72_000;

    private final EventLoopGroup group;
    private final Clock clock;
    private final Duration connectTimeout;

    /**
     * @param group the event loop group the RTSP client runs on; borrowed, not shut down
     * @param connectTimeout the limit for connecting and for the first frame
     */
    public StreamSampler(EventLoopGroup group, Clock clock, Duration connectTimeout) {
        this.group = Objects.requireNonNull(group, "group");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    }

    /**
     * The facts of one sampled stream, and why it could not be sampled when it could not.
     *
     * @param error empty when frames arrived; otherwise the client's reason, without credentials
     */
    public record Result(StreamFacts facts, String error) {
        public Result {
            Objects.requireNonNull(facts, "facts");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * Samples {@code uri} (without user-info) for {@code window}, logging in as {@code user} when it
     * is not empty.
     */
    public Result sample(String role, URI uri, String user, String password, Duration window) {
        Recorder recorder = new Recorder();
        RtspSourceOptions options = RtspSourceOptions.defaults(uri, user, password)
                .withTimeouts(connectTimeout, connectTimeout, connectTimeout, connectTimeout);
        long connect = clock.monotonicTime();
        String error = "";
        String context = "validate/" + role;
        try (RtspStreamSource source = new RtspStreamSource(options, context, group, clock)) {
            source.start(recorder);
            long firstDeadline = connect + connectTimeout.toNanos() * 2;
            long windowNanos = window.toNanos();
            while (true) {
                long now = clock.monotonicTime();
                Long first = recorder.firstArrival();
                if (first == null) {
                    if (source.status().state() == SourceState.BACKING_OFF || now >= firstDeadline) {
                        error = source.status().lastError().isEmpty()
                                ? "no frame within " + connectTimeout.toMillis() * 2 + " ms"
                                : source.status().lastError();
                        break;
                    }
                } else if (now - first >= windowNanos || recorder.full()) {
                    break;
                }
                sleep(20);
            }
            recorder.stop();
            LOG.debug("{} - sampled {}: {} units", context, RtspUrls.redact(uri.toString()), recorder.count());
            return new Result(recorder.facts(role, connect, source.packetsLost(), source.largestPacketBytes()), error);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sampling", e);
        }
    }

    /** Records units on the client's event loop; read by the sampling thread under its lock. */
    private final class Recorder implements AccessUnitSink {
        private final List<UnitSample> samples = new ArrayList<>();
        private Codec codec;
        private boolean sdpParameterSets;
        private int[] size;
        private boolean stopped;
        private boolean discontinuity;

        @Override
        public synchronized void onTrack(TrackInfo track) {
            if (codec == null) {
                codec = track.codec();
                sdpParameterSets = track.parameterSets().complete();
                byte[] sps = track.parameterSets().sps();
                if (sps.length > 0) {
                    readSize(sps);
                }
            }
        }

        @Override
        public void onAccessUnit(AccessUnit unit) {
            try {
                record(unit);
            } finally {
                unit.release();
            }
        }

        private synchronized void record(AccessUnit unit) {
            if (stopped || discontinuity || samples.size() >= MAX_UNITS) {
                return;
            }
            boolean sps = false;
            boolean pps = false;
            boolean vps = unit.codec() == Codec.H264;
            int packets = 0;
            for (ByteBuf nal : unit.nalUnits()) {
                packets += SampleStatistics.packetsFor(nal.readableBytes());
                int type = NalUnits.type(unit.codec(), nal);
                if (type == (unit.codec() == Codec.H264 ? NalUnits.H264_SPS : NalUnits.H265_SPS)) {
                    sps = true;
                    if (size == null) {
                        readSize(ByteBufUtil.getBytes(nal));
                    }
                } else if (type == (unit.codec() == Codec.H264 ? NalUnits.H264_PPS : NalUnits.H265_PPS)) {
                    pps = true;
                } else if (unit.codec() == Codec.H265 && type == NalUnits.H265_VPS) {
                    vps = true;
                }
            }
            samples.add(new UnitSample(unit.timestamp(), unit.arrivalNanos(), clock.wallTime(),
                    unit.captureTimeNanos(), unit.cameraClock(), unit.isKeyframe(), unit.size(), sps && pps && vps,
                    packets));
        }

        private void readSize(byte[] sps) {
            try {
                SpsInfo info = SpsInfo.parse(codec, sps);
                size = new int[] {info.width(), info.height()};
            } catch (MediaFormatException e) {
                LOG.debug("unreadable SPS while sampling: {}", e.getMessage());
            }
        }

        @Override
        public synchronized void onDiscontinuity(String reason) {
            // A reconnect mid-window: the timeline restarts, so the window ends here.
            discontinuity = true;
        }

        synchronized Long firstArrival() {
            return samples.isEmpty() ? null : samples.get(0).arrivalNanos();
        }

        synchronized boolean full() {
            return samples.size() >= MAX_UNITS || discontinuity;
        }

        synchronized int count() {
            return samples.size();
        }

        synchronized void stop() {
            stopped = true;
        }

        synchronized StreamFacts facts(String role, long connectNanos, long packetsLost, int largestPacket) {
            return SampleStatistics.facts(role, codec, size, sdpParameterSets, List.copyOf(samples), connectNanos,
                    packetsLost, largestPacket);
        }
    }
}
