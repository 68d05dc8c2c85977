package org.cctvgateway.testing;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A Netty leak detector that remembers every leak it reports, so that
 * {@link LeakCheckExtension} can fail the test that caused it instead of leaving a log line
 * nobody reads.
 *
 * <p>Netty creates one detector per resource type (ByteBuf, timers, SSL engines) through
 * {@code ResourceLeakDetectorFactory}, which instantiates the class named by the system property
 * {@code io.netty.customResourceLeakDetector} reflectively with a public
 * {@code (Class, int)} constructor (Netty 4.1+), falling back to the obsolete
 * {@code (Class, int, long)} one. The root POM sets the property for Surefire and Failsafe.
 *
 * <p>The record list is static because Netty owns the detector instances; it is the one piece
 * of static mutable state the project allows, and only in tests.
 *
 * @param <T> the tracked resource type
 */
public class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {

    /** One reported leak: the resource type and Netty's access records (empty when untraced). */
    public record Leak(String resourceType, String records) {
        @Override
        public String toString() {
            return "LEAK of " + resourceType + (records.isEmpty() ? " (no access records)" : ":" + records);
        }
    }

    /**
     * A touch hint marking a leak made on purpose by a test of the leak checking itself; such
     * leaks are recorded but not logged, so the build log shows no false alarm.
     */
    public static final String DELIBERATE_LEAK_HINT = "deliberate-leak-for-leak-check-test";

    private static final List<Leak> LEAKS = new CopyOnWriteArrayList<>();
    private static final List<RecordingLeakDetector<?>> INSTANCES = new CopyOnWriteArrayList<>();

    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
        INSTANCES.add(this);
    }

    /** The constructor older Netty factories look for; {@code maxActive} is ignored by Netty. */
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        this(resourceType, samplingInterval);
    }

    /** Always report: leaks must reach the record list even when the error log level is off. */
    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add(new Leak(resourceType, records));
        if (!records.contains(DELIBERATE_LEAK_HINT)) {
            super.reportTracedLeak(resourceType, records);
        }
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add(new Leak(resourceType, ""));
        super.reportUntracedLeak(resourceType);
    }

    /** True when Netty has created at least one detector of this class in this JVM. */
    public static boolean installed() {
        return !INSTANCES.isEmpty();
    }

    /**
     * Makes every detector look at its reference queue now. Netty only reports collected leaks
     * when a new resource is tracked, so this tracks and closes a throw-away object on each one.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void drainQueues() {
        for (RecordingLeakDetector detector : INSTANCES) {
            Object probe = new Object();
            ResourceLeakTracker tracker = detector.track(probe);
            if (tracker != null) {
                tracker.close(probe);
            }
        }
    }

    /** A snapshot of the leaks reported so far. */
    public static List<Leak> leaks() {
        return new ArrayList<>(LEAKS);
    }

    /** Forgets and returns the leaks that match, so a test that leaks on purpose can clean up. */
    public static List<Leak> removeIf(Predicate<Leak> filter) {
        List<Leak> removed = new ArrayList<>();
        for (Leak leak : LEAKS) {
            if (filter.test(leak) && LEAKS.remove(leak)) {
                removed.add(leak);
            }
        }
        return removed;
    }

    /** Forgets and returns every recorded leak. */
    public static List<Leak> clear() {
        return removeIf(leak -> true);
    }
}
