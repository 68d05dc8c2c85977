package org.cctvgateway.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaks a Netty reference-counted object. Registered for every test class by
 * JUnit's extension auto-detection ({@code META-INF/services} and {@code junit-platform.properties}
 * in the gateway-core test-jar), so each module that depends on that jar gets it.
 *
 * <ul>
 *   <li>After each test it drains the detectors' queues without forcing a collection (cheap), so
 *       a leak already collected is blamed on the test that just ran.</li>
 *   <li>After each test class it nudges the garbage collector ({@link #collectLeaks()}) and fails
 *       the class if anything leaked.</li>
 * </ul>
 * The failure message holds Netty's access records of every leaked object. Recorded leaks are
 * cleared when reported, so one leak fails one test or class, not the rest of the run.
 *
 * <p>Needs {@link RecordingLeakDetector} installed through the system property
 * {@code io.netty.customResourceLeakDetector} (the root POM does it); without it the extension
 * fails rather than pass silently.
 */
public final class LeakCheckExtension implements AfterEachCallback, AfterAllCallback {

    /** Collection rounds per check; each is one GC plus a short wait for reference processing. */
    private static final int GC_ROUNDS = 4;
    private static final long REFERENCE_WAIT_MILLIS = 200;

    @Override
    public void afterEach(ExtensionContext context) {
        RecordingLeakDetector.drainQueues();
        check(context.getDisplayName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        collectLeaks();
        check(context.getDisplayName());
    }

    /**
     * Runs a bounded number of GC rounds and lets every detector report what was collected.
     * Tests that leak on purpose call this before reading {@link RecordingLeakDetector#leaks()}.
     */
    public static void collectLeaks() {
        ensureInstalled();
        for (int round = 0; round < GC_ROUNDS; round++) {
            awaitOneCollection();
            // Paranoid level: tracking a new buffer makes the ByteBuf detector poll its queue.
            ByteBuf nudge = ByteBufAllocator.DEFAULT.buffer(16);
            nudge.release();
            RecordingLeakDetector.drainQueues();
        }
    }

    private static void awaitOneCollection() {
        WeakReference<Object> sentinel = new WeakReference<>(new Object());
        long deadline = System.nanoTime() + REFERENCE_WAIT_MILLIS * 1_000_000L;
        System.gc();
        while (sentinel.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.onSpinWait();
        }
        // The collector has cleared weak references; the reference handler thread enqueues them
        // shortly after. A brief bounded pause lets it catch up before the queues are drained.
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void ensureInstalled() {
        ByteBufAllocator.DEFAULT.buffer(1).release(); // loads the ByteBuf detector if not yet
        if (!RecordingLeakDetector.installed()) {
            throw new AssertionError("RecordingLeakDetector is not installed: run tests with "
                    + "-Dio.netty.customResourceLeakDetector=" + RecordingLeakDetector.class.getName()
                    + " and -Dio.netty.leakDetection.level=paranoid (the root POM sets both for Surefire "
                    + "and Failsafe)");
        }
    }

    /** Throws an {@link AssertionError} listing every recorded leak, and forgets them. */
    static void check(String where) {
        List<RecordingLeakDetector.Leak> leaks = RecordingLeakDetector.clear();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty resource leak(s) detected in " + where + ":\n"
                    + leaks.stream().map(RecordingLeakDetector.Leak::toString).collect(Collectors.joining("\n")));
        }
    }
}
