package org.cctvgateway.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans one normalized stream out to its viewers, with the current GOP cached so that a new
 * viewer's first picture comes at once.
 *
 * <p><b>Subscribing.</b> A new subscriber gets the current {@link StreamInfo}, then every cached
 * unit since the latest keyframe, then live units, with no gap and no duplicate between replay
 * and live: publication and replay run under one lock. When no GOP is cached (no keyframe yet,
 * or the GOP outgrew {@link HubLimits}) the subscriber's live units start at the next keyframe,
 * so every subscriber's first unit is a keyframe.
 *
 * <p><b>Threading.</b> {@link #onStreamInfo} and {@link #onAccessUnit} come from the source's
 * thread; {@link #subscribe}, {@link Subscription#cancel()} and {@link #close()} from any thread.
 * Subscriber callbacks run under the hub's lock and must not block (see {@link StreamSubscriber}).
 * A subscriber that throws is removed and logged once; it never affects the others or the
 * publisher.
 *
 * <p><b>Ownership.</b> {@link #onAccessUnit} takes ownership; each unit is handed to every
 * subscriber as the same object (borrowed: subscribers retain what they keep). The cache holds
 * one reference per cached unit, released at the next keyframe, on overflow and on close.
 */
public final class StreamHub implements NormalizedStreamSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);

    private final String path;
    private final HubLimits limits;
    private final ReentrantLock lock = new ReentrantLock();
    /** Copy-on-write: delivery iterates a stable view while a callback may cancel or be evicted. */
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final List<AccessUnit> gop = new ArrayList<>();

    private long gopBytes;
    /** True from a keyframe until the cache overflows; false before the first keyframe. */
    private boolean caching;
    private StreamInfo info;
    private volatile int subscriberCount;
    private boolean closed;

    /**
     * @param path the published path ({@code site/camera/profile}), also the log prefix
     */
    public StreamHub(String path, HubLimits limits) {
        this.path = Objects.requireNonNull(path, "path");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public String path() {
        return path;
    }

    /** The current stream description, empty before the first one was published. */
    public Optional<StreamInfo> streamInfo() {
        lock.lock();
        try {
            return Optional.ofNullable(info);
        } finally {
            lock.unlock();
        }
    }

    public int subscriberCount() {
        return subscriberCount;
    }

    @Override
    public void onStreamInfo(StreamInfo newInfo) {
        Objects.requireNonNull(newInfo, "info");
        lock.lock();
        try {
            if (closed) {
                return;
            }
            info = newInfo;
            for (Member m : members) {
                deliverInfo(m, newInfo);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Takes ownership of {@code unit}. */
    @Override
    public void onAccessUnit(AccessUnit unit) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            cache(unit);
            for (Member m : members) {
                if (m.waitingForKeyframe && !unit.isKeyframe()) {
                    continue;
                }
                m.waitingForKeyframe = false;
                deliverUnit(m, unit);
            }
        } finally {
            lock.unlock();
            unit.release();
        }
    }

    /**
     * Adds a subscriber: it gets the stream info and the cached GOP before this returns, then live
     * units. After {@link #close()} the subscriber only gets {@link StreamSubscriber#onHubClosed()}.
     */
    public Subscription subscribe(StreamSubscriber subscriber) {
        Member m = new Member(Objects.requireNonNull(subscriber, "subscriber"));
        lock.lock();
        try {
            if (closed) {
                m.cancelled = true;
                closedCallback(m);
                return m;
            }
            members.add(m);
            subscriberCount = members.size();
            if (info != null) {
                deliverInfo(m, info);
            }
            m.waitingForKeyframe = !caching || gop.isEmpty();
            for (int i = 0; i < gop.size() && !m.cancelled; i++) {
                deliverUnit(m, gop.get(i));
            }
            return m;
        } finally {
            lock.unlock();
        }
    }

    /** Releases the cache and tells every subscriber; safe to call more than once. */
    @Override
    public void close() {
        List<Member> toTell;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            dropCache();
            toTell = new ArrayList<>(members);
            toTell.forEach(m -> m.cancelled = true);
            members.clear();
            subscriberCount = 0;
            for (Member m : toTell) {
                closedCallback(m);
            }
        } finally {
            lock.unlock();
        }
        LOG.info("{} - hub closed, {} subscriber(s) told", path, toTell.size());
    }

    private void cache(AccessUnit unit) {
        if (unit.isKeyframe()) {
            dropCache();
            caching = true;
        }
        if (!caching) {
            return;
        }
        if (gop.size() + 1 > limits.maxCachedUnits() || gopBytes + unit.size() > limits.maxCachedGopBytes()) {
            LOG.warn("{} - GOP outgrew the cache ({} units, {} bytes; limits {} units, {} bytes): new viewers "
                    + "wait for the next keyframe", path, gop.size() + 1, gopBytes + unit.size(),
                    limits.maxCachedUnits(), limits.maxCachedGopBytes());
            dropCache();
            return;
        }
        gop.add(unit.retain());
        gopBytes += unit.size();
    }

    private void dropCache() {
        gop.forEach(AccessUnit::release);
        gop.clear();
        gopBytes = 0;
        caching = false;
    }

    private void deliverInfo(Member m, StreamInfo i) {
        if (m.cancelled) {
            return;
        }
        try {
            m.subscriber.onStreamInfo(i);
        } catch (RuntimeException e) {
            evict(m, e);
        }
    }

    private void deliverUnit(Member m, AccessUnit unit) {
        if (m.cancelled) {
            return;
        }
        try {
            m.subscriber.onAccessUnit(unit);
        } catch (RuntimeException e) {
            evict(m, e);
        }
    }

    private void closedCallback(Member m) {
        try {
            m.subscriber.onHubClosed();
        } catch (RuntimeException e) {
            LOG.warn("{} - subscriber {} failed on hub close", path, m.subscriber, e);
        }
    }

    private void evict(Member m, RuntimeException e) {
        LOG.warn("{} - subscriber {} threw and was removed", path, m.subscriber, e);
        remove(m);
    }

    private void remove(Member m) {
        lock.lock();
        try {
            m.cancelled = true;
            members.remove(m);
            subscriberCount = members.size();
        } finally {
            lock.unlock();
        }
    }

    /** One subscriber's membership; fields guarded by the hub's lock except {@code cancelled}. */
    private final class Member implements Subscription {
        final StreamSubscriber subscriber;
        volatile boolean cancelled;
        boolean waitingForKeyframe;

        Member(StreamSubscriber subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void cancel() {
            remove(this);
        }
    }
}
