package org.cctvgateway.rtsp.client;

import io.micrometer.core.instrument.Clock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.TrackInfo;
import org.cctvgateway.rtp.DepacketizerLimits;
import org.cctvgateway.rtp.DepacketizerStats;
import org.cctvgateway.rtp.RtpClockMapping;
import org.cctvgateway.rtp.RtpDepacketizer;
import org.cctvgateway.rtp.RtpDepacketizers;
import org.cctvgateway.rtp.RtpPacket;
import org.cctvgateway.rtp.rtcp.ReceiverReport;
import org.cctvgateway.rtp.rtcp.SenderReport;

/**
 * The receiving end of one RTP session, whichever way packets arrive (interleaved or UDP):
 * decodes RTP into the depacketizer, feeds RTCP sender reports to the clock mapping, keeps
 * the reception statistics of RFC 3550 A.1, A.3 and A.8 and builds receiver reports from them.
 * Not thread-safe: driven from one event loop.
 */
final class RtpReceiver implements AutoCloseable {
    static final String CNAME = "cctv-gateway";

    private final TrackInfo track;
    private final RtpClockMapping clockMapping;
    private final RtpDepacketizer depacketizer;
    private final Consumer<AccessUnit> deliver;
    private final long reporterSsrc;
    private final List<AccessUnit> units = new ArrayList<>(4);

    private long malformedRtp;
    private int largestPacketBytes;
    private long malformedRtcp;
    private long senderReports;
    // RFC 3550 A.1 sequence state for the source being reported on.
    private boolean seen;
    private long sourceSsrc;
    private int maxSeq;
    private long cycles;
    private long baseSeq;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    // RFC 3550 A.8 jitter, in timestamp units scaled by 16 as the appendix does.
    private long lastTransit;
    private boolean haveTransit;
    private long jitter16;
    private long lastSrCompact;
    private long lastSrArrivalNanos;
    private boolean closed;

    /**
     * @param deliver receives each finished access unit and takes ownership of it
     * @param reporterSsrc this receiver's own SSRC for its reports
     */
    RtpReceiver(TrackInfo track, Clock clock, Consumer<AccessUnit> deliver, long reporterSsrc) {
        this.track = Objects.requireNonNull(track, "track");
        this.clockMapping = new RtpClockMapping(track.clockRate());
        this.depacketizer = RtpDepacketizers.create(track, clockMapping, clock, DepacketizerLimits.defaults());
        this.deliver = Objects.requireNonNull(deliver, "deliver");
        this.reporterSsrc = reporterSsrc;
    }

    /** Borrows {@code datagram}: one RTP packet. Malformed packets are counted and skipped. */
    void onRtp(ByteBuf datagram, long arrivalNanos) {
        if (closed) {
            return;
        }
        largestPacketBytes = Math.max(largestPacketBytes, datagram.readableBytes());
        RtpPacket packet;
        try {
            packet = RtpPacket.decode(datagram);
        } catch (DecoderException e) {
            malformedRtp++;
            return;
        }
        try {
            updateStatistics(packet, arrivalNanos);
            depacketizer.push(packet, arrivalNanos, units);
        } finally {
            packet.release();
        }
        for (int i = 0; i < units.size(); i++) {
            deliver.accept(units.get(i));
        }
        units.clear();
    }

    /** The largest RTP packet received so far, header included, in bytes; 0 before the first. */
    int largestPacketBytes() {
        return largestPacketBytes;
    }

    /** Borrows {@code compound}: one RTCP compound packet; sender reports sync the clock. */
    void onRtcp(ByteBuf compound, long arrivalNanos) {
        if (closed) {
            return;
        }
        List<SenderReport> reports;
        try {
            reports = SenderReport.decodeCompound(compound);
        } catch (DecoderException e) {
            malformedRtcp++;
            return;
        }
        for (SenderReport sr : reports) {
            if (seen && sr.ssrc() != sourceSsrc) {
                // A report about another stream of the camera (audio, another track) says nothing of ours.
                continue;
            }
            senderReports++;
            clockMapping.onSenderReport(sr.ntpTimestamp(), sr.rtpTimestamp());
            lastSrCompact = ReceiverReport.compactNtp(sr.ntpTimestamp());
            lastSrArrivalNanos = arrivalNanos;
        }
    }

    private void updateStatistics(RtpPacket p, long arrivalNanos) {
        int seq = p.sequenceNumber();
        if (!seen || p.ssrc() != sourceSsrc) {
            seen = true;
            sourceSsrc = p.ssrc();
            maxSeq = seq;
            baseSeq = seq;
            cycles = 0;
            received = 0;
            expectedPrior = 0;
            receivedPrior = 0;
            haveTransit = false;
            jitter16 = 0;
        } else {
            int delta = (seq - maxSeq) & 0xFFFF;
            if (delta > 0 && delta < 0x8000) {
                if (seq < maxSeq) {
                    cycles += 0x10000;
                }
                maxSeq = seq;
            }
        }
        received++;
        long arrivalTicks = (long) (arrivalNanos * (track.clockRate() / 1e9));
        long transit = (arrivalTicks - p.timestamp()) & 0xFFFF_FFFFL;
        if (haveTransit) {
            long d = Math.abs((int) (transit - lastTransit));
            jitter16 += d - ((jitter16 + 8) >> 4);
        }
        lastTransit = transit;
        haveTransit = true;
    }

    /** A receiver report for now, or null before any RTP arrived. The caller owns the buffer. */
    ByteBuf receiverReport(ByteBufAllocator alloc, long nowNanos) {
        if (!seen || closed) {
            return null;
        }
        long extendedMax = cycles + maxSeq;
        long expected = extendedMax - baseSeq + 1;
        int lost = ReceiverReport.saturateCumulativeLost(expected - received);
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        long lostInterval = expectedInterval - receivedInterval;
        expectedPrior = expected;
        receivedPrior = received;
        int fraction = expectedInterval <= 0 || lostInterval <= 0 ? 0
                : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        long dlsr = lastSrArrivalNanos == 0 && lastSrCompact == 0 ? 0
                : Math.min(0xFFFF_FFFFL, Math.max(0, (nowNanos - lastSrArrivalNanos) * 65536 / 1_000_000_000L));
        ReceiverReport rr = new ReceiverReport(reporterSsrc, sourceSsrc, fraction, lost,
                extendedMax & 0xFFFF_FFFFL, (jitter16 >> 4) & 0xFFFF_FFFFL, lastSrCompact, dlsr);
        return rr.encode(alloc, CNAME);
    }

    DepacketizerStats stats() {
        return depacketizer.stats();
    }

    RtpClockMapping clockMapping() {
        return clockMapping;
    }

    long malformedRtp() {
        return malformedRtp;
    }

    long malformedRtcp() {
        return malformedRtcp;
    }

    long senderReports() {
        return senderReports;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            depacketizer.close();
        }
    }
}
