package org.cctvgateway.cli.runtime;

import io.micrometer.core.instrument.Clock;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.AccessUnitSink;
import org.cctvgateway.media.TrackInfo;
import org.cctvgateway.rtsp.client.RtspSourceOptions;
import org.cctvgateway.rtsp.client.RtspStreamSource;
import org.cctvgateway.spi.SourceState;
import org.cctvgateway.spi.SourceStatus;

/**
 * Checks that a stream URI really answers: starts an {@link RtspStreamSource}, waits until the
 * camera announces a track (DESCRIBE and SETUP went through) or the source reports a failure,
 * then closes it. Bounded by the timeout; releases every unit that arrives meanwhile.
 */
public final class StreamCheck {
    private StreamCheck() {
    }

    /** Empty when the stream answered within {@code timeout}; else the reason, without credentials. */
    public static Optional<String> check(URI uri, String user, String password, Duration timeout,
            EventLoopGroup group) {
        CountDownLatch track = new CountDownLatch(1);
        RtspSourceOptions options = RtspSourceOptions.defaults(uri, user, password)
                .withTimeouts(timeout, timeout, timeout, timeout);
        try (RtspStreamSource source = new RtspStreamSource(options, "probe", group, Clock.SYSTEM)) {
            source.start(new AccessUnitSink() {
                @Override
                public void onTrack(TrackInfo info) {
                    track.countDown();
                }

                @Override
                public void onAccessUnit(AccessUnit unit) {
                    unit.release();
                }

                @Override
                public void onDiscontinuity(String reason) {
                    // only the first track matters here
                }
            });
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (track.await(50, TimeUnit.MILLISECONDS)) {
                    return Optional.empty();
                }
                SourceStatus st = source.status();
                if ((st.state() == SourceState.BACKING_OFF || st.state() == SourceState.CLOSED)
                        && !st.lastError().isEmpty()) {
                    return Optional.of(st.lastError());
                }
            }
            return Optional.of("no answer to DESCRIBE within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
