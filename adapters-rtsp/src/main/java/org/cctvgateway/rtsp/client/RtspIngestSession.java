package org.cctvgateway.rtsp.client;

import io.micrometer.core.instrument.Clock;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.TrackInfo;
import org.cctvgateway.rtsp.codec.InterleavedFrame;
import org.cctvgateway.rtsp.codec.RtspProtocolException;
import org.cctvgateway.rtsp.codec.RtspUrls;
import org.cctvgateway.rtsp.codec.SessionHeader;
import org.cctvgateway.rtsp.codec.TransportHeader;
import org.cctvgateway.rtsp.codec.auth.ClientAuthenticator;
import org.cctvgateway.rtsp.codec.auth.Credentials;
import org.cctvgateway.sdp.SessionDescription;
import org.cctvgateway.sdp.VideoTrack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code session} handler of one ingest connection: OPTIONS, DESCRIBE, SETUP of the video
 * track, PLAY, then media in and keep-alives out, until it fails or is torn down. It reports
 * to a {@link Listener} and never reconnects by itself; {@link RtspStreamSource} decides that.
 * Not sharable; every method runs on the connection's event loop.
 */
final class RtspIngestSession extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RtspIngestSession.class);
    /** Access units held between SETUP and PLAY's answer (UDP media may overtake it); more are dropped. */
    private static final int MAX_EARLY_UNITS = 64;

    /** What the session tells its source; called on the event loop, at most one terminal call. */
    interface Listener {
        void onTrack(RtspIngestSession session, TrackInfo track);

        /** Takes ownership of {@code unit}. */
        void onAccessUnit(RtspIngestSession session, AccessUnit unit);

        void onRedirect(RtspIngestSession session, URI location);

        void onFailure(RtspIngestSession session, String reason);
    }

    final RtspSourceOptions options;
    final URI url;
    final String logContext;
    final Listener listener;
    final Clock clock;
    ChannelHandlerContext ctx;
    RtspExchange exchange;
    private java.util.Set<String> publicMethods = java.util.Set.of();
    URI aggregateUrl;
    private TrackInfo track;
    RtpReceiver receiver;
    private final java.util.ArrayDeque<AccessUnit> early = new java.util.ArrayDeque<>();
    private boolean playing;
    boolean finished;
    private PlaybackMonitor monitor;
    MediaPath media;

    RtspIngestSession(RtspSourceOptions options, URI url, String logContext, Listener listener, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.url = Objects.requireNonNull(url, "url");
        this.logContext = logContext;
        this.listener = listener;
        this.clock = clock;
    }

    /** "camera at rtsp://host/path", credentials never included. */
    String camera() {
        return "camera at " + RtspUrls.redact(url.toString());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ClientAuthenticator auth = options.hasCredentials()
                ? new ClientAuthenticator(new Credentials(options.username(), options.password())) : null;
        exchange = new RtspExchange(ctx, options.requestTimeout().toMillis(), auth);
        if (ctx.pipeline().get("tls") == null) {
            options();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent e) {
            if (e.isSuccess()) {
                options();
            } else {
                fail(camera() + " failed the TLS handshake: " + rootMessage(e.cause()));
            }
        } else if (evt instanceof IdleStateEvent) {
            long idle = Math.max(options.firstFrameTimeout().toMillis(), options.stallTimeout().toMillis())
                    + options.requestTimeout().toMillis();
            fail(camera() + " sent nothing for " + idle + " ms");
        }
        ReferenceCountUtil.release(evt);
    }

    private void options() {
        exchange.send(RtspMethods.OPTIONS, url, RtspExchange.headers(), step("OPTIONS", this::onOptions));
    }

    private void onOptions(FullHttpResponse r) {
        if (isRedirect(r)) {
            redirect(r);
            return;
        }
        // Some cameras answer OPTIONS with an error yet stream fine: only DESCRIBE's answer counts.
        if (r.status().code() / 100 == 2) {
            java.util.Set<String> methods = new java.util.HashSet<>();
            for (String m : r.headers().get(RtspHeaderNames.PUBLIC, "").split(",", 64)) {
                methods.add(m.trim().toUpperCase(Locale.ROOT));
            }
            publicMethods = methods;
        }
        HttpHeaders h = RtspExchange.headers().set(RtspHeaderNames.ACCEPT, "application/sdp");
        exchange.send(RtspMethods.DESCRIBE, url, h, step("DESCRIBE", this::onDescribe));
    }

    private void onDescribe(FullHttpResponse r) {
        if (isRedirect(r)) {
            redirect(r);
            return;
        }
        if (r.status().code() / 100 != 2) {
            fail(answered("DESCRIBE", r));
            return;
        }
        SessionDescription sdp;
        URI base;
        try {
            sdp = SessionDescription.parse(r.content().toString(StandardCharsets.UTF_8));
            base = base(r);
        } catch (DecoderException e) {
            fail(camera() + " sent a description the gateway cannot read: " + e.getMessage());
            return;
        }
        Optional<VideoTrack> video = sdp.firstSupportedVideo();
        if (video.isEmpty()) {
            fail(camera() + " offers no H.264 or H.265 video track the gateway can read ("
                    + sdp.media().size() + " media in its SDP)");
            return;
        }
        URI trackUrl;
        try {
            trackUrl = RtspUrls.resolveControl(base, video.get().control().orElse(null));
            aggregateUrl = RtspUrls.resolveControl(base, sdp.control().orElse(null));
        } catch (RtspProtocolException e) {
            fail(camera() + " sent a control URL the gateway cannot use: " + e.getMessage());
            return;
        }
        track = video.get().track();
        LOG.debug("{} - {} offers {} video, track {}", logContext, camera(), track.codec(),
                RtspUrls.redact(trackUrl.toString()));
        long ssrc = new java.security.SecureRandom().nextInt() & 0xFFFF_FFFFL;
        receiver = new RtpReceiver(track, clock, this::onUnit, ssrc);
        media = options.transport() == RtspSourceOptions.Transport.TCP ? MediaPath.interleaved(this)
                : MediaPath.udp(this);
        media.setup(trackUrl);
    }

    /** Content-Base, else Content-Location, else the request URL (RFC 2326 C.1.1). */
    private URI base(FullHttpResponse r) {
        String cb = r.headers().get(RtspHeaderNames.CONTENT_BASE);
        if (cb != null && !cb.isBlank()) {
            return RtspUrls.parseServerUrl(cb, "Content-Base");
        }
        String cl = r.headers().get(RtspHeaderNames.CONTENT_LOCATION);
        if (cl != null && !cl.isBlank()) {
            return RtspUrls.parseServerUrl(cl, "Content-Location");
        }
        return url;
    }

    /** Sends SETUP with {@code transport}; {@code onReply} gets the camera's Transport answer. */
    void setup(URI trackUrl, TransportHeader transport, java.util.function.Consumer<TransportHeader> onReply) {
        HttpHeaders h = RtspExchange.headers().set(RtspHeaderNames.TRANSPORT, transport.format());
        exchange.send(RtspMethods.SETUP, trackUrl, h, step("SETUP", r -> {
            if (r.status().code() / 100 != 2) {
                fail(r.status().code() == 461
                        ? camera() + " does not offer RTP over " + transport.lowerTransport() + " (461)"
                        : answered("SETUP", r));
                return;
            }
            String session = r.headers().get(RtspHeaderNames.SESSION);
            String reply = r.headers().get(RtspHeaderNames.TRANSPORT);
            SessionHeader parsed;
            TransportHeader replied;
            try {
                if (session == null) {
                    fail(camera() + " answered SETUP without a Session header");
                    return;
                }
                parsed = SessionHeader.parse(session);
                replied = reply == null ? transport : TransportHeader.parse(reply);
            } catch (RtspProtocolException e) {
                fail(camera() + " sent a SETUP answer the gateway cannot read: " + e.getMessage());
                return;
            }
            exchange.session(parsed.id());
            monitor = new PlaybackMonitor(this, parsed.timeout(), publicMethods.contains("GET_PARAMETER"));
            onReply.accept(replied);
        }));
    }

    void play() {
        HttpHeaders h = RtspExchange.headers().set(RtspHeaderNames.RANGE, "npt=0.000-");
        exchange.send(RtspMethods.PLAY, aggregateUrl, h, step("PLAY", r -> {
            if (r.status().code() / 100 != 2) {
                fail(answered("PLAY", r));
                return;
            }
            playing = true;
            LOG.info("{} - playing {} ({} over {})", logContext, RtspUrls.redact(url.toString()), track.codec(),
                    options.transport());
            listener.onTrack(this, track);
            while (!early.isEmpty() && !finished) {
                listener.onAccessUnit(this, early.poll());
            }
            monitor.start(ctx);
        }));
    }

    private void onUnit(AccessUnit unit) {
        if (finished) {
            unit.release();
            return;
        }
        if (monitor != null) {
            monitor.onUnit();
        }
        if (!playing) {
            if (early.size() < MAX_EARLY_UNITS) {
                early.add(unit);
            } else {
                unit.release();
            }
            return;
        }
        listener.onAccessUnit(this, unit);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof FullHttpResponse r && finished) {
                // Only the TEARDOWN answer matters now.
                exchange.onResponse(r).ifPresent(req -> req.handler.onResponse(req, r));
            } else if (finished) {
                return;
            } else if (msg instanceof InterleavedFrame f) {
                media.onFrame(f);
            } else if (msg instanceof FullHttpResponse r) {
                onResponse(r);
            } else if (msg instanceof FullHttpRequest req) {
                answerServerRequest(req);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onResponse(FullHttpResponse r) {
        if (r.decoderResult().isFailure()) {
            fail(camera() + " sent a malformed answer: " + rootMessage(r.decoderResult().cause()));
            return;
        }
        Optional<RtspExchange.Request> request = exchange.onResponse(r);
        if (request.isEmpty()) {
            LOG.debug("{} - ignored an answer with CSeq {}", logContext, r.headers().get(RtspHeaderNames.CSEQ));
            return;
        }
        RtspExchange.Request req = request.get();
        LOG.debug("{} - {} {} -> {}", logContext, req.method, RtspUrls.redact(req.uri.toString()), r.status());
        if (r.status().code() == 401 && req.method != RtspMethods.TEARDOWN) {
            onUnauthorized(req, r);
            return;
        }
        req.handler.onResponse(req, r);
    }

    private void onUnauthorized(RtspExchange.Request req, FullHttpResponse r) {
        Optional<ClientAuthenticator> auth = exchange.authenticator();
        if (auth.isEmpty()) {
            fail(camera() + " asks for credentials (401) and none are configured");
            return;
        }
        boolean answerable;
        try {
            answerable = auth.get().onChallenge(r.headers().getAll(RtspHeaderNames.WWW_AUTHENTICATE));
        } catch (RtspProtocolException e) {
            fail(camera() + " sent a challenge the gateway cannot read: " + e.getMessage());
            return;
        }
        if (!answerable) {
            fail(camera() + " asks for an authentication scheme the gateway does not support (401)");
            return;
        }
        // One resend per request; a second only when the camera says the nonce merely expired.
        boolean again = req.authRetries == 0 || req.authRetries == 1 && auth.get().stale();
        if (!again) {
            fail(camera() + " refused the credentials (401)");
            return;
        }
        req.authRetries++;
        exchange.send(req);
    }

    private void answerServerRequest(FullHttpRequest req) {
        String method = req.method().name();
        boolean known = method.equals("OPTIONS") || method.equals("GET_PARAMETER") || method.equals("SET_PARAMETER");
        FullHttpResponse resp = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0,
                known ? HttpResponseStatus.OK : RtspResponseStatuses.NOT_IMPLEMENTED);
        resp.headers().set(RtspHeaderNames.CSEQ, req.headers().get(RtspHeaderNames.CSEQ, "0"));
        resp.headers().set(RtspHeaderNames.CONTENT_LENGTH, "0");
        ctx.writeAndFlush(resp);
    }

    private static boolean isRedirect(FullHttpResponse r) {
        int c = r.status().code();
        return c == 301 || c == 302 || c == 303 || c == 307 || c == 308;
    }

    private void redirect(FullHttpResponse r) {
        String location = r.headers().get(io.netty.handler.codec.http.HttpHeaderNames.LOCATION);
        if (location == null) {
            fail(camera() + " redirected (" + r.status().code() + ") without a Location");
            return;
        }
        URI to;
        try {
            to = RtspUrls.withoutUserInfo(RtspUrls.parseServerUrl(location, "Location"));
        } catch (RtspProtocolException e) {
            fail(camera() + " redirected to a URL the gateway cannot use: " + e.getMessage());
            return;
        }
        finish();
        LOG.info("{} - {} redirects to {}", logContext, camera(), RtspUrls.redact(to.toString()));
        listener.onRedirect(this, to);
    }

    /** A handler that fails the session when its step times out. */
    RtspExchange.Handler step(String method, java.util.function.Consumer<FullHttpResponse> onAnswer) {
        return new RtspExchange.Handler() {
            @Override
            public void onResponse(RtspExchange.Request request, FullHttpResponse response) {
                onAnswer.accept(response);
            }

            @Override
            public void onTimeout(RtspExchange.Request request) {
                fail(camera() + " did not answer " + method + " within " + options.requestTimeout().toMillis()
                        + " ms");
            }
        };
    }

    String answered(String method, FullHttpResponse r) {
        return camera() + " answered " + method + " with " + r.status().code() + " " + r.status().reasonPhrase();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && !(cause.getCause() instanceof javax.net.ssl.SSLException)) {
            fail(camera() + " sent data the gateway cannot read: " + rootMessage(cause));
        } else {
            fail(camera() + " connection failed: " + rootMessage(cause));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(camera() + " closed the connection" + (playing ? "" : " before PLAY was answered"));
        dispose();
        ctx.fireChannelInactive();
    }

    /** Reports the first failure; later ones are consequences of it. */
    void fail(String reason) {
        if (finished) {
            return;
        }
        finish();
        // The source reports it, once, with what happens next.
        LOG.debug("{} - {}", logContext, reason);
        listener.onFailure(this, reason);
    }

    /** Stops timers and media delivery; the connection itself is closed by the source. */
    void finish() {
        finished = true;
        if (exchange != null) {
            exchange.cancelAll();
        }
        if (monitor != null) {
            monitor.stop();
        }
    }

    /** Releases everything this session holds; idempotent. */
    void dispose() {
        finish();
        while (!early.isEmpty()) {
            early.poll().release();
        }
        if (receiver != null) {
            receiver.close();
        }
        if (media != null) {
            media.close();
        }
    }

    /**
     * Sends TEARDOWN when a session was set up and calls {@code done} on its answer, on timeout,
     * or at once when there is nothing to tear down. Media delivery stops now.
     */
    void teardown(Runnable done) {
        boolean hadSession = exchange != null && exchange.session() != null && ctx.channel().isActive();
        finish();
        if (!hadSession) {
            done.run();
            return;
        }
        exchange.send(RtspMethods.TEARDOWN, aggregateUrl, RtspExchange.headers(), new RtspExchange.Handler() {
            @Override
            public void onResponse(RtspExchange.Request request, FullHttpResponse response) {
                done.run();
            }

            @Override
            public void onTimeout(RtspExchange.Request request) {
                done.run();
            }
        });
    }

    /** Counters of this session's receiver, or null before DESCRIBE was answered. */
    RtpReceiver receiver() {
        return receiver;
    }

    InetSocketAddress remote() {
        return (InetSocketAddress) ctx.channel().remoteAddress();
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        for (int i = 0; i < 8 && c.getCause() != null; i++) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m == null ? c.getClass().getSimpleName() : RtspUrls.redact(m);
    }

    static HttpMethod keepAliveMethod(boolean getParameter) {
        return getParameter ? RtspMethods.GET_PARAMETER : RtspMethods.OPTIONS;
    }

}
