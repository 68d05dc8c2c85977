package org.cctvgateway.rtp;

import io.micrometer.core.instrument.Clock;
import org.cctvgateway.media.TrackInfo;
import io.netty.buffer.ByteBufAllocator;
import org.cctvgateway.rtp.h264.H264PayloadFormat;
import org.cctvgateway.rtp.h265.H265PayloadFormat;

/** Makes the depacketizer for a track's codec. */
public final class RtpDepacketizers {
    private RtpDepacketizers() {
    }

    /**
     * @param track the track (codec and payload type); packets of other payload types are dropped
     *              as malformed
     * @param clockMapping the camera's RTCP sender-report mapping, shared with the RTCP reader
     * @param clock wall time for units that arrive before the first sender report
     */
    public static RtpDepacketizer create(TrackInfo track, RtpClockMapping clockMapping, Clock clock,
                                         DepacketizerLimits limits) {
        switch (track.codec()) {
            case H264:
                return new DepacketizerPipeline(new H264PayloadFormat(), track, clockMapping, clock, limits,
                        ByteBufAllocator.DEFAULT);
            case H265:
                return new DepacketizerPipeline(new H265PayloadFormat(), track, clockMapping, clock, limits,
                        ByteBufAllocator.DEFAULT);
            default:
                throw new IllegalArgumentException("no depacketizer for codec " + track.codec());
        }
    }
}
