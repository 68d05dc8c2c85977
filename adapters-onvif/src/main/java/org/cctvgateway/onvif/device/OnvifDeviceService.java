package org.cctvgateway.onvif.device;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.InstantSource;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An ONVIF device and media service over HTTP at {@code /onvif/device_service} and
 * {@code /onvif/media_service}, on the JDK's HTTP server with its own small bounded thread pool
 * (never a Netty event loop). The protocol logic is in {@link DeviceRequestHandler}.
 *
 * <p>Limits: request bodies over {@link DeviceRequestHandler#MAX_REQUEST_BYTES} get 413 without
 * being read further; only POST is served (405 otherwise); at most {@value #THREADS} requests run
 * at once with {@value #QUEUE} waiting, and more are refused by closing the connection.
 *
 * <pre>{@code
 * try (OnvifDeviceService svc = OnvifDeviceService.start(InetAddress.getLoopbackAddress(), 0, config)) {
 *     URI device = svc.xaddr(); // http://127.0.0.1:PORT/onvif/device_service
 * }
 * }</pre>
 */
public final class OnvifDeviceService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OnvifDeviceService.class);
    private static final int THREADS = 4;
    private static final int QUEUE = 64;
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final HttpServer server;
    private final ThreadPoolExecutor executor;
    private final DeviceRequestHandler handler;
    private final InetAddress bind;
    private volatile boolean closed;

    private OnvifDeviceService(HttpServer server, ThreadPoolExecutor executor, DeviceRequestHandler handler,
            InetAddress bind) {
        this.server = server;
        this.executor = executor;
        this.handler = handler;
        this.bind = bind;
    }

    /** Starts the service on {@code bind:port} (0 for a free port) on the system clock. */
    public static OnvifDeviceService start(InetAddress bind, int port, OnvifDeviceConfig config) throws IOException {
        return start(bind, port, config, Clock.systemUTC());
    }

    /** Starts the service with an explicit clock (tests, simulated clock skew). */
    public static OnvifDeviceService start(InetAddress bind, int port, OnvifDeviceConfig config, InstantSource clock)
            throws IOException {
        int id = SERVER_IDS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "onvif-device-" + id + "-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 32);
        DeviceRequestHandler handler = new DeviceRequestHandler(config, clock);
        OnvifDeviceService service = new OnvifDeviceService(server, executor, handler, bind);
        server.createContext("/onvif/", service::exchange);
        server.setExecutor(executor);
        server.start();
        log.info("ONVIF device service for {} {} at {}", config.identity().manufacturer(), config.identity().model(),
                service.xaddr());
        return service;
    }

    private void exchange(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.getResponseHeaders().set("Allow", "POST");
                send(ex, 405, "only POST is served here".getBytes(StandardCharsets.UTF_8), "text/plain");
                return;
            }
            byte[] body = readBounded(ex.getRequestBody());
            if (body == null) {
                send(ex, 413, ("request body is over " + DeviceRequestHandler.MAX_REQUEST_BYTES + " bytes")
                        .getBytes(StandardCharsets.UTF_8), "text/plain");
                return;
            }
            InetSocketAddress local = ex.getLocalAddress();
            DeviceResponse r = handler.handle(ex.getRequestURI().getPath(), body,
                    local.getAddress().getHostAddress(), local.getPort());
            send(ex, r.status(), r.body(), "application/soap+xml; charset=utf-8");
        } catch (RuntimeException e) {
            // Isolation boundary: one bad request must never take the server down.
            log.warn("ONVIF device service: request failed: {}", e.toString());
        }
    }

    /** Reads at most the limit; null when the body is longer. */
    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] data = in.readNBytes(DeviceRequestHandler.MAX_REQUEST_BYTES + 1);
        return data.length > DeviceRequestHandler.MAX_REQUEST_BYTES ? null : data;
    }

    private static void send(HttpExchange ex, int status, byte[] body, String type) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    /** The port the service listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The device service URL, as WS-Discovery XAddrs announce it. */
    public URI xaddr() {
        String host = (bind.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bind).getHostAddress();
        return URI.create("http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port()
                + DeviceRequestHandler.DEVICE_PATH);
    }

    /** Stops accepting at once and ends the worker threads; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
