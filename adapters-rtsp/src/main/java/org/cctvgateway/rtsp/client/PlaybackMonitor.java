package org.cctvgateway.rtsp.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers of a playing session: keep-alives at half the session timeout (GET_PARAMETER when
 * the camera listed it in OPTIONS' Public header, else OPTIONS, as most cameras and players
 * do), receiver reports every 5 seconds, and a watchdog that fails the session when no video
 * came within the first-frame timeout of PLAY or stopped for the stall timeout.
 */
final class PlaybackMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(PlaybackMonitor.class);
    /** RFC 3550 §6.2 suggests 5 s as the minimum report interval. */
    static final long RECEIVER_REPORT_MILLIS = 5_000;
    /** Keep-alives no more often than this, whatever the camera's timeout. */
    static final long MIN_KEEPALIVE_MILLIS = 500;

    private final RtspIngestSession session;
    private final Duration sessionTimeout;
    private final boolean getParameter;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>(3);
    private long playNanos;
    private long lastUnitNanos;
    private boolean gotUnit;
    private long keepAlivesSent;

    PlaybackMonitor(RtspIngestSession session, Duration sessionTimeout, boolean getParameter) {
        this.session = session;
        this.sessionTimeout = sessionTimeout;
        this.getParameter = getParameter;
    }

    void start(ChannelHandlerContext ctx) {
        if (session.finished) {
            return;
        }
        playNanos = session.clock.monotonicTime();
        long keepAlive = Math.max(MIN_KEEPALIVE_MILLIS, sessionTimeout.toMillis() / 2);
        timers.add(ctx.executor().scheduleAtFixedRate(this::keepAlive, keepAlive, keepAlive, TimeUnit.MILLISECONDS));
        timers.add(ctx.executor().scheduleAtFixedRate(this::receiverReport, RECEIVER_REPORT_MILLIS,
                RECEIVER_REPORT_MILLIS, TimeUnit.MILLISECONDS));
        long shortest = Math.min(session.options.firstFrameTimeout().toMillis(),
                session.options.stallTimeout().toMillis());
        long tick = Math.max(20, Math.min(1_000, shortest / 4));
        timers.add(ctx.executor().scheduleAtFixedRate(this::watchdog, tick, tick, TimeUnit.MILLISECONDS));
    }

    void onUnit() {
        gotUnit = true;
        lastUnitNanos = session.clock.monotonicTime();
    }

    long keepAlivesSent() {
        return keepAlivesSent;
    }

    private void keepAlive() {
        if (session.finished) {
            return;
        }
        keepAlivesSent++;
        session.exchange.send(RtspIngestSession.keepAliveMethod(getParameter), session.aggregateUrl,
                RtspExchange.headers(), new RtspExchange.Handler() {
                    @Override
                    public void onResponse(RtspExchange.Request request, FullHttpResponse response) {
                        // Any answer shows the session is alive; cameras answer 200, some 501 to OPTIONS.
                    }

                    @Override
                    public void onTimeout(RtspExchange.Request request) {
                        // Some cameras never answer keep-alives on TCP; the watchdog judges the stream.
                        LOG.debug("{} - keep-alive {} not answered", session.logContext, request.method);
                    }
                });
    }

    private void receiverReport() {
        RtpReceiver receiver = session.receiver();
        if (session.finished || receiver == null || session.media == null) {
            return;
        }
        ByteBuf report = receiver.receiverReport(session.ctx.alloc(), session.clock.monotonicTime());
        if (report != null) {
            session.media.sendRtcp(report);
        }
    }

    private void watchdog() {
        if (session.finished) {
            return;
        }
        long now = session.clock.monotonicTime();
        if (!gotUnit && now - playNanos > session.options.firstFrameTimeout().toNanos()) {
            session.fail(session.camera() + " sent no video within "
                    + session.options.firstFrameTimeout().toMillis() + " ms of PLAY");
        } else if (gotUnit && now - lastUnitNanos > session.options.stallTimeout().toNanos()) {
            session.fail(session.camera() + " stopped sending video for "
                    + session.options.stallTimeout().toMillis() + " ms");
        }
    }

    void stop() {
        for (ScheduledFuture<?> t : timers) {
            t.cancel(false);
        }
        timers.clear();
    }
}
