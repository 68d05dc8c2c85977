package org.cctvgateway.rtsp.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import org.cctvgateway.rtsp.codec.InterleavedFrame;
import org.cctvgateway.rtsp.codec.PortRange;
import org.cctvgateway.rtsp.codec.TransportHeader;

/**
 * How media of a session travels: interleaved in the RTSP connection, or over a UDP port pair.
 * Each variant sends its SETUP, routes incoming media to the session's {@link RtpReceiver} and
 * sends receiver reports back the same way.
 */
abstract class MediaPath {
    final RtspIngestSession session;

    MediaPath(RtspIngestSession session) {
        this.session = session;
    }

    static MediaPath interleaved(RtspIngestSession session) {
        return new Interleaved(session);
    }

    static MediaPath udp(RtspIngestSession session) {
        return new Udp(session);
    }

    /** Sends SETUP for the track and PLAY once it is answered. */
    abstract void setup(URI trackUrl);

    /** Borrows {@code frame}. */
    abstract void onFrame(InterleavedFrame frame);

    /** Takes ownership of {@code report}. */
    abstract void sendRtcp(ByteBuf report);

    abstract void close();

    long now() {
        return session.clock.monotonicTime();
    }

    /** RTP/AVP/TCP: channels 0-1 asked, whatever the camera answers is used. */
    private static final class Interleaved extends MediaPath {
        private int rtpChannel = 0;
        private int rtcpChannel = 1;

        Interleaved(RtspIngestSession session) {
            super(session);
        }

        @Override
        void setup(URI trackUrl) {
            session.setup(trackUrl, TransportHeader.tcpInterleaved(0), reply -> {
                if (reply.lowerTransport() != TransportHeader.LowerTransport.TCP) {
                    session.fail(session.camera() + " answered a SETUP for TCP with " + reply.format());
                    return;
                }
                PortRange channels = reply.interleaved().orElse(PortRange.pair(0));
                rtpChannel = channels.rtp();
                rtcpChannel = channels.rtcp();
                session.play();
            });
        }

        @Override
        void onFrame(InterleavedFrame frame) {
            RtpReceiver receiver = session.receiver();
            if (receiver == null) {
                return;
            }
            if (frame.channel() == rtpChannel) {
                receiver.onRtp(frame.content(), now());
            } else if (frame.channel() == rtcpChannel) {
                receiver.onRtcp(frame.content(), now());
            }
            // Other channels belong to tracks that were not set up (never asked for): dropped.
        }

        @Override
        void sendRtcp(ByteBuf report) {
            if (rtcpChannel > 255) {
                report.release();
                return;
            }
            session.ctx.writeAndFlush(new InterleavedFrame(rtcpChannel, report));
        }

        @Override
        void close() {
            // Nothing of its own: the RTSP connection is closed by the source.
        }
    }

    /** RTP/AVP over UDP from a port pair bound on the address that reaches the camera. */
    private static final class Udp extends MediaPath implements UdpMediaPair.Receiver {
        private UdpMediaPair pair;
        private InetSocketAddress cameraRtcp;
        private boolean closed;

        Udp(RtspIngestSession session) {
            super(session);
        }

        @Override
        void setup(URI trackUrl) {
            InetSocketAddress local = (InetSocketAddress) session.ctx.channel().localAddress();
            InetAddress camera = session.remote().getAddress();
            EventLoop loop = session.ctx.channel().eventLoop();
            UdpMediaPair.bind(loop, local.getAddress(), camera, this, session.clock::monotonicTime)
                    .addListener(f -> {
                        if (!f.isSuccess()) {
                            session.fail("could not open UDP ports for " + session.camera() + ": "
                                    + RtspIngestSession.rootMessage(f.cause()));
                            return;
                        }
                        pair = (UdpMediaPair) f.getNow();
                        if (closed || session.finished) {
                            pair.close();
                            return;
                        }
                        sendSetup(trackUrl, camera);
                    });
        }

        private void sendSetup(URI trackUrl, InetAddress camera) {
            session.setup(trackUrl, TransportHeader.udpUnicast(pair.rtpPort()), reply -> {
                if (reply.lowerTransport() != TransportHeader.LowerTransport.UDP || reply.multicast()) {
                    session.fail(session.camera() + " answered a SETUP for unicast UDP with " + reply.format());
                    return;
                }
                // Without server_port the camera still sends; only the receiver reports have nowhere to go.
                cameraRtcp = reply.serverPort().map(p -> new InetSocketAddress(camera, p.rtcp())).orElse(null);
                session.play();
            });
        }

        @Override
        public void onRtp(ByteBuf content, long arrivalNanos) {
            RtpReceiver receiver = session.receiver();
            if (receiver != null && !session.finished) {
                receiver.onRtp(content, arrivalNanos);
            }
        }

        @Override
        public void onRtcp(ByteBuf content, long arrivalNanos) {
            RtpReceiver receiver = session.receiver();
            if (receiver != null && !session.finished) {
                receiver.onRtcp(content, arrivalNanos);
            }
        }

        @Override
        void onFrame(InterleavedFrame frame) {
            // Interleaved data on a UDP session is a camera bug; it is dropped.
        }

        @Override
        void sendRtcp(ByteBuf report) {
            if (pair == null || cameraRtcp == null) {
                report.release();
                return;
            }
            pair.sendRtcp(report, cameraRtcp);
        }

        @Override
        void close() {
            closed = true;
            if (pair != null) {
                pair.close();
            }
        }
    }
}
