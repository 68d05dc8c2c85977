package org.cctvgateway.rtsp.server;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspVersions;
import java.nio.charset.StandardCharsets;

/** Builds server responses: CSeq echoed, a Server header, and always a Content-Length. */
final class RtspResponses {
    static final String SERVER = "cctv-gateway";
    static final String PUBLIC = "OPTIONS, DESCRIBE, SETUP, PLAY, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER";

    // Header names in the case RFC 2326 writes them: some players compare them case-sensitively.
    static final String H_CSEQ = "CSeq";
    static final String H_SERVER = "Server";
    static final String H_CONTENT_LENGTH = "Content-Length";
    static final String H_CONTENT_TYPE = "Content-Type";
    static final String H_PUBLIC = "Public";
    static final String H_ALLOW = "Allow";
    static final String H_WWW_AUTHENTICATE = "WWW-Authenticate";
    static final String H_CONTENT_BASE = "Content-Base";
    static final String H_SESSION = "Session";
    static final String H_RANGE = "Range";
    static final String H_RTP_INFO = "RTP-Info";
    static final String H_TRANSPORT = "Transport";
    static final String H_AUTHORIZATION = "Authorization";
    static final String H_RETRY_AFTER = "Retry-After";

    private RtspResponses() {
    }

    /** An empty response; {@code cseq} may be null when the request had none. */
    static FullHttpResponse empty(HttpResponseStatus status, String cseq) {
        FullHttpResponse r = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, status, Unpooled.EMPTY_BUFFER);
        r.headers().set(H_SERVER, SERVER);
        if (cseq != null) {
            r.headers().set(H_CSEQ, cseq);
        }
        r.headers().setInt(H_CONTENT_LENGTH, 0);
        return r;
    }

    /** A response with a text body; the caller owns the result. */
    static FullHttpResponse withBody(ByteBufAllocator alloc, HttpResponseStatus status, String cseq,
                                     String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(RtspVersions.RTSP_1_0, status,
                alloc.buffer(bytes.length).writeBytes(bytes));
        r.headers().set(H_SERVER, SERVER);
        if (cseq != null) {
            r.headers().set(H_CSEQ, cseq);
        }
        r.headers().set(H_CONTENT_TYPE, contentType);
        r.headers().setInt(H_CONTENT_LENGTH, bytes.length);
        return r;
    }
}
