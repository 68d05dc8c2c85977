package org.cctvgateway.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamHubTest {
    private static final ParameterSets SETS = new ParameterSets(Codec.H264, null, new byte[] {0x67, 1},
            new byte[] {0x68, 2});
    private static final StreamInfo INFO = new StreamInfo(Codec.H264, 160, 90, 25, "High", "1.2", SETS);

    private final StreamHub hub = new StreamHub("site/cam/main", HubLimits.DEFAULT);
    private final List<AccessUnit> published = new ArrayList<>();

    @AfterEach
    void closeHub() {
        hub.close();
        assertThat(published).as("hub released every unit it was given")
                .allSatisfy(u -> assertThat(u.refCnt()).isZero());
    }

    @Test
    void lateSubscriberGetsInfoThenGopSinceLatestKeyframeThenLive() {
        hub.onStreamInfo(INFO);
        publish(0, true);
        publish(1, false);
        publish(2, true);
        publish(3, false);
        Recorder late = new Recorder();
        hub.subscribe(late);
        publish(4, false);

        assertThat(late.events).containsExactly("info", "2", "3", "4");
    }

    @Test
    void subscriberWithoutCachedGopStartsAtNextKeyframe() {
        Recorder r = new Recorder();
        hub.subscribe(r);
        publish(0, false);
        publish(1, true);
        publish(2, false);
        assertThat(r.events).containsExactly("1", "2");
    }

    @Test
    void everySubscriberGetsTheSameObject() {
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        hub.subscribe(a);
        hub.subscribe(b);
        AccessUnit unit = publish(0, true);
        assertThat(a.units).singleElement().isSameAs(unit);
        assertThat(b.units).singleElement().isSameAs(unit);
    }

    @Test
    void throwingSubscriberIsRemovedWithoutAffectingOthers() {
        Recorder good = new Recorder();
        StreamSubscriber bad = new Recorder() {
            @Override
            public void onAccessUnit(AccessUnit unit) {
                throw new IllegalStateException("boom");
            }
        };
        hub.subscribe(bad);
        hub.subscribe(good);
        publish(0, true);
        publish(1, false);
        assertThat(good.events).containsExactly("0", "1");
        assertThat(hub.subscriberCount()).isEqualTo(1);
    }

    @Test
    void cancelStopsDeliveryAndIsIdempotent() {
        Recorder r = new Recorder();
        Subscription s = hub.subscribe(r);
        publish(0, true);
        s.cancel();
        s.cancel();
        publish(1, false);
        assertThat(r.events).containsExactly("0");
        assertThat(hub.subscriberCount()).isZero();
    }

    @Test
    void newKeyframeReleasesTheCachedGop() {
        AccessUnit first = publish(0, true);
        AccessUnit second = publish(1, false);
        assertThat(first.refCnt()).as("cached").isOne();
        publish(2, true);
        assertThat(first.refCnt()).isZero();
        assertThat(second.refCnt()).isZero();
    }

    @Test
    void gopOverUnitLimitIsDroppedUntilNextKeyframe() {
        StreamHub small = new StreamHub("site/cam/sub", new HubLimits(1 << 20, 3));
        List<AccessUnit> units = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                units.add(unit(i, i == 0 || i == 5));
            }
            for (int i = 0; i < 4; i++) {
                small.onAccessUnit(units.get(i).retain());
            }
            assertThat(units.subList(0, 4)).as("cache dropped at the 4th unit")
                    .allSatisfy(u -> assertThat(u.refCnt()).isOne());
            Recorder r = new Recorder();
            small.subscribe(r);
            small.onAccessUnit(units.get(4).retain());
            small.onAccessUnit(units.get(5).retain());
            assertThat(r.events).containsExactly("5");
            assertThat(units.get(5).refCnt()).as("caching again from the new keyframe").isEqualTo(2);
        } finally {
            small.close();
            units.forEach(AccessUnit::release);
        }
    }

    @Test
    void gopOverByteLimitIsDropped() {
        StreamHub small = new StreamHub("site/cam/sub", new HubLimits(5, 600));
        try {
            AccessUnit key = unit(0, true);
            small.onAccessUnit(key.retain());
            AccessUnit next = unit(1, false);
            small.onAccessUnit(next.retain());
            assertThat(key.refCnt()).isOne();
            Recorder r = new Recorder();
            small.subscribe(r);
            assertThat(r.events).isEmpty();
            key.release();
            next.release();
        } finally {
            small.close();
        }
    }

    @Test
    void closeReleasesCacheTellsSubscribersAndIsIdempotent() {
        Recorder r = new Recorder();
        hub.subscribe(r);
        hub.onStreamInfo(INFO);
        AccessUnit key = publish(0, true);
        hub.close();
        hub.close();
        assertThat(key.refCnt()).isZero();
        assertThat(r.events).containsExactly("info", "0", "closed");
        assertThat(hub.subscriberCount()).isZero();
        assertThat(hub.streamInfo()).contains(INFO);

        Recorder afterClose = new Recorder();
        hub.subscribe(afterClose);
        AccessUnit ignored = publish(1, true);
        assertThat(afterClose.events).containsExactly("closed");
        assertThat(ignored.refCnt()).isZero();
    }

    @Test
    void subscribeBlockedDuringPublicationSeesNoGapOrDuplicate() throws Exception {
        publish(0, true);
        publish(1, false);
        Recorder late = new Recorder();
        AtomicReference<Thread> subscriber = new AtomicReference<>();
        CountDownLatch subscribed = new CountDownLatch(1);
        Recorder pausing = new Recorder() {
            @Override
            public void onAccessUnit(AccessUnit unit) {
                super.onAccessUnit(unit);
                if (unit.timestamp() == 2) {
                    Thread t = new Thread(() -> {
                        hub.subscribe(late);
                        subscribed.countDown();
                    }, "late-subscriber");
                    subscriber.set(t);
                    t.start();
                    awaitBlocked(t);
                }
            }
        };
        hub.subscribe(pausing);
        publish(2, false); // the late subscriber tries to join while unit 2 is being delivered
        publish(3, false);
        assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();
        subscriber.get().join(10_000);
        publish(4, false);

        assertThat(late.events).containsExactly("0", "1", "2", "3", "4");
    }

    @Test
    void concurrentSubscribersEachSeeAGaplessRunFromAKeyframe() throws Exception {
        int units = 2000;
        List<Recorder> recorders = Collections.synchronizedList(new ArrayList<>());
        Thread subscribers = new Thread(() -> {
            for (int i = 0; i < 50; i++) {
                Recorder r = new Recorder();
                recorders.add(r);
                hub.subscribe(r);
            }
        }, "subscribers");
        subscribers.start();
        for (int i = 0; i < units; i++) {
            publish(i, i % 25 == 0);
        }
        subscribers.join(30_000);
        assertThat(subscribers.isAlive()).isFalse();
        for (Recorder r : recorders) {
            List<Long> seen = r.timestamps();
            if (seen.isEmpty()) {
                continue;
            }
            assertThat(seen.get(0) % 25).as("first unit is a keyframe").isZero();
            assertThat(seen).containsExactlyElementsOf(LongStream.range(seen.get(0), units).boxed().toList());
        }
    }

    private static void awaitBlocked(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.BLOCKED) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("subscriber thread never blocked on the hub lock: " + t.getState());
            }
            Thread.onSpinWait();
        }
    }

    private AccessUnit publish(long seq, boolean key) {
        AccessUnit unit = unit(seq, key);
        published.add(unit);
        hub.onAccessUnit(unit.retain()); // keep one reference so the test can check the hub's releases
        unit.release();
        return unit;
    }

    private static AccessUnit unit(long seq, boolean key) {
        byte[] nal = key ? new byte[] {0x65, (byte) 0x88, 1} : new byte[] {0x41, (byte) 0x9A, 1};
        return new AccessUnit(Codec.H264, List.of(Unpooled.wrappedBuffer(nal)), key, seq, 0, false, 0);
    }

    static class Recorder implements StreamSubscriber {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<AccessUnit> units = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onStreamInfo(StreamInfo info) {
            events.add("info");
        }

        @Override
        public void onAccessUnit(AccessUnit unit) {
            units.add(unit);
            events.add(Long.toString(unit.timestamp()));
        }

        @Override
        public void onHubClosed() {
            events.add("closed");
        }

        List<Long> timestamps() {
            synchronized (units) {
                return units.stream().map(AccessUnit::timestamp).toList();
            }
        }
    }
}
