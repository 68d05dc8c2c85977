package org.cctvgateway.rtp.h265;

import io.micrometer.core.instrument.Clock;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.TrackInfo;
import org.cctvgateway.rtp.DepacketizerLimits;
import org.cctvgateway.rtp.DepacketizerPipeline;
import org.cctvgateway.rtp.DepacketizerStats;
import org.cctvgateway.rtp.RtpClockMapping;
import org.cctvgateway.rtp.RtpDepacketizer;
import org.cctvgateway.rtp.RtpPacket;

/**
 * H.265 depacketizer (RFC 7798, no DONL): single NAL units are kept as retained
 * slices of the packet, FU fragments are copied once into a buffer sized to the NAL unit.
 * Not thread-safe. See {@link RtpDepacketizer} for ordering, loss and timing rules.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7798#section-4.4.3">RFC 7798 §4.4.3</a>
 */
public final class H265Depacketizer implements RtpDepacketizer {
    private final DepacketizerPipeline pipeline;

    public H265Depacketizer(TrackInfo track, RtpClockMapping clockMapping, Clock clock, DepacketizerLimits limits) {
        this(track, clockMapping, clock, limits, ByteBufAllocator.DEFAULT);
    }

    /** @param alloc where reassembled FU NAL units are copied to */
    public H265Depacketizer(TrackInfo track, RtpClockMapping clockMapping, Clock clock, DepacketizerLimits limits,
                            ByteBufAllocator alloc) {
        this.pipeline = new DepacketizerPipeline(new H265PayloadFormat(), track, clockMapping, clock, limits, alloc);
    }

    @Override
    public void push(RtpPacket packet, long arrivalNanos, List<AccessUnit> out) {
        pipeline.push(packet, arrivalNanos, out);
    }

    @Override
    public DepacketizerStats stats() {
        return pipeline.stats();
    }

    @Override
    public String lastMalformedReason() {
        return pipeline.lastMalformedReason();
    }

    @Override
    public void reset() {
        pipeline.reset();
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
