package org.cctvgateway.cli.command;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-running command alive until Ctrl-C (SIGINT/SIGTERM) or an optional duration,
 * then closes what it started in reverse order, once.
 */
final class Lifetime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Lifetime.class);

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stopFromSignal, "shutdown");
    private boolean closed;

    Lifetime() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Registers {@code r} to be closed at the end; returns it. */
    <T extends AutoCloseable> T own(T r) {
        synchronized (this) {
            resources.push(r);
        }
        return r;
    }

    /** Blocks until a signal or until {@code duration} (zero: no limit) has passed. */
    void await(Duration duration) throws InterruptedException {
        if (duration.isZero()) {
            stopped.await();
        } else if (!stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
            log.info("ran for {}; stopping", org.cctvgateway.config.HumanDuration.format(duration));
        }
    }

    private void stopFromSignal() {
        log.info("stopping");
        closeAll();
        stopped.countDown();
    }

    private synchronized void closeAll() {
        if (closed) {
            return;
        }
        closed = true;
        while (!resources.isEmpty()) {
            AutoCloseable r = resources.pop();
            try {
                r.close();
            } catch (Exception e) {
                log.warn("error while stopping {}: {}", r.getClass().getSimpleName(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        closeAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run; it closes the same resources once
        }
    }
}
