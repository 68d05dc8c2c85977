package org.cctvgateway.rtsp.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.AnnexB;
import org.cctvgateway.media.Codec;
import org.cctvgateway.media.ParameterSets;
import org.cctvgateway.media.StreamHub;
import org.cctvgateway.media.StreamInfo;

/**
 * Loops a test clip into a {@link StreamHub} with advancing timestamps (90 kHz, 25 fps) and
 * capture times, on its own thread, paced at a chosen interval per frame.
 */
final class ClipFeeder implements AutoCloseable {
    static final long TICKS_PER_FRAME = 3600;

    private final StreamHub hub;
    private final Clip clip;
    private final Duration interval;
    private final Thread thread;
    private final AtomicLong fed = new AtomicLong();
    private volatile boolean running = true;
    private long index;
    private final long startEpochNanos = System.currentTimeMillis() * 1_000_000L;

    /** A clip file from the test resources, split into access units. */
    record Clip(Codec codec, int width, int height, List<List<byte[]>> units) {
        static Clip h264() {
            return Loaded.H264;
        }

        static Clip h265() {
            return Loaded.H265;
        }

        static Clip load(Codec codec, String resource, int width, int height) {
            try (InputStream in = ClipFeeder.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource " + resource);
                }
                return new Clip(codec, width, height, AnnexB.accessUnits(codec, in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        StreamInfo info() {
            ParameterSets sets = ParameterSets.empty(codec);
            for (byte[] nal : units.get(0)) {
                sets = sets.with(nal);
            }
            return new StreamInfo(codec, width, height, 25.0, "Main", "", sets);
        }
    }

    /** Clips are read once per JVM; they are immutable (byte arrays are never written). */
    private static final class Loaded {
        static final Clip H264 = Clip.load(Codec.H264, "clip-320x240.h264", 320, 240);
        static final Clip H265 = Clip.load(Codec.H265, "clip-352x288.h265", 352, 288);
    }

    private ClipFeeder(StreamHub hub, Clip clip, Duration interval) {
        this.hub = hub;
        this.clip = clip;
        this.interval = interval;
        this.thread = new Thread(this::run, "clip-feeder-" + hub.path());
        this.thread.setDaemon(true);
    }

    /** Publishes the stream info and starts feeding on a new thread. */
    static ClipFeeder start(StreamHub hub, Clip clip, Duration interval) {
        ClipFeeder f = new ClipFeeder(hub, clip, interval);
        hub.onStreamInfo(clip.info());
        f.thread.start();
        return f;
    }

    /** Feeds {@code count} units synchronously on the caller's thread (no pacing). */
    static void feed(StreamHub hub, Clip clip, int count) {
        ClipFeeder f = new ClipFeeder(hub, clip, Duration.ZERO);
        hub.onStreamInfo(clip.info());
        for (int i = 0; i < count; i++) {
            f.feedOne();
        }
    }

    long fed() {
        return fed.get();
    }

    private void run() {
        long next = System.nanoTime();
        while (running) {
            feedOne();
            next += interval.toNanos();
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void feedOne() {
        List<byte[]> nals = clip.units().get((int) (index % clip.units().size()));
        List<ByteBuf> bufs = new ArrayList<>(nals.size());
        for (byte[] nal : nals) {
            bufs.add(Unpooled.wrappedBuffer(nal));
        }
        long ts = index * TICKS_PER_FRAME;
        long capture = startEpochNanos + index * 40_000_000L;
        hub.onAccessUnit(new AccessUnit(clip.codec(), bufs, AnnexB.isKeyframe(clip.codec(), nals), ts, capture,
                false, System.nanoTime()));
        index++;
        fed.incrementAndGet();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
