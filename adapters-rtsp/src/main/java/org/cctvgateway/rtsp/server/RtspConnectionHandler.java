package org.cctvgateway.rtsp.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.cctvgateway.media.StreamHub;
import org.cctvgateway.media.StreamInfo;
import org.cctvgateway.rtsp.codec.InterleavedFrame;
import org.cctvgateway.rtsp.codec.RtspFramingException;
import org.cctvgateway.rtsp.codec.RtspUrls;
import org.cctvgateway.rtsp.codec.auth.AuthResult;
import org.cctvgateway.rtsp.codec.auth.DigestAuthenticator;
import org.cctvgateway.sdp.SdpWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a server connection: answers RTSP requests and owns the connection's
 * sessions. Protocol decisions live in {@link SessionSetup}, {@link RequestTarget} and
 * {@link ServerSession}; this class is the glue. Not sharable: one per connection, event loop
 * only.
 *
 * <p>A request the decoder could not read (its {@code DecoderResult} failed) or with a bad URL
 * gets 400 and the connection stays open. A framing limit or a TLS failure closes the
 * connection with one log line and counts {@code gateway.protocol.errors{protocol=rtsp}}.
 */
final class RtspConnectionHandler extends ChannelInboundHandlerAdapter implements RtpViewer.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(RtspConnectionHandler.class);
    /** Seconds a client should wait when a stream has not produced its first picture yet. */
    static final int H_RETRY_AFTER_SECONDS = 2;

    private final ServerContext server;
    private final Map<String, ServerSession> sessions = new LinkedHashMap<>();
    private final Map<String, SessionOwner> owners = new HashMap<>();
    private ChannelHandlerContext ctx;
    private String prefix = "";
    private List<X509Certificate> peerCertificates;
    private ViewerAccess.Admission.Admitted lastAdmission;
    private boolean everAdmitted;
    private boolean challengedOnly;
    private boolean refusedOnce;
    private boolean waiting;
    private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>();
    private String lastPath = "";

    /** Who an admitted session belongs to, and since when. */
    private record SessionOwner(ViewerAccess.Admission.Admitted admission, Instant start) {
    }
    private long lastReadNanos;
    private boolean closed;

    RtspConnectionHandler(ServerContext server) {
        this.server = server;
        this.lastReadNanos = server.clock.monotonicTime();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.prefix = ctx.channel().id().asShortText() + " " + ctx.channel().remoteAddress();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        lastReadNanos = server.clock.monotonicTime();
        try {
            if (msg instanceof InterleavedFrame) {
                // RTCP receiver reports from a TCP viewer: proof of life, nothing more is needed.
                sessions.values().forEach(s -> s.touch(lastReadNanos));
            } else if (msg instanceof FullHttpRequest request) {
                if (waiting) {
                    // An access answer is pending: keep the order of the connection's requests.
                    queued.add(request.retain());
                } else {
                    onRequest(request);
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onRequest(FullHttpRequest req) {
        String cseq = req.headers().get(RtspResponses.H_CSEQ);
        if (req.decoderResult().isFailure()) {
            LOG.debug("{} unreadable request: {}", prefix, req.decoderResult().cause().toString());
            // Netty's decoder discards all further input after a bad message until reset.
            RtspDecoder decoder = ctx.pipeline().get(RtspDecoder.class);
            if (decoder != null) {
                decoder.reset();
            }
            reply(RtspResponses.empty(RtspResponseStatuses.BAD_REQUEST, cseq));
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} {} CSeq {}", prefix, req.method(), RtspUrls.redact(req.uri()), cseq);
        }
        if (cseq == null) {
            reply(RtspResponses.empty(RtspResponseStatuses.BAD_REQUEST, null));
            return;
        }
        if (!RtspVersions.RTSP_1_0.equals(req.protocolVersion())) {
            reply(RtspResponses.empty(RtspResponseStatuses.RTSP_VERSION_NOT_SUPPORTED, cseq));
            return;
        }
        String method = req.method().name();
        if (!method.equals("OPTIONS")) {
            if (server.options.access().isPresent()) {
                admitThenDispatch(req, method, cseq, server.options.access().get());
                return;
            } else if (!authorized(req, method, cseq)) {
                return;
            }
        }
        dispatchChecked(req, method, cseq);
    }

    private void dispatchChecked(FullHttpRequest req, String method, String cseq) {
        try {
            dispatch(req, method, cseq);
        } catch (RequestTarget.BadRequest | DecoderException e) {
            LOG.debug("{} bad {} request: {}", prefix, method, e.getMessage());
            reply(RtspResponses.empty(RtspResponseStatuses.BAD_REQUEST, cseq));
        }
    }

    private void dispatch(FullHttpRequest req, String method, String cseq) {
        switch (method) {
            case "OPTIONS" -> {
                FullHttpResponse r = RtspResponses.empty(RtspResponseStatuses.OK, cseq);
                r.headers().set(RtspResponses.H_PUBLIC, RtspResponses.PUBLIC);
                reply(r);
            }
            case "DESCRIBE" -> describe(req, cseq);
            case "SETUP" -> SessionSetup.setup(this, req, cseq);
            case "PLAY" -> play(req, cseq);
            case "PAUSE" -> pause(req, cseq);
            case "TEARDOWN" -> teardown(req, cseq);
            case "GET_PARAMETER", "SET_PARAMETER" -> keepAlive(req, cseq);
            case "ANNOUNCE", "RECORD", "REDIRECT" -> {
                FullHttpResponse r = RtspResponses.empty(RtspResponseStatuses.METHOD_NOT_ALLOWED, cseq);
                r.headers().set(RtspResponses.H_ALLOW, RtspResponses.PUBLIC);
                reply(r);
            }
            default -> reply(RtspResponses.empty(RtspResponseStatuses.NOT_IMPLEMENTED, cseq));
        }
    }

    private boolean authorized(FullHttpRequest req, String method, String cseq) {
        if (server.options.auth().isEmpty()) {
            return true;
        }
        DigestAuthenticator auth = server.options.auth().get();
        AuthResult result = auth.verify(method, req.headers().get(RtspResponses.H_AUTHORIZATION));
        if (result instanceof AuthResult.Rejected rejected) {
            LOG.debug("{} {} not authorized: {}", prefix, method, rejected.reason());
            reply(challenge(cseq, auth, rejected.stale(), null));
            return false;
        }
        return true;
    }

    /**
     * Asks the {@link ViewerAccess} whether this request may proceed, and goes on with it (or
     * answers 401/403) when the answer, and the audit record of a refusal, are complete. A client
     * certificate, when presented, is the identity; without one, verified Digest credentials are.
     * Until then the connection's further requests wait in order.
     */
    private void admitThenDispatch(FullHttpRequest req, String method, String cseq, ViewerAccess access) {
        String path = requestPath(req.uri());
        List<X509Certificate> certificates = peerCertificates();
        Optional<String> digestUser = Optional.empty();
        if (certificates.isEmpty() && server.options.auth().isPresent()) {
            DigestAuthenticator auth = server.options.auth().get();
            String authorization = req.headers().get(RtspResponses.H_AUTHORIZATION);
            AuthResult result = auth.verify(method, authorization);
            if (result instanceof AuthResult.Rejected rejected) {
                if (authorization == null || rejected.stale()) {
                    // The first step of every Digest exchange: not a refusal yet. A connection that
                    // never answers the challenge is reported when it closes.
                    challengedOnly = !everAdmitted;
                    lastPath = path;
                    reply(challenge(cseq, auth, rejected.stale(), null));
                } else {
                    String reason = "wrong credentials: " + rejected.reason();
                    await(req, refuse(method, path, 401, reason, rejected.user(), access),
                            ignored -> reply(challenge(cseq, auth, false, reason)));
                }
                return;
            }
            digestUser = Optional.of(((AuthResult.Accepted) result).username());
        }
        CompletionStage<ViewerAccess.Admission> decided;
        try {
            decided = access.admit(new ViewerAccess.ViewerRequest(method, path, remote(), certificates, digestUser))
                    .thenCompose(a -> a instanceof ViewerAccess.Admission.Refused r
                            ? refuse(method, path, r.status(), r.reason(), r.agency(), access).thenApply(v -> a)
                            : CompletableFuture.completedFuture(a));
        } catch (RuntimeException e) {
            decided = CompletableFuture.failedFuture(e);
        }
        await(req, decided, admission -> {
            if (admission instanceof ViewerAccess.Admission.Refused refused) {
                reply(refused.status() == 401 && server.options.auth().isPresent()
                        ? challenge(cseq, server.options.auth().get(), false, refused.reason())
                        : RtspResponses.empty(new HttpResponseStatus(refused.status(), statusText(refused)), cseq));
                return;
            }
            everAdmitted = true;
            challengedOnly = false;
            lastAdmission = (ViewerAccess.Admission.Admitted) admission;
            dispatchChecked(req, method, cseq);
        });
    }

    /**
     * Holds the connection's requests until {@code stage} completes, then runs {@code then} on the
     * event loop with {@code req} still retained. A failed stage refuses the request with 403.
     */
    private <T> void await(FullHttpRequest req, CompletionStage<T> stage, java.util.function.Consumer<T> then) {
        waiting = true;
        req.retain();
        String cseq = req.headers().get(RtspResponses.H_CSEQ);
        stage.whenComplete((value, failure) -> runOnLoop(() -> {
            try {
                if (closed) {
                    return;
                }
                if (failure != null) {
                    LOG.warn("{} access check failed; refusing: {}", prefix, failure.toString());
                    reply(RtspResponses.empty(new HttpResponseStatus(403, "Forbidden: access could not be checked"),
                            cseq));
                } else {
                    then.accept(value);
                }
            } finally {
                req.release();
                waiting = false;
                drainQueued();
            }
        }));
    }

    private void runOnLoop(Runnable task) {
        if (ctx.executor().inEventLoop()) {
            task.run();
            return;
        }
        try {
            ctx.executor().execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The server is shutting down; the connection closes and its queue is released there.
            LOG.debug("{} event loop gone before an access answer: {}", prefix, e.toString());
        }
    }

    private void drainQueued() {
        while (!waiting && !queued.isEmpty()) {
            FullHttpRequest next = queued.poll();
            try {
                onRequest(next);
            } finally {
                next.release();
            }
        }
    }

    private FullHttpResponse challenge(String cseq, DigestAuthenticator auth, boolean stale, String reason) {
        HttpResponseStatus status = reason == null ? RtspResponseStatuses.UNAUTHORIZED
                : new HttpResponseStatus(401, "Unauthorized: " + phrase(reason));
        FullHttpResponse r = RtspResponses.empty(status, cseq);
        for (String c : auth.challenges(stale)) {
            r.headers().add(RtspResponses.H_WWW_AUTHENTICATE, c);
        }
        return r;
    }

    private static String statusText(ViewerAccess.Admission.Refused refused) {
        return (refused.status() == 401 ? "Unauthorized: " : "Forbidden: ") + phrase(refused.reason());
    }

    /** A reason made safe for a status line: printable ASCII, at most 200 characters. */
    static String phrase(String reason) {
        StringBuilder b = new StringBuilder(Math.min(reason.length(), 200));
        for (int i = 0; i < reason.length() && b.length() < 200; i++) {
            char c = reason.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }

    /** Reports a refusal; the stage completes (normally) once it is recorded or could not be. */
    private CompletionStage<Void> refuse(String method, String path, int status, String reason,
                                         Optional<String> agency, ViewerAccess access) {
        refusedOnce = true;
        challengedOnly = false;
        LOG.info("{} {} {} refused ({}): {}", prefix, method, path.isEmpty() ? "-" : path, status, reason);
        CompletionStage<Void> recorded;
        try {
            recorded = access.refused(new ViewerAccess.Refusal(method, path, remote(), status, reason, agency, now()));
        } catch (RuntimeException e) {
            recorded = CompletableFuture.failedFuture(e);
        }
        return recorded.handle((v, e) -> {
            if (e != null) {
                LOG.warn("{} could not record a refusal: {}", prefix, e.toString());
            }
            return null;
        });
    }

    /** The stream path of a request URL, or "" when it has none that can be read. */
    private static String requestPath(String uri) {
        try {
            return RequestTarget.parse(uri).path();
        } catch (RequestTarget.BadRequest e) {
            return "";
        }
    }

    private List<X509Certificate> peerCertificates() {
        if (peerCertificates != null) {
            return peerCertificates;
        }
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl == null) {
            peerCertificates = List.of();
            return peerCertificates;
        }
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate c : ssl.engine().getSession().getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    chain.add(x);
                }
            }
        } catch (SSLPeerUnverifiedException e) {
            // No client certificate: Digest credentials may still identify the viewer.
        }
        peerCertificates = List.copyOf(chain);
        return peerCertificates;
    }

    private InetSocketAddress remote() {
        SocketAddress a = ctx.channel().remoteAddress();
        return a instanceof InetSocketAddress inet ? inet : new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private Instant now() {
        return Instant.ofEpochMilli(server.clock.wallTime());
    }

    private void describe(FullHttpRequest req, String cseq) {
        RequestTarget target = RequestTarget.parse(req.uri());
        StreamHub hub = server.mounts.resolve(target.path()).orElse(null);
        if (hub == null) {
            reply(RtspResponses.empty(RtspResponseStatuses.NOT_FOUND, cseq));
            return;
        }
        StreamInfo info = hub.streamInfo().orElse(null);
        if (info == null) {
            FullHttpResponse r = RtspResponses.empty(RtspResponseStatuses.SERVICE_UNAVAILABLE, cseq);
            r.headers().setInt(RtspResponses.H_RETRY_AFTER, H_RETRY_AFTER_SECONDS);
            reply(r);
            return;
        }
        String origin = address(ctx.channel().localAddress()).getHostAddress();
        String sessionId = Long.toString(server.random.nextLong() & Long.MAX_VALUE);
        String sdp = SdpWriter.describe(info, "cctv-gateway " + target.path(), sessionId, origin,
                SessionSetup.PAYLOAD_TYPE, RequestTarget.TRACK_CONTROL);
        FullHttpResponse r = RtspResponses.withBody(ctx.alloc(), RtspResponseStatuses.OK, cseq,
                "application/sdp", sdp);
        r.headers().set(RtspResponses.H_CONTENT_BASE, target.baseUrl() + "/");
        reply(r);
    }

    private void play(FullHttpRequest req, String cseq) {
        ServerSession s = session(req, cseq);
        if (s == null) {
            return;
        }
        ServerSession.RtpInfo info = s.play(server.options.viewerMaxLag(),
                server.options.writeBufferWaterMark().high(), server.clock, this,
                "cctv-gateway@" + ctx.channel().id().asShortText());
        FullHttpResponse r = RtspResponses.empty(RtspResponseStatuses.OK, cseq);
        r.headers().set(RtspResponses.H_SESSION, sessionHeader(s));
        r.headers().set(RtspResponses.H_RANGE, "npt=0.000-");
        r.headers().set(RtspResponses.H_RTP_INFO, info.format());
        // The reply goes out before any RTP: media is written by tasks queued behind this one.
        reply(r);
    }

    private void pause(FullHttpRequest req, String cseq) {
        ServerSession s = session(req, cseq);
        if (s != null) {
            s.pause();
            FullHttpResponse r = RtspResponses.empty(RtspResponseStatuses.OK, cseq);
            r.headers().set(RtspResponses.H_SESSION, sessionHeader(s));
            reply(r);
        }
    }

    private void teardown(FullHttpRequest req, String cseq) {
        ServerSession s = session(req, cseq);
        if (s != null) {
            // The reply waits for the session's audit record, as every acknowledgement does.
            await(req, endSession(s, "TEARDOWN"), v -> reply(RtspResponses.empty(RtspResponseStatuses.OK, cseq)));
        }
    }

    private void keepAlive(FullHttpRequest req, String cseq) {
        if (req.headers().contains(RtspResponses.H_SESSION) && session(req, cseq) == null) {
            return;
        }
        reply(RtspResponses.empty(RtspResponseStatuses.OK, cseq));
    }

    /** The request's session, touched; or null after answering 454 (or 400 without a Session header). */
    ServerSession session(FullHttpRequest req, String cseq) {
        String header = req.headers().get(RtspResponses.H_SESSION);
        if (header == null) {
            reply(RtspResponses.empty(RtspResponseStatuses.SESSION_NOT_FOUND, cseq));
            return null;
        }
        int semi = header.indexOf(';');
        String id = (semi < 0 ? header : header.substring(0, semi)).trim();
        ServerSession s = sessions.get(id);
        if (s == null) {
            reply(RtspResponses.empty(RtspResponseStatuses.SESSION_NOT_FOUND, cseq));
            return null;
        }
        s.touch(server.clock.monotonicTime());
        return s;
    }

    String sessionHeader(ServerSession s) {
        return s.id() + ";timeout=" + server.options.sessionTimeout().toSeconds();
    }

    /** The IP of a socket address; loopback for the in-memory channels tests use. */
    static InetAddress address(SocketAddress a) {
        return a instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress() : InetAddress.getLoopbackAddress();
    }

    ServerContext server() {
        return server;
    }

    ChannelHandlerContext context() {
        return ctx;
    }

    String prefix() {
        return prefix;
    }

    boolean isClosed() {
        return closed;
    }

    Map<String, ServerSession> sessions() {
        return sessions;
    }

    void reply(FullHttpResponse response) {
        if (!ctx.channel().isActive()) {
            response.release();
            return;
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    void addSession(ServerSession s) {
        sessions.put(s.id(), s);
        if (lastAdmission != null) {
            owners.put(s.id(), new SessionOwner(lastAdmission, now()));
        }
        LOG.info("{} session {} {} {} started", prefix, s.id(), s.path(),
                s.transport() instanceof UdpTransport ? "UDP" : "TCP");
    }

    /**
     * Ends a session; the stage completes when its end is recorded by the {@link ViewerAccess}
     * (at once without one, or when recording fails, which is logged).
     */
    private CompletionStage<Void> endSession(ServerSession s, String why) {
        if (sessions.remove(s.id()) == null) {
            return CompletableFuture.completedFuture(null);
        }
        long bytes = s.bytesSent();
        s.close();
        server.sessions.decrementAndGet();
        LOG.info("{} session {} {} ended: {}", prefix, s.id(), s.path(), why);
        SessionOwner owner = owners.remove(s.id());
        if (owner == null || server.options.access().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        String id = s.id();
        CompletionStage<Void> recorded;
        try {
            recorded = server.options.access().get().sessionEnded(new ViewerAccess.SessionRecord(id, s.path(),
                    owner.admission().agency(), owner.admission().credential(), remote(), owner.start(), now(), bytes,
                    why));
        } catch (RuntimeException e) {
            recorded = CompletableFuture.failedFuture(e);
        }
        return recorded.handle((v, e) -> {
            if (e != null) {
                LOG.warn("{} could not record the end of session {}: {}", prefix, id, e.toString());
            }
            return null;
        });
    }

    @Override
    public void slowViewer(RtpViewer viewer) {
        for (ServerSession s : new ArrayList<>(sessions.values())) {
            if (s.isViewer(viewer)) {
                server.meters(s.path()).disconnects.increment();
                server.slowViewerWarning.warn("{} viewer of {} could not keep up for {}; disconnected", prefix,
                        s.path(), server.options.viewerMaxLag());
                endSession(s, "too slow");
            }
        }
        ctx.close();
    }

    @Override
    public void hubClosed(RtpViewer viewer) {
        for (ServerSession s : new ArrayList<>(sessions.values())) {
            if (s.isViewer(viewer)) {
                endSession(s, "stream closed");
            }
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            checkTimeouts(server.clock.monotonicTime());
            return;
        }
        if (evt == RtspServer.RECHECK_ACCESS) {
            recheckAccess();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    /**
     * Puts every session of this connection to the {@link ViewerAccess} again, as if asked now, and
     * ends (and reports) those no longer allowed: a certificate revoked or expired, credentials
     * revoked, consent withdrawn, a policy changed or an emergency window closed since it started.
     */
    private void recheckAccess() {
        ViewerAccess access = server.options.access().orElse(null);
        if (access == null || closed) {
            return;
        }
        for (ServerSession s : new ArrayList<>(sessions.values())) {
            SessionOwner owner = owners.get(s.id());
            if (owner == null) {
                continue;
            }
            String credential = owner.admission().credential();
            Optional<String> digestUser = credential.startsWith("digest ")
                    ? Optional.of(credential.substring("digest ".length())) : Optional.empty();
            String path = s.path();
            CompletionStage<ViewerAccess.Admission> decided;
            try {
                decided = access.admit(new ViewerAccess.ViewerRequest("RECHECK", path, remote(), peerCertificates(),
                        digestUser));
            } catch (RuntimeException e) {
                decided = CompletableFuture.failedFuture(e);
            }
            decided.whenComplete((a, e) -> runOnLoop(() -> {
                if (closed || !sessions.containsKey(s.id())) {
                    return;
                }
                if (e != null) {
                    // Could not check: keep the session; the next check tries again.
                    LOG.warn("{} access recheck of session {} failed: {}", prefix, s.id(), e.toString());
                    return;
                }
                if (a instanceof ViewerAccess.Admission.Refused r) {
                    refuse("RECHECK", path, r.status(), "access withdrawn during the session: " + r.reason(),
                            r.agency(), access);
                    endSession(s, "access withdrawn: " + r.reason());
                    if (sessions.isEmpty()) {
                        ctx.close();
                    }
                }
            }));
        }
    }

    private void checkTimeouts(long now) {
        List<ServerSession> expired = new ArrayList<>();
        for (ServerSession s : sessions.values()) {
            if (s.expired(now, server.options.sessionTimeout())) {
                expired.add(s);
            }
        }
        expired.forEach(s -> endSession(s, "no request or RTCP for " + server.options.sessionTimeout()));
        if (sessions.isEmpty() && now - lastReadNanos > server.options.sessionTimeout().toNanos()) {
            LOG.debug("{} idle for {}, closing", prefix, server.options.sessionTimeout());
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closed = true;
        for (ServerSession s : new ArrayList<>(sessions.values())) {
            endSession(s, "connection closed");
        }
        FullHttpRequest q;
        while ((q = queued.poll()) != null) {
            q.release();
        }
        if (challengedOnly && !refusedOnce && server.options.access().isPresent()) {
            refuse("CONNECTION", lastPath, 401, "no client certificate or credentials presented", Optional.empty(),
                    server.options.access().get());
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String reason = reason(cause);
        if (reason == null) {
            LOG.debug("{} connection error: {}", prefix, cause.toString());
        } else {
            server.protocolError(reason);
            if (reason.equals("internal")) {
                LOG.warn("{} closing RTSP connection after an unexpected error", prefix, cause);
            } else {
                LOG.warn("{} closing RTSP connection ({}): {}", prefix, reason, cause.getCause() instanceof SSLException
                        ? cause.getCause().getMessage() : cause.getMessage());
            }
        }
        ctx.close();
    }

    /** The {@code reason} tag of a connection-closing error, or null for a plain I/O failure. */
    static String reason(Throwable cause) {
        if (cause instanceof RtspFramingException) {
            return "framing-limit";
        }
        if (cause instanceof SSLException || cause.getCause() instanceof SSLException) {
            return "tls";
        }
        if (cause instanceof DecoderException) {
            return "protocol";
        }
        if (cause instanceof IOException) {
            return null;
        }
        return "internal";
    }
}
