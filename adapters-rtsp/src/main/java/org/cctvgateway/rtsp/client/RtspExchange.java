package org.cctvgateway.rtsp.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.rtsp.RtspHeaderNames;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.rtsp.codec.auth.ClientAuthenticator;

/**
 * Requests of one RTSP client connection and the matching of answers by CSeq: numbering,
 * common headers (CSeq, User-Agent, Session, Authorization), a timeout per request and the one
 * resend after a 401. Not thread-safe: used from the connection's event loop.
 */
final class RtspExchange {
    static final String USER_AGENT = "cctv-gateway";
    /** Requests in flight at most: one setup step plus a keep-alive and a TEARDOWN. */
    private static final int MAX_IN_FLIGHT = 4;

    /** What to do with an answer, or with the lack of one. */
    interface Handler {
        void onResponse(Request request, FullHttpResponse response);

        void onTimeout(Request request);
    }

    /** One request as sent, kept for its resend with credentials. */
    static final class Request {
        final HttpMethod method;
        final URI uri;
        final HttpHeaders extra;
        final Handler handler;
        int authRetries;
        ScheduledFuture<?> timeout;

        Request(HttpMethod method, URI uri, HttpHeaders extra, Handler handler) {
            this.method = method;
            this.uri = uri;
            this.extra = extra;
            this.handler = handler;
        }
    }

    private final ChannelHandlerContext ctx;
    private final long timeoutMillis;
    private final ClientAuthenticator authenticator;
    private final Map<Integer, Request> inFlight = new HashMap<>();
    private int cseq;
    private String session;

    /** @param authenticator null when no credentials are configured */
    RtspExchange(ChannelHandlerContext ctx, long timeoutMillis, ClientAuthenticator authenticator) {
        this.ctx = ctx;
        this.timeoutMillis = timeoutMillis;
        this.authenticator = authenticator;
    }

    Optional<ClientAuthenticator> authenticator() {
        return Optional.ofNullable(authenticator);
    }

    void session(String id) {
        this.session = id;
    }

    String session() {
        return session;
    }

    static HttpHeaders headers() {
        return new DefaultHttpHeaders();
    }

    /** Sends {@code method uri} with {@code extra} headers; the handler gets the answer or the timeout. */
    void send(HttpMethod method, URI uri, HttpHeaders extra, Handler handler) {
        send(new Request(method, uri, extra, handler));
    }

    /** Sends {@code request} again, with a new CSeq and the current Authorization. */
    void send(Request request) {
        if (inFlight.size() >= MAX_IN_FLIGHT) {
            // Only keep-alives can pile up, when the camera stopped answering them: skip this one.
            return;
        }
        int seq = ++cseq;
        FullHttpRequest req = new DefaultFullHttpRequest(RtspVersions.RTSP_1_0, request.method,
                request.uri.toString());
        HttpHeaders h = req.headers();
        h.set(RtspHeaderNames.CSEQ, Integer.toString(seq));
        h.set(RtspHeaderNames.USER_AGENT, USER_AGENT);
        if (session != null) {
            h.set(RtspHeaderNames.SESSION, session);
        }
        if (authenticator != null) {
            authenticator.authorization(request.method.name(), request.uri.toString())
                    .ifPresent(v -> h.set(RtspHeaderNames.AUTHORIZATION, v));
        }
        h.add(request.extra);
        inFlight.put(seq, request);
        request.timeout = ctx.executor().schedule(() -> {
            if (inFlight.remove(seq) == request) {
                request.handler.onTimeout(request);
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        ctx.writeAndFlush(req);
    }

    /**
     * Routes an answer to its request's handler.
     *
     * @return the request it answered, or empty when its CSeq matches none in flight (late
     *     answer to a timed-out keep-alive, or a camera bug): ignored
     */
    Optional<Request> onResponse(FullHttpResponse response) {
        String raw = response.headers().get(RtspHeaderNames.CSEQ, "").trim();
        Integer seq = null;
        if (!raw.isEmpty() && raw.length() <= 9 && raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            seq = Integer.valueOf(raw);
        } else if (raw.isEmpty() && inFlight.size() == 1) {
            // Some cameras drop CSeq from error answers; with one request in flight it is unambiguous.
            seq = inFlight.keySet().iterator().next();
        }
        Request request = seq == null ? null : inFlight.remove(seq);
        if (request == null) {
            return Optional.empty();
        }
        request.timeout.cancel(false);
        return Optional.of(request);
    }

    /** Cancels every pending timeout; answers that come later are ignored. */
    void cancelAll() {
        for (Request r : inFlight.values()) {
            r.timeout.cancel(false);
        }
        inFlight.clear();
    }
}
