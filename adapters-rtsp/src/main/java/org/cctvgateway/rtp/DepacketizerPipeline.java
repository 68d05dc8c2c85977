package org.cctvgateway.rtp;

import io.micrometer.core.instrument.Clock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import java.util.Objects;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.Codec;
import org.cctvgateway.media.NalUnits;
import org.cctvgateway.media.TrackInfo;

/**
 * The codec-independent depacketizer: sequence reordering, timestamp unwrapping, access unit
 * boundaries, loss handling and stats, around a codec's {@link PayloadFormat}
 * ({@code H264PayloadFormat} for RFC 6184, {@code H265PayloadFormat} for RFC 7798; single NAL
 * units and aggregation entries are kept as retained slices of the packet, fragments are copied
 * once into a buffer sized to the NAL unit). {@link RtpDepacketizers} makes one per track.
 * Not thread-safe. See {@link RtpDepacketizer} for the contract.
 *
 * <p>Packets whose payload type is not the track's are counted as malformed and skipped without
 * breaking the current unit (they still occupy sequence numbers, so they pass the reorderer).
 * A change of SSRC means the camera restarted its RTP session: held packets and the current
 * unit are dropped, and the sequence restarts at the new source's first packet.
 */
public final class DepacketizerPipeline implements RtpDepacketizer {
    private final PayloadFormat format;
    private final Codec codec;
    private final int payloadType;
    private final RtpClockMapping clockMapping;
    private final Clock clock;
    private final SequenceReorderer reorderer;
    private final AccessUnitAssembler assembler;
    private final TimestampUnwrapper unwrapper = new TimestampUnwrapper();
    private final SequenceReorderer.Sink sink = this::onOrdered;

    private boolean haveSsrc;
    private long ssrc;
    private long unitTimestamp;
    private boolean waitForKeyframe;
    private List<AccessUnit> out;
    private long arrivalNanos;
    private String lastMalformedReason = "";

    private long received;
    private long malformed;
    private long emitted;
    private long droppedAfterLoss;
    private long ssrcChanges;

    public DepacketizerPipeline(PayloadFormat format, TrackInfo track, RtpClockMapping clockMapping, Clock clock,
                                DepacketizerLimits limits, ByteBufAllocator alloc) {
        this.format = Objects.requireNonNull(format, "format");
        this.codec = format.codec();
        if (track.codec() != codec) {
            throw new IllegalArgumentException("track codec " + track.codec() + " does not match payload format "
                    + codec);
        }
        this.payloadType = track.payloadType();
        this.clockMapping = Objects.requireNonNull(clockMapping, "clockMapping");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reorderer = new SequenceReorderer(limits.reorderWindow());
        this.assembler = new AccessUnitAssembler(limits, Objects.requireNonNull(alloc, "alloc"));
    }

    @Override
    public void push(RtpPacket packet, long arrivalNanos, List<AccessUnit> out) {
        received++;
        this.out = out;
        this.arrivalNanos = arrivalNanos;
        try {
            if (haveSsrc && packet.ssrc() != ssrc) {
                ssrcChanges++;
                reorderer.reset();
                dropUnit();
            }
            haveSsrc = true;
            ssrc = packet.ssrc();
            reorderer.push(packet, sink);
        } finally {
            this.out = null;
        }
    }

    private void onOrdered(RtpPacket packet, boolean lossBefore) {
        if (lossBefore) {
            dropUnit();
        }
        if (packet.payloadType() != payloadType) {
            malformed("payload type " + packet.payloadType() + " is not the track's " + payloadType);
            return;
        }
        long ts = unwrapper.unwrap(packet.timestamp());
        if (!assembler.isEmpty() && ts != unitTimestamp) {
            if (assembler.fragmentInProgress()) {
                malformed("timestamp changed inside a fragmented NAL unit");
                dropUnit();
            } else {
                // Some cameras never set the marker bit (gortsplib notes the FLIR M400): a new
                // timestamp ends the previous unit.
                emit();
            }
        }
        if (assembler.isEmpty()) {
            unitTimestamp = ts;
        }
        try {
            format.read(packet.payload(), assembler);
        } catch (RtpProtocolException e) {
            malformed(e.getMessage());
            dropUnit();
            return;
        }
        if (packet.marker()) {
            if (assembler.fragmentInProgress()) {
                malformed("marker bit set before the end of a fragmented NAL unit");
                dropUnit();
            } else {
                emit();
            }
        }
    }

    private void malformed(String reason) {
        malformed++;
        lastMalformedReason = reason;
    }

    /**
     * Discards the current unit and waits for the next keyframe; fragments whose start went with
     * it are then dropped quietly instead of being counted again.
     */
    private void dropUnit() {
        if (!assembler.isEmpty()) {
            droppedAfterLoss++;
        }
        assembler.discard(true);
        waitForKeyframe = true;
    }

    private void emit() {
        List<ByteBuf> nals = assembler.takeNals();
        if (nals.isEmpty()) {
            return;
        }
        boolean keyframe = false;
        for (ByteBuf nal : nals) {
            if (NalUnits.isRandomAccess(codec, NalUnits.type(codec, nal))) {
                keyframe = true;
                break;
            }
        }
        if (waitForKeyframe && !keyframe) {
            for (ByteBuf nal : nals) {
                nal.release();
            }
            droppedAfterLoss++;
            return;
        }
        waitForKeyframe = false;
        long capture = clockMapping.captureTimeNanosOrMin(unitTimestamp);
        boolean synced = capture != Long.MIN_VALUE;
        if (!synced) {
            capture = clock.wallTime() * 1_000_000L;
        }
        out.add(new AccessUnit(codec, nals, keyframe, unitTimestamp, capture, synced, arrivalNanos));
        emitted++;
    }

    @Override
    public DepacketizerStats stats() {
        return new DepacketizerStats(received, reorderer.lost(), reorderer.reordered(), malformed, emitted,
                droppedAfterLoss, reorderer.duplicated());
    }

    @Override
    public String lastMalformedReason() {
        return lastMalformedReason;
    }

    /** How often the SSRC changed (camera RTP session restarts). */
    public long ssrcChanges() {
        return ssrcChanges;
    }

    @Override
    public void reset() {
        reorderer.reset();
        assembler.discard(false);
        unwrapper.reset();
        haveSsrc = false;
        waitForKeyframe = false;
    }

    @Override
    public void close() {
        reset();
    }
}
