package org.cctvgateway.cli.simulator;

import io.micrometer.core.instrument.Clock;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.AccessUnitSink;
import org.cctvgateway.media.Codec;
import org.cctvgateway.media.NalUnits;
import org.cctvgateway.media.ParameterSets;
import org.cctvgateway.media.TrackInfo;
import org.cctvgateway.spi.SourceState;
import org.cctvgateway.spi.SourceStatus;
import org.cctvgateway.spi.StreamSource;

/**
 * A camera's sensor, simulated: loops a clip's access units at its frame rate with correct,
 * advancing 90 kHz timestamps that continue across the loop, and a capture time from the
 * wall clock. Like a real camera it starts its RTP timeline at a random point, so a restarted
 * simulated camera jumps its clock the way a rebooted camera does.
 *
 * <p>The NAL bytes are shared read-only arrays, wrapped (not copied) for each access unit.
 */
public final class ClipSource implements StreamSource {
    private final Clip clip;
    private final EventExecutor executor;
    private final Clock clock;
    private final long tickBase = ThreadLocalRandom.current().nextLong(0, 1L << 31);
    private final long ticksPerFrame;

    private volatile SourceState state = SourceState.IDLE;
    private volatile Instant since = Instant.now();
    private ScheduledFuture<?> task;
    private long frameIndex;

    public ClipSource(Clip clip, EventExecutor executor, Clock clock) {
        this.clip = Objects.requireNonNull(clip, "clip");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ticksPerFrame = Math.round(Codec.CLOCK_RATE / clip.fps());
    }

    @Override
    public synchronized void start(AccessUnitSink sink) {
        if (state != SourceState.IDLE) {
            throw new IllegalStateException("clip source already started");
        }
        executor.execute(() -> sink.onTrack(new TrackInfo(clip.codec(), 96, Codec.CLOCK_RATE,
                ParameterSets.empty(clip.codec()))));
        long periodNanos = Math.round(1e9 / clip.fps());
        task = executor.scheduleAtFixedRate(() -> emit(sink), 0, periodNanos, TimeUnit.NANOSECONDS);
        setState(SourceState.STREAMING);
    }

    private void emit(AccessUnitSink sink) {
        List<byte[]> nals = clip.accessUnits().get((int) (frameIndex % clip.accessUnits().size()));
        List<ByteBuf> bufs = new ArrayList<>(nals.size());
        boolean keyframe = false;
        for (byte[] nal : nals) {
            bufs.add(Unpooled.wrappedBuffer(nal));
            keyframe |= NalUnits.isRandomAccess(clip.codec(), NalUnits.type(clip.codec(), nal));
        }
        long ts = tickBase + frameIndex * ticksPerFrame;
        frameIndex++;
        long now = clock.wallTime() * 1_000_000L;
        sink.onAccessUnit(new AccessUnit(clip.codec(), bufs, keyframe, ts, now, true, clock.monotonicTime()));
    }

    private void setState(SourceState s) {
        state = s;
        since = Instant.ofEpochMilli(clock.wallTime());
    }

    @Override
    public SourceStatus status() {
        return new SourceStatus(state, "", 0, since);
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
        setState(SourceState.CLOSED);
    }
}
