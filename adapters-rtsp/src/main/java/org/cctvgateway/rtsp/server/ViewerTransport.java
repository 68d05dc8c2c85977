package org.cctvgateway.rtsp.server;

import io.netty.buffer.ByteBuf;
import org.cctvgateway.rtsp.codec.TransportHeader;

/**
 * Where one viewer's RTP and RTCP go: interleaved on its RTSP connection or UDP datagrams.
 * Called only on the connection's event loop.
 */
interface ViewerTransport {
    /** Queues one RTP packet; takes ownership of {@code packet}. */
    void writeRtp(ByteBuf packet);

    /** Queues one RTCP packet; takes ownership of {@code packet}. */
    void writeRtcp(ByteBuf packet);

    /** Sends what was queued. */
    void flush();

    /** False while the outbound buffer is above its high water mark. */
    boolean isWritable();

    /** The Transport header of the SETUP reply. */
    TransportHeader replyHeader(long ssrc);

    /** Releases sockets of its own (UDP); the RTSP connection is not closed here. */
    void close();
}
