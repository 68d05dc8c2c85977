package org.cctvgateway.rtsp.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.StreamInfo;
import org.cctvgateway.media.StreamSubscriber;
import org.cctvgateway.media.ViewerGate;
import org.cctvgateway.rtp.RtpClockMapping;
import org.cctvgateway.rtp.RtpPacketizer;
import org.cctvgateway.rtp.rtcp.SenderReport;

/**
 * One playing viewer's media path: takes access units from the hub, decides with its {@link
 * ViewerGate} whether this viewer keeps up, and sends the units it keeps as RTP on the
 * connection's event loop, with an RTCP sender report about every five seconds.
 *
 * <p><b>Threads.</b> The hub may call from its own thread; the gate decision is made there
 * (under this object's lock), and sending is handed to the event loop. Units waiting for the
 * event loop have a byte budget of their own, the size of the connection's outbound buffer
 * bound (the write-buffer high water mark, {@code server.viewerQueue}): a viewer is writable
 * only while both stay under it, so a stalled loop cannot pile up more than twice that budget,
 * and a loop that stalls briefly under load does not make a healthy viewer skip frames.
 *
 * <p><b>Ownership.</b> Borrows each unit from the hub and retains it only while a send task is
 * pending. NAL bytes go out as retained slices, never copied.
 *
 * <p><b>Timestamps.</b> RTP time is the unit's 90 kHz timestamp shifted so that the first unit
 * sent after PLAY carries {@code initialRtpTime}, which the PLAY reply announced in RTP-Info.
 * Sender reports pair a sent unit's RTP time with its {@code captureTimeNanos} (the normalized
 * wall clock), so a viewer can place frames in real time (RFC 3550 §6.4.1).
 */
final class RtpViewer implements StreamSubscriber {
    static final long SENDER_REPORT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** What the viewer tells the session it belongs to; called on the event loop. */
    interface Listener {
        void slowViewer(RtpViewer viewer);

        void hubClosed(RtpViewer viewer);
    }

    private final EventLoop loop;
    private final ByteBufAllocator alloc;
    private final ViewerTransport transport;
    private final RtpPacketizer packetizer;
    private final ViewerGate gate;
    private final StreamMeters meters;
    private final Listener listener;
    private final String cname;
    private final long initialRtpTime;
    private final AtomicLong pendingBytes = new AtomicLong();
    private final long maxQueuedBytes;
    private long bytesSent;
    private final AtomicBoolean stopped = new AtomicBoolean();

    // Guarded by this: decisions may come from the hub's threads.
    private boolean started;

    // Event loop only.
    private boolean haveBase;
    private long baseTimestamp;
    private long lastRtpTime;
    private long lastReportCapture;
    private boolean reported;
    private final List<ByteBuf> packets = new ArrayList<>();

    RtpViewer(EventLoop loop, ByteBufAllocator alloc, ViewerTransport transport, RtpPacketizer packetizer,
              ViewerGate gate, StreamMeters meters, Listener listener, String cname, long initialRtpTime,
              long maxQueuedBytes) {
        this.loop = loop;
        this.maxQueuedBytes = maxQueuedBytes;
        this.alloc = alloc;
        this.transport = transport;
        this.packetizer = packetizer;
        this.gate = gate;
        this.meters = meters;
        this.listener = listener;
        this.cname = cname;
        this.initialRtpTime = initialRtpTime & 0xFFFF_FFFFL;
        this.lastRtpTime = this.initialRtpTime;
    }

    @Override
    public void onStreamInfo(StreamInfo info) {
        // A new SPS needs nothing here: the hub puts parameter sets in-band before keyframes.
    }

    /** Borrows {@code unit}. */
    @Override
    public void onAccessUnit(AccessUnit unit) {
        if (stopped.get()) {
            return;
        }
        ViewerGate.Decision decision;
        synchronized (this) {
            if (!started) {
                if (!unit.isKeyframe()) {
                    return;
                }
                started = true;
            }
            boolean writable = transport.isWritable() && pendingBytes.get() < maxQueuedBytes;
            decision = gate.offer(unit.isKeyframe(), writable);
        }
        switch (decision) {
            case DELIVER -> schedule(unit);
            case DROP -> meters.droppedSlowViewer.increment();
            case DISCONNECT -> {
                meters.droppedSlowViewer.increment();
                if (stopped.compareAndSet(false, true)) {
                    runOnLoop(() -> listener.slowViewer(this));
                }
            }
        }
    }

    @Override
    public void onHubClosed() {
        if (stopped.compareAndSet(false, true)) {
            runOnLoop(() -> listener.hubClosed(this));
        }
    }

    /** Stops sending; units already queued are released unsent. */
    void stop() {
        stopped.set(true);
    }

    /** RTP bytes sent to this viewer so far. Event loop only. */
    long bytesSent() {
        return bytesSent;
    }

    /** The RTP time of the last unit sent, or the initial one when none was sent yet. Event loop only. */
    long lastRtpTime() {
        return lastRtpTime;
    }

    private void schedule(AccessUnit unit) {
        int size = unit.size();
        pendingBytes.addAndGet(size);
        unit.retain();
        try {
            loop.execute(() -> {
                try {
                    if (!stopped.get()) {
                        send(unit);
                    }
                } finally {
                    pendingBytes.addAndGet(-size);
                    unit.release();
                }
            });
        } catch (RejectedExecutionException e) {
            pendingBytes.addAndGet(-size);
            unit.release();
        }
    }

    private void runOnLoop(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // The server is shutting down and closes the connection itself.
        }
    }

    private void send(AccessUnit unit) {
        if (!haveBase) {
            haveBase = true;
            baseTimestamp = unit.timestamp();
        }
        long rtpTime = (initialRtpTime + unit.timestamp() - baseTimestamp) & 0xFFFF_FFFFL;
        long bytes = 0;
        try {
            packetizer.packetize(unit, rtpTime, packets);
            // From here on the transport owns each packet as it is handed over.
            for (int i = 0; i < packets.size(); i++) {
                ByteBuf p = packets.set(i, null);
                bytes += p.readableBytes();
                transport.writeRtp(p);
            }
        } finally {
            for (ByteBuf p : packets) {
                if (p != null) {
                    p.release();
                }
            }
            packets.clear();
        }
        lastRtpTime = rtpTime;
        if (!reported || unit.captureTimeNanos() - lastReportCapture >= SENDER_REPORT_INTERVAL_NANOS
                || unit.captureTimeNanos() < lastReportCapture) {
            reported = true;
            lastReportCapture = unit.captureTimeNanos();
            SenderReport sr = new SenderReport(packetizer.ssrc(), RtpClockMapping.epochNanosToNtp(
                    unit.captureTimeNanos()), rtpTime, packetizer.packetCount(), packetizer.octetCount());
            transport.writeRtcp(sr.encode(alloc, cname));
        }
        transport.flush();
        meters.framesOut.increment();
        meters.bytesOut.increment(bytes);
        bytesSent += bytes;
    }
}
