package org.cctvgateway.rtsp.server;

import io.netty.channel.Channel;
import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import org.cctvgateway.media.StreamHub;
import org.cctvgateway.media.Subscription;
import org.cctvgateway.media.ViewerGate;
import org.cctvgateway.rtp.RtpPacketizer;

/**
 * One RTSP session (RFC 2326 §3): a single video track of one stream, set up for one transport,
 * moving READY → PLAYING → (PAUSE) READY → ... until TEARDOWN, time-out or close. Holds the
 * packetizer so sequence numbers continue across PAUSE/PLAY. Event loop only.
 */
final class ServerSession {
    enum State { READY, PLAYING, CLOSED }

    /** The RTP-Info values of a PLAY reply: the first packet to come. */
    record RtpInfo(String url, int seq, long rtpTime) {
        String format() {
            return "url=" + url + ";seq=" + seq + ";rtptime=" + rtpTime;
        }
    }

    private final String id;
    private final RequestTarget target;
    private final StreamHub hub;
    private final ViewerTransport transport;
    private final RtpPacketizer packetizer;
    private final StreamMeters meters;
    private final Channel connection;
    private long nextRtpTime;
    private long lastActivityNanos = Long.MIN_VALUE;
    private State state = State.READY;
    private RtpViewer viewer;
    private long bytesSentBefore;
    private Subscription subscription;

    ServerSession(String id, RequestTarget target, StreamHub hub, ViewerTransport transport,
                  RtpPacketizer packetizer, StreamMeters meters, Channel connection, long initialRtpTime) {
        this.id = id;
        this.target = target;
        this.hub = hub;
        this.transport = transport;
        this.packetizer = packetizer;
        this.meters = meters;
        this.connection = connection;
        this.nextRtpTime = initialRtpTime & 0xFFFF_FFFFL;
    }

    String id() {
        return id;
    }

    String path() {
        return target.path();
    }

    State state() {
        return state;
    }

    ViewerTransport transport() {
        return transport;
    }

    RtpPacketizer packetizer() {
        return packetizer;
    }

    StreamHub hub() {
        return hub;
    }

    /** Records activity at {@code nanos} on the server's monotonic clock. */
    void touch(long nanos) {
        if (lastActivityNanos == Long.MIN_VALUE || nanos - lastActivityNanos > 0) {
            lastActivityNanos = nanos;
        }
    }

    boolean expired(long nowNanos, Duration timeout) {
        return nowNanos - lastActivityNanos > timeout.toNanos();
    }

    /**
     * Starts sending: returns the RTP-Info of the first packet to come. The caller writes the
     * PLAY reply before returning to the event loop, so the reply precedes every packet.
     */
    RtpInfo play(Duration maxLag, long maxQueuedBytes, Clock clock, RtpViewer.Listener listener, String cname) {
        RtpInfo info = new RtpInfo(target.trackUrl(), packetizer.nextSequenceNumber(), nextRtpTime);
        if (state == State.PLAYING) {
            return info;
        }
        RtpViewer v = new RtpViewer(connection.eventLoop(), connection.alloc(), transport, packetizer,
                new ViewerGate(maxLag, clock), meters, listener, cname, nextRtpTime, maxQueuedBytes);
        viewer = v;
        state = State.PLAYING;
        meters.viewers.incrementAndGet();
        subscription = hub.subscribe(v);
        return info;
    }

    /** Stops sending and keeps the session; the next PLAY resumes 1/25 s after the last RTP time. */
    void pause() {
        if (state != State.PLAYING) {
            return;
        }
        stopViewer();
        state = State.READY;
    }

    /** RTP bytes sent in this session, over every PLAY. Event loop only. */
    long bytesSent() {
        return bytesSentBefore + (viewer == null ? 0 : viewer.bytesSent());
    }

    boolean isViewer(RtpViewer v) {
        return viewer == v;
    }

    /** Ends the session and frees its sockets; idempotent. */
    void close() {
        if (state == State.CLOSED) {
            return;
        }
        stopViewer();
        state = State.CLOSED;
        transport.close();
    }

    private void stopViewer() {
        if (viewer == null) {
            return;
        }
        viewer.stop();
        bytesSentBefore += viewer.bytesSent();
        if (subscription != null) {
            subscription.cancel();
        }
        // Continue the RTP timeline a frame interval (90 kHz / 25) after the last unit sent.
        nextRtpTime = (viewer.lastRtpTime() + 3600) & 0xFFFF_FFFFL;
        meters.viewers.decrementAndGet();
        viewer = null;
        subscription = null;
    }
}
