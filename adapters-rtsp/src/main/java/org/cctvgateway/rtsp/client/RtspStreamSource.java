package org.cctvgateway.rtsp.client;

import io.micrometer.core.instrument.Clock;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.cctvgateway.GatewayException;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.AccessUnitSink;
import org.cctvgateway.media.TrackInfo;
import org.cctvgateway.rtsp.codec.RtspUrls;
import org.cctvgateway.rtsp.transport.Transports;
import org.cctvgateway.spi.SourceState;
import org.cctvgateway.spi.SourceStatus;
import org.cctvgateway.spi.StreamSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls one camera stream over RTSP and keeps pulling it: one session with the camera at a time
 * (the old connection is closed before a new one opens), reconnection after any failure
 * (refused, 401, unsupported codec, timeout, no video, stall, closed) with capped exponential
 * backoff and jitter, and the state and last error in plain words in {@link #status()}.
 *
 * <p><b>Sink calls.</b> Before each session's media, {@link AccessUnitSink#onDiscontinuity}
 * (except for the first session) and {@link AccessUnitSink#onTrack}; then access units, whose
 * ownership passes to the sink. All come from this source's event loop, one at a time. A sink
 * that throws is logged and does not stop the stream.
 *
 * <p><b>Threads.</b> The source picks one event loop of the injected group and runs all of its
 * work there; it never blocks it. {@link #close()} from another thread waits, bounded by the
 * request timeout plus one second, for the TEARDOWN to be answered.
 *
 * <p><b>Metrics.</b> {@link #reconnects()}, {@link #framesReceived()}, {@link #bytesReceived()}
 * and {@link #packetsLost()} are safe to read from any thread, for function counters.
 *
 * <pre>{@code
 * RtspStreamSource source = new RtspStreamSource(RtspSourceOptions.fromUrl(uri), "plaza/cam-07/main",
 *         group, Clock.SYSTEM);
 * source.start(sink);
 * ...
 * source.close();
 * }</pre>
 */
public final class RtspStreamSource implements StreamSource {
    private static final Logger LOG = LoggerFactory.getLogger(RtspStreamSource.class);
    /** Redirects followed in a row before the attempt counts as failed. */
    public static final int MAX_REDIRECTS = 3;

    private final RtspSourceOptions options;
    private final String context;
    private final EventLoop loop;
    private final Clock clock;
    private final SslContext ssl;
    private final Backoff backoff;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong packetsLost = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger largestPacket = new java.util.concurrent.atomic.AtomicInteger();
    private volatile SourceStatus status;

    // Confined to the event loop.
    private AccessUnitSink sink;
    private RtspIngestSession session;
    private Channel channel;
    private int hops;
    private int failures;
    private int sessionsStarted;
    private long lostBefore;
    private ScheduledFuture<?> retry;

    /**
     * @param context the log prefix, "site/camera/profile"
     * @param group the gateway's shared event loop group (NIO); one loop of it serves this source
     * @param clock wall time for status and capture times, monotonic time for timeouts
     * @throws GatewayException when the TLS context for an rtsps:// URL cannot be built
     */
    public RtspStreamSource(RtspSourceOptions options, String context, EventLoopGroup group, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.context = Objects.requireNonNull(context, "context");
        this.loop = Objects.requireNonNull(group, "group").next();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ssl = options.tls() ? sslContext(options) : null;
        this.backoff = new Backoff(options.backoffInitial(), options.backoffMax(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.status = new SourceStatus(SourceState.IDLE, "", 0, now());
    }

    private static SslContext sslContext(RtspSourceOptions options) {
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (options.trustAllTls()) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            return b.build();
        } catch (SSLException e) {
            throw new GatewayException("could not set up TLS for " + RtspUrls.redact(options.url().toString()) + ": "
                    + e.getMessage(), "check the JVM's TLS configuration", e);
        }
    }

    @Override
    public void start(AccessUnitSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException(context + " - start() was already called");
        }
        if (closed.get()) {
            return;
        }
        loop.execute(() -> {
            this.sink = sink;
            connect(options.url(), 0);
        });
    }

    @Override
    public SourceStatus status() {
        return status;
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long framesReceived() {
        return frames.get();
    }

    public long bytesReceived() {
        return bytes.get();
    }

    public long packetsLost() {
        return packetsLost.get();
    }

    /**
     * The largest RTP packet the camera has sent (header included), in bytes, over all sessions;
     * 0 before the first. A value above the path MTU means the camera ignores it.
     */
    public int largestPacketBytes() {
        return largestPacket.get();
    }

    public RtspSourceOptions options() {
        return options;
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.wallTime());
    }

    private void state(SourceState state, String lastError) {
        SourceStatus old = status;
        if (old.state() != state || !old.lastError().equals(lastError) || old.reconnects() != reconnects.get()) {
            status = new SourceStatus(state, lastError, reconnects.get(), old.state() == state ? old.since() : now());
        }
    }

    private void connect(URI url, int hop) {
        if (closed.get()) {
            return;
        }
        hops = hop;
        state(SourceState.CONNECTING, status.lastError());
        String host = url.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = url.getPort() > 0 ? url.getPort() : options.port();
        RtspIngestSession s = new RtspIngestSession(options, url, context, new Events(), clock);
        session = s;
        if (NetUtil.isValidIpV4Address(host) || NetUtil.isValidIpV6Address(host)) {
            open(s, new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(host), port), url);
            return;
        }
        // Name lookups block in the JDK: do them off the event loop.
        String name = host;
        CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getByName(name);
            } catch (UnknownHostException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, ForkJoinPool.commonPool()).whenComplete((addr, err) -> execute(() -> {
            if (session != s) {
                return;
            }
            if (err != null) {
                fail(s, s.camera() + " has a host name that does not resolve: " + name);
            } else {
                open(s, new InetSocketAddress(addr, port), url);
            }
        }));
    }

    private void open(RtspIngestSession s, InetSocketAddress address, URI url) {
        long idle = options.transport() == RtspSourceOptions.Transport.TCP
                ? Math.max(options.firstFrameTimeout().toMillis(), options.stallTimeout().toMillis())
                        + options.requestTimeout().toMillis() : 0;
        Bootstrap b = new Bootstrap().group(loop).channel(Transports.socketChannel(loop))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE,
                        options.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new RtspIngestInitializer(ssl, url.getHost(), address.getPort(), idle, options.limits(), s));
        LOG.debug("{} - connecting to {}", context, RtspUrls.redact(url.toString()));
        ChannelFuture f = b.connect(address);
        channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                fail(s, connectFailure(s, done.cause()));
            }
        });
    }

    private String connectFailure(RtspIngestSession s, Throwable cause) {
        if (cause instanceof io.netty.channel.ConnectTimeoutException) {
            return s.camera() + " did not accept a connection within " + options.connectTimeout().toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return s.camera() + " refused the connection";
        }
        return s.camera() + " could not be reached: " + RtspIngestSession.rootMessage(cause);
    }

    /** Session events; each checks that it comes from the current session. */
    private final class Events implements RtspIngestSession.Listener {
        @Override
        public void onTrack(RtspIngestSession s, TrackInfo track) {
            if (s != session || closed.get()) {
                return;
            }
            if (sessionsStarted++ > 0) {
                guard(() -> sink.onDiscontinuity("reconnected to the camera"));
            }
            guard(() -> sink.onTrack(track));
        }

        @Override
        public void onAccessUnit(RtspIngestSession s, AccessUnit unit) {
            if (s != session || closed.get()) {
                unit.release();
                return;
            }
            if (status.state() != SourceState.STREAMING) {
                failures = 0;
                state(SourceState.STREAMING, status.lastError());
            }
            frames.incrementAndGet();
            bytes.addAndGet(unit.size());
            RtpReceiver r = s.receiver();
            if (r != null) {
                packetsLost.set(lostBefore + r.stats().packetsLost());
                largestPacket.accumulateAndGet(r.largestPacketBytes(), Math::max);
            }
            guard(() -> sink.onAccessUnit(unit));
        }

        @Override
        public void onRedirect(RtspIngestSession s, URI location) {
            if (s != session || closed.get()) {
                return;
            }
            if (hops >= MAX_REDIRECTS) {
                fail(s, s.camera() + " redirected more than " + MAX_REDIRECTS + " times in a row");
                return;
            }
            int next = hops + 1;
            closeThen(() -> connect(location, next));
        }

        @Override
        public void onFailure(RtspIngestSession s, String reason) {
            fail(s, reason);
        }
    }

    private void guard(Runnable sinkCall) {
        try {
            sinkCall.run();
        } catch (RuntimeException e) {
            LOG.error("{} - the sink threw; the stream goes on", context, e);
        }
    }

    private void fail(RtspIngestSession s, String reason) {
        if (s != session || closed.get()) {
            return;
        }
        s.finish();
        failures++;
        Duration wait = backoff.next(failures);
        state(SourceState.BACKING_OFF, reason);
        // One line per attempt: a warning when an outage begins, then quieter lines while it lasts.
        if (failures == 1) {
            LOG.warn("{} - {}; retrying in {} ms", context, reason, wait.toMillis());
        } else {
            LOG.info("{} - {}; retrying in {} ms (attempt {})", context, reason, wait.toMillis(), failures);
        }
        closeThen(() -> {
            if (closed.get()) {
                return;
            }
            retry = loop.schedule(() -> {
                reconnects.incrementAndGet();
                connect(options.url(), 0);
            }, wait.toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    /** Releases the current session and closes its connection, then runs {@code next}. */
    private void closeThen(Runnable next) {
        RtspIngestSession s = session;
        Channel ch = channel;
        channel = null;
        if (s != null) {
            RtpReceiver r = s.receiver();
            if (r != null) {
                lostBefore += r.stats().packetsLost();
                packetsLost.set(lostBefore);
            }
            s.dispose();
        }
        if (ch == null) {
            next.run();
            return;
        }
        ch.close();
        ch.closeFuture().addListener(f -> next.run());
    }

    private void execute(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("{} - event loop is shutting down", context);
        }
    }

    /** Tears the session down (bounded wait when called off the event loop) and releases everything. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Promise<Void> done = loop.newPromise();
        try {
            loop.execute(() -> {
                if (retry != null) {
                    retry.cancel(false);
                }
                RtspIngestSession s = session;
                Runnable finish = () -> closeThen(() -> {
                    session = null;
                    state(SourceState.CLOSED, status.lastError());
                    LOG.info("{} - closed", context);
                    done.trySuccess(null);
                });
                if (s != null && channel != null && channel.isActive()) {
                    s.teardown(finish);
                } else {
                    finish.run();
                }
            });
        } catch (RejectedExecutionException e) {
            state(SourceState.CLOSED, status.lastError());
            return;
        }
        if (!loop.inEventLoop()) {
            done.awaitUninterruptibly(options.requestTimeout().toMillis() + 1_000);
        }
    }

    @Override
    public String toString() {
        return "RtspStreamSource[" + context + ", " + RtspUrls.redact(options.url().toString()) + ", "
                + status.state() + "]";
    }
}
