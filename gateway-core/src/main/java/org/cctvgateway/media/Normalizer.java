package org.cctvgateway.media;

import io.micrometer.core.instrument.Clock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.cctvgateway.media.h265.H265Vps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a camera's stream self-contained and continuous before it is fanned out:
 * <ul>
 *   <li><b>Parameter sets.</b> Remembers the sets announced out of band ({@link #onTrack}) and
 *       updates them from in-band VPS/SPS/PPS. Every keyframe leaves with its parameter sets
 *       in-band at the start of the unit, before SEI and slices: the camera's own when it sent
 *       them with the keyframe (not duplicated), the remembered ones otherwise. Access unit
 *       delimiters are removed.</li>
 *   <li><b>First keyframe.</b> Units are dropped (and counted) until a keyframe with complete
 *       parameter sets, at the start and after each {@link #onTrack} (a new camera session: the
 *       pictures before its first keyframe reference pictures the viewers never got).</li>
 *   <li><b>Stream info.</b> Before the first unit, and before any unit whose parameter sets differ
 *       from the last published ones (a resolution change, say), the sink gets a new
 *       {@link StreamInfo} read from the SPS (frame rate from the SPS VUI, or for H.265 the VPS
 *       timing). An SPS this reader cannot parse is logged once and published as size 0x0,
 *       profile "unknown": decoders may still read it, so the video keeps flowing.</li>
 *   <li><b>Timeline.</b> Output timestamps are 90 kHz, strictly increasing and continuous:
 *       {@code out = in + offset}. After {@link #onDiscontinuity}, a new session, or an input jump
 *       of more than 2 s beyond the typical frame interval, the next output is the last output
 *       plus the typical interval (the median of recent intervals, 3600 ticks before any). Streams
 *       whose presentation order differs from decoding order (B-frames) are not supported: a step
 *       backwards becomes last output + 1.</li>
 *   <li><b>Clocks.</b> Capture times pass through unchanged: the camera's (RTCP sender reports)
 *       when {@code cameraClock}, else the gateway's arrival wall time.
 *       {@link #clockDriftSeconds()} is the smoothed camera capture time minus the gateway's wall
 *       time when the unit is processed.</li>
 * </ul>
 *
 * <p><b>Threading.</b> Single-threaded: every {@link AccessUnitSink} method must be called from
 * one source thread at a time, as the sink contract says. The counters and
 * {@link #clockDriftSeconds()} may be read from any thread.
 *
 * <p><b>Ownership.</b> {@link #onAccessUnit} takes ownership of its input and always releases it.
 * The unit handed to the sink is new: it owns the input's NAL buffers (retained duplicates) and
 * unpooled copies of the inserted parameter sets; the sink takes ownership of it. If the sink
 * throws, the normalizer releases the reference it handed over (a sink that throws must not keep
 * the unit without retaining it) and rethrows.
 */
public final class Normalizer implements AccessUnitSink {
    private static final Logger LOG = LoggerFactory.getLogger(Normalizer.class);
    /** Weight of a new sample in the drift average: about the last 20 units dominate. */
    private static final double DRIFT_SMOOTHING = 0.05;

    private final String context;
    private final NormalizedStreamSink out;
    private final Clock clock;
    private final OutputTimeline timeline = new OutputTimeline();

    private Codec codec;
    private ParameterSets params;
    private ParameterSets published;
    private byte[] parsedSps = new byte[0];
    private SpsInfo parsedInfo;
    private boolean waitingForKeyframe = true;
    private long droppedThisWait;

    private volatile long framesIn;
    private volatile long framesOut;
    private volatile long framesDroppedWaitingForKeyframe;
    private volatile long discontinuities;
    private volatile long streamInfoChanges;
    private volatile double clockDriftSeconds = Double.NaN;

    /**
     * @param context the log prefix, {@code site/camera/profile}
     * @param out where normalized units go; borrowed, not closed
     * @param clock the gateway's wall clock, for drift
     */
    public Normalizer(String context, NormalizedStreamSink out, Clock clock) {
        this.context = Objects.requireNonNull(context, "context");
        this.out = Objects.requireNonNull(out, "out");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void onTrack(TrackInfo track) {
        boolean newSession = codec != null;
        if (codec != track.codec()) {
            codec = track.codec();
            params = ParameterSets.empty(codec);
        }
        for (byte[] set : track.parameterSets().inDecodingOrder()) {
            params = params.with(set);
        }
        if (newSession) {
            timeline.discontinuity();
            startWaiting();
        }
    }

    @Override
    public void onDiscontinuity(String reason) {
        timeline.discontinuity();
        discontinuities++;
        LOG.info("{} - timeline discontinuity ({}), re-anchoring output timestamps", context, reason);
    }

    /** Takes ownership of {@code unit}; see the class comment for what is delivered. */
    @Override
    public void onAccessUnit(AccessUnit unit) {
        AccessUnit output;
        StreamInfo info;
        try {
            framesIn++;
            if (codec != unit.codec()) {
                codec = unit.codec();
                params = ParameterSets.empty(codec);
                startWaiting();
            }
            boolean keyframe = unit.isKeyframe();
            for (ByteBuf nal : unit.nalUnits()) {
                int type = NalUnits.type(codec, nal);
                keyframe |= NalUnits.isRandomAccess(codec, type);
                if (NalUnits.isParameterSet(codec, type)) {
                    params = params.with(ByteBufUtil.getBytes(nal));
                }
            }
            if (waitingForKeyframe) {
                if (!keyframe || !params.complete()) {
                    framesDroppedWaitingForKeyframe++;
                    droppedThisWait++;
                    return;
                }
                waitingForKeyframe = false;
                LOG.info("{} - first keyframe, streaming ({} units dropped before it)", context, droppedThisWait);
            }
            info = params.equals(published) ? null : streamInfo();
            long jumpsBefore = timeline.jumps();
            long timestamp = timeline.map(unit.timestamp());
            if (timeline.jumps() != jumpsBefore) {
                discontinuities++;
                LOG.warn("{} - camera timestamps jumped (input {}), re-anchored output timestamps", context,
                        unit.timestamp());
            }
            if (unit.cameraClock()) {
                updateDrift(unit.captureTimeNanos());
            }
            output = new AccessUnit(codec, outputNals(unit, keyframe), keyframe, timestamp,
                    unit.captureTimeNanos(), unit.cameraClock(), unit.arrivalNanos());
        } finally {
            unit.release();
        }
        deliver(output, info);
    }

    private void deliver(AccessUnit output, StreamInfo info) {
        try {
            if (info != null) {
                out.onStreamInfo(info);
                published = info.parameterSets();
                streamInfoChanges++;
            }
            framesOut++;
            out.onAccessUnit(output);
        } catch (RuntimeException | Error e) {
            if (output.refCnt() > 0) {
                output.release();
            }
            throw e;
        }
    }

    /**
     * The output NAL list: AUDs removed; for a keyframe the parameter sets first, the camera's
     * own copies where it sent them, the remembered ones where it did not.
     */
    private List<ByteBuf> outputNals(AccessUnit unit, boolean keyframe) {
        List<ByteBuf> nals = new ArrayList<>(unit.nalUnits().size() + 3);
        try {
            if (keyframe) {
                for (byte[] set : params.inDecodingOrder()) {
                    int wanted = NalUnits.type(codec, set);
                    boolean inBand = false;
                    for (ByteBuf nal : unit.nalUnits()) {
                        if (NalUnits.type(codec, nal) == wanted) {
                            nals.add(nal.retainedDuplicate());
                            inBand = true;
                        }
                    }
                    if (!inBand) {
                        nals.add(Unpooled.wrappedBuffer(set));
                    }
                }
            }
            for (ByteBuf nal : unit.nalUnits()) {
                int type = NalUnits.type(codec, nal);
                boolean placed = keyframe && NalUnits.isParameterSet(codec, type);
                if (type >= 0 && !placed && !NalUnits.isAccessUnitDelimiter(codec, type)) {
                    nals.add(nal.retainedDuplicate());
                }
            }
            return nals;
        } catch (RuntimeException | Error e) {
            nals.forEach(ByteBuf::release);
            throw e;
        }
    }

    private StreamInfo streamInfo() {
        byte[] sps = params.sps();
        if (!Arrays.equals(sps, parsedSps)) {
            parsedSps = sps;
            try {
                parsedInfo = SpsInfo.parse(codec, sps);
                LOG.info("{} - stream is {} {}x{} {} level {} at {} fps", context, codec, parsedInfo.width(),
                        parsedInfo.height(), parsedInfo.profile(), parsedInfo.level(), parsedInfo.frameRate());
            } catch (MediaFormatException e) {
                parsedInfo = null;
                LOG.warn("{} - cannot read the camera's SPS, publishing the stream without its size: {}", context,
                        e.getMessage());
            }
        }
        if (parsedInfo == null) {
            return new StreamInfo(codec, 0, 0, 0, "unknown", "", params);
        }
        double frameRate = parsedInfo.frameRate();
        if (frameRate == 0 && codec == Codec.H265) {
            frameRate = vpsFrameRate(params.vps());
        }
        return new StreamInfo(codec, parsedInfo.width(), parsedInfo.height(), frameRate, parsedInfo.profile(),
                parsedInfo.level(), params);
    }

    private static double vpsFrameRate(byte[] vps) {
        try {
            return H265Vps.parse(vps).frameRate();
        } catch (MediaFormatException e) {
            return 0; // the VPS timing is optional; an unreadable one only costs the frame rate
        }
    }

    private void updateDrift(long captureTimeNanos) {
        double sample = (captureTimeNanos - clock.wallTime() * 1_000_000L) / 1e9;
        double previous = clockDriftSeconds;
        clockDriftSeconds = Double.isNaN(previous) ? sample : previous + DRIFT_SMOOTHING * (sample - previous);
    }

    private void startWaiting() {
        waitingForKeyframe = true;
        droppedThisWait = 0;
    }

    /** Access units received. */
    public long framesIn() {
        return framesIn;
    }

    /** Access units delivered to the sink. */
    public long framesOut() {
        return framesOut;
    }

    /** Access units dropped because no keyframe with complete parameter sets had come yet. */
    public long framesDroppedWaitingForKeyframe() {
        return framesDroppedWaitingForKeyframe;
    }

    /** Discontinuities: announced by the source plus input jumps detected here. */
    public long discontinuities() {
        return discontinuities;
    }

    /** How many times a new {@link StreamInfo} was published, the first included. */
    public long streamInfoChanges() {
        return streamInfoChanges;
    }

    /**
     * Camera capture clock minus gateway wall clock, in seconds, smoothed; NaN until the camera
     * sends a capture time of its own (RTCP sender reports).
     */
    public double clockDriftSeconds() {
        return clockDriftSeconds;
    }
}
