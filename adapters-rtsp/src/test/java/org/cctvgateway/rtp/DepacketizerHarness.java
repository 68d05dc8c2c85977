package org.cctvgateway.rtp;

import io.micrometer.core.instrument.MockClock;
import java.util.ArrayList;
import java.util.List;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.Codec;
import org.cctvgateway.media.ParameterSets;
import org.cctvgateway.media.TrackInfo;

/**
 * Drives a depacketizer with packets built from fields; collects the units, which the test
 * releases with {@link #close()}.
 */
public final class DepacketizerHarness implements AutoCloseable {
    public static final int PT = 96;

    public final MockClock clock = new MockClock();
    public final RtpClockMapping mapping = new RtpClockMapping(90_000);
    public final RtpDepacketizer depacketizer;
    public final List<AccessUnit> units = new ArrayList<>();
    private long arrival;

    public DepacketizerHarness(Codec codec) {
        this(codec, DepacketizerLimits.defaults());
    }

    public DepacketizerHarness(Codec codec, DepacketizerLimits limits) {
        TrackInfo track = new TrackInfo(codec, PT, 90_000, ParameterSets.empty(codec));
        depacketizer = RtpDepacketizers.create(track, mapping, clock, limits);
    }

    /** Pushes one packet (arrival time 1 ms after the previous) and releases it. */
    public DepacketizerHarness push(boolean marker, int seq, long ts, byte[] payload) {
        return push(marker, PT, seq, ts, payload);
    }

    public DepacketizerHarness push(boolean marker, int pt, int seq, long ts, byte[] payload) {
        RtpPacket p = RtpTestSupport.packet(marker, pt, seq, ts, payload);
        try {
            arrival += 1_000_000;
            depacketizer.push(p, arrival, units);
        } finally {
            p.release();
        }
        return this;
    }

    public long lastArrival() {
        return arrival;
    }

    public DepacketizerStats stats() {
        return depacketizer.stats();
    }

    /** The units' NAL units as hex strings, comparable with {@link #u}. */
    public List<List<String>> nals() {
        List<List<String>> out = new ArrayList<>();
        for (List<byte[]> unit : RtpTestSupport.nalArrays(units)) {
            out.add(u(unit.toArray(new byte[0][])));
        }
        return out;
    }

    /** One unit's NAL units as hex strings. */
    public static List<String> u(byte[]... nals) {
        List<String> out = new ArrayList<>();
        for (byte[] n : nals) {
            out.add(java.util.HexFormat.of().formatHex(n));
        }
        return out;
    }

    @Override
    public void close() {
        depacketizer.close();
        RtpTestSupport.releaseAll(units);
    }
}
