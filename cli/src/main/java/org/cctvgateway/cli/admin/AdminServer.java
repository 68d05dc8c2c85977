package org.cctvgateway.cli.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Optional;
import java.util.function.Supplier;
import org.cctvgateway.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP endpoint: {@code GET /metrics} (Prometheus text format) and {@code GET /health}
 * (JSON; status 200 when every stream is streaming, 503 otherwise). Served by the JDK's HTTP
 * server on two threads of its own, never on the media event loops.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private AdminServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts on {@code bind:port} (port 0 picks a free one).
     *
     * @param health gives the health document; its {@code "status"} entry decides the HTTP code
     */
    public static AdminServer start(String bind, int port, PrometheusMeterRegistry registry,
                                    Supplier<Map<String, Object>> health) {
        return start(bind, port, registry, health, Optional.empty());
    }

    /**
     * Starts on {@code bind:port}, serving also the catalog of enrolled cameras when given:
     * {@code /catalog} (JSON by site) and {@code /catalog.geojson} (a GeoJSON FeatureCollection).
     *
     * @param catalog gives {@code {"json": ..., "geojson": ...}} documents on each request
     */
    public static AdminServer start(String bind, int port, PrometheusMeterRegistry registry,
                                    Supplier<Map<String, Object>> health,
                                    Optional<java.util.function.Function<String, Map<String, Object>>> catalog) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        } catch (BindException e) {
            throw new GatewayException("admin port " + port + " on " + bind + " is already in use",
                    "stop what uses it or set admin.port (or --admin-port) to another port", e);
        } catch (IOException e) {
            throw new GatewayException("admin endpoint cannot listen on " + bind + ":" + port + ": " + e.getMessage(),
                    "check admin.bind and admin.port", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "admin-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape()));
        server.createContext("/health", ex -> {
            Map<String, Object> doc = health.get();
            int code = "ok".equals(doc.get("status")) ? 200 : 503;
            respond(ex, code, "application/json", JSON.writeValueAsString(doc));
        });
        catalog.ifPresent(c -> {
            server.createContext("/catalog.geojson", ex -> respond(ex, 200, "application/geo+json",
                    JSON.writeValueAsString(c.apply("geojson"))));
            server.createContext("/catalog", ex -> {
                if (!ex.getRequestURI().getPath().equals("/catalog")) {
                    respond(ex, 404, "text/plain; charset=utf-8", "not found; try /catalog or /catalog.geojson\n");
                    return;
                }
                respond(ex, 200, "application/json", JSON.writeValueAsString(c.apply("json")));
            });
        });
        server.createContext("/", ex -> respond(ex, 404, "text/plain; charset=utf-8",
                "not found; try /metrics, /health" + (catalog.isPresent() ? ", /catalog or /catalog.geojson" : " or "
                        + "/health") + "\n"));
        server.start();
        log.info("admin endpoint on http://{}:{}/metrics and /health", bind, server.getAddress().getPort());
        return new AdminServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, int code, String type, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(code, "HEAD".equals(ex.getRequestMethod()) ? -1 : bytes.length);
            if (!"HEAD".equals(ex.getRequestMethod())) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
