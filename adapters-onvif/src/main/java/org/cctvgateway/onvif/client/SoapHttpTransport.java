package org.cctvgateway.onvif.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cctvgateway.onvif.client.OnvifCallException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts SOAP 1.2 requests over HTTP with a timeout on every call, a bounded reply size, and HTTP
 * Digest when the camera answers 401 with a Digest challenge. Blocking; call it from a worker
 * thread, never an event loop. Thread-safe.
 */
public final class SoapHttpTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SoapHttpTransport.class);

    /** A reply: status, content type, body (at most the limit). */
    public record Reply(int status, String contentType, byte[] body, List<String> wwwAuthenticate) {
        public Reply {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
            wwwAuthenticate = List.copyOf(wwwAuthenticate);
        }
    }

    private final HttpClient http;
    private final Duration timeout;
    private final int maxReplyBytes;

    public SoapHttpTransport(Duration timeout, int maxReplyBytes) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.maxReplyBytes = maxReplyBytes;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * Posts {@code envelope} to {@code uri}; answers one Digest challenge with {@code user}/{@code password}
     * (skipped when {@code user} is empty).
     *
     * @throws OnvifCallException UNREACHABLE, TIMEOUT or MALFORMED (reply over the limit)
     */
    public Reply post(URI uri, String action, byte[] envelope, String user, String password) {
        Reply reply = send(uri, action, envelope, Optional.empty());
        if (reply.status() == 401 && !user.isEmpty()) {
            Optional<HttpDigest.Challenge> challenge = HttpDigest.parse(reply.wwwAuthenticate());
            if (challenge.isPresent()) {
                String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                if (uri.getRawQuery() != null) {
                    path += "?" + uri.getRawQuery();
                }
                reply = send(uri, action, envelope,
                        Optional.of(HttpDigest.authorization(challenge.get(), user, password, "POST", path)));
            }
        }
        return reply;
    }

    private Reply send(URI uri, String action, byte[] envelope, Optional<String> authorization) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/soap+xml; charset=utf-8; action=\"" + action + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(envelope));
        authorization.ifPresent(a -> rb.header("Authorization", a));
        CompletableFuture<HttpResponse<byte[]>> future =
                http.sendAsync(rb.build(), info -> new LimitedBody(maxReplyBytes));
        HttpResponse<byte[]> response;
        try {
            response = future.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timeout(uri, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new OnvifCallException(Kind.TIMEOUT, "interrupted while waiting for " + uri, 0, null, e);
        } catch (ExecutionException e) {
            throw failure(uri, e.getCause() == null ? e : e.getCause());
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        LOG.debug("{} {} -> HTTP {} ({} bytes)", uri, action, response.statusCode(), response.body().length);
        return new Reply(response.statusCode(), contentType, response.body(),
                response.headers().allValues("WWW-Authenticate"));
    }

    private OnvifCallException timeout(URI uri, Throwable cause) {
        return new OnvifCallException(Kind.TIMEOUT, "no reply from " + display(uri) + " within " + timeout.toMillis()
                + " ms", 0, null, cause);
    }

    private OnvifCallException failure(URI uri, Throwable t) {
        if (t instanceof ReplyTooLargeException || t.getCause() instanceof ReplyTooLargeException) {
            return new OnvifCallException(Kind.MALFORMED, "reply from " + display(uri) + " is more than "
                    + maxReplyBytes + " bytes, limit is " + maxReplyBytes + " (maxReplyBytes)", 0, null, t);
        }
        if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException) {
            return timeout(uri, t);
        }
        if (t instanceof java.nio.channels.UnresolvedAddressException
                || t.getCause() instanceof java.nio.channels.UnresolvedAddressException) {
            return new OnvifCallException(Kind.UNREACHABLE, "cannot find host " + uri.getHost(), 0, null, t);
        }
        if (t instanceof ConnectException || t.getCause() instanceof ConnectException) {
            return new OnvifCallException(Kind.UNREACHABLE, "nothing answers at " + display(uri)
                    + " (connection refused)", 0, null, t);
        }
        String detail = t.getMessage() == null ? "" : ": " + t.getMessage();
        return new OnvifCallException(Kind.UNREACHABLE, "connection to " + display(uri) + " failed" + detail, 0,
                null, t);
    }

    static String display(URI uri) {
        return uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + Objects.toString(uri.getRawPath(), "");
    }

    /** True when the reply looks like a web page rather than XML. */
    static boolean looksLikeHtml(Reply r) {
        if (r.contentType().toLowerCase(Locale.ROOT).contains("text/html")) {
            return true;
        }
        int n = Math.min(r.body().length, 512);
        String head = new String(r.body(), 0, n, StandardCharsets.ISO_8859_1).stripLeading().toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html");
    }

    /** Thrown inside the body subscriber when the reply passes the limit. */
    static final class ReplyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        ReplyTooLargeException(int limit) {
            super("reply is more than " + limit + " bytes");
        }
    }

    /** Collects a body up to a limit, cancelling the exchange as soon as it passes it. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : buffers) {
                if (out.size() + b.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new ReplyTooLargeException(limit));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
