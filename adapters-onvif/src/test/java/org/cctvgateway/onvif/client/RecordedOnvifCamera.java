package org.cctvgateway.onvif.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.cctvgateway.onvif.soap.Namespaces;
import org.cctvgateway.onvif.soap.SoapEnvelope;
import org.cctvgateway.onvif.soap.SoapMessage;
import org.cctvgateway.onvif.soap.UsernameTokenVerifier;
import org.cctvgateway.onvif.soap.Xml;
import org.w3c.dom.Element;

/**
 * A real HTTP server on 127.0.0.1 that replays a fixture folder like an ONVIF camera: the reply
 * for a request is the file named after the body element ({@code GetProfiles.xml}, or
 * {@code Media2-GetProfiles.xml} for the ver20 namespace), or {@code Op@Token.xml} when the
 * request names that profile token. {@code ${port}} in a fixture becomes the server's port.
 * GetSystemDateAndTime is generated from {@link #reportedOffset}; every other call needs a valid
 * UsernameToken checked on the camera clock ({@link #verifyOffset}). Fault, HTTP-digest, slow,
 * gigantic, HTML and malformed behaviours are switched by fields.
 */
final class RecordedOnvifCamera implements AutoCloseable {
    enum Mode { NORMAL, HTML, SLOW, GIGANTIC, MALFORMED, PLAIN_404 }

    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile Mode mode = Mode.NORMAL;
    volatile String user = "admin";
    volatile String password = "secret";
    /** Camera clock minus real clock, as told by GetSystemDateAndTime. */
    volatile Duration reportedOffset = Duration.ZERO;
    /** Camera clock minus real clock, as used to check tokens. */
    volatile Duration verifyOffset = Duration.ZERO;
    /** Refuse every token (firmware whose token check is broken by a wrong clock). */
    volatile boolean refuseAllTokens;
    /** Require HTTP Digest before looking at the SOAP body. */
    volatile boolean requireHttpDigest;
    /** Refuse GetSystemDateAndTime without credentials. */
    volatile boolean timeNeedsAuth;

    private final Map<String, byte[]> fixtures = new HashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    RecordedOnvifCamera(String fixtureFolder) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        if (!fixtureFolder.isEmpty()) {
            load(fixtureFolder);
        }
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void load(String folder) throws IOException {
        try {
            Path dir = Path.of(RecordedOnvifCamera.class.getResource("/fixtures/" + folder).toURI());
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".xml")) {
                        fixtures.put(name.substring(0, name.length() - 4), Files.readAllBytes(f));
                    }
                }
            }
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] request = ex.getRequestBody().readNBytes(1 << 20);
            switch (mode) {
                case HTML -> {
                    reply(ex, 200, "text/html", "<!DOCTYPE html><html><body>Router login</body></html>"
                            .getBytes(StandardCharsets.UTF_8));
                    return;
                }
                case PLAIN_404 -> {
                    reply(ex, 404, "text/plain", "Not Found".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                case SLOW -> {
                    sleepQuietly(3000);
                }
                case GIGANTIC -> {
                    gigantic(ex);
                    return;
                }
                default -> {
                }
            }
            String authz = ex.getRequestHeaders().getFirst("Authorization");
            if (requireHttpDigest && (authz == null || !authz.startsWith("Digest username=\"" + user + "\""))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"cam\"");
                ex.getResponseHeaders().add("WWW-Authenticate",
                        "Digest realm=\"IP Camera\", qop=\"auth\", nonce=\"4e6f6e6365\", opaque=\"0p\"");
                reply(ex, 401, "text/plain", new byte[0]);
                return;
            }
            SoapMessage msg = SoapEnvelope.read(request, 1 << 20);
            Element body = msg.body().orElseThrow();
            String op = body.getLocalName();
            String key = (Namespaces.TR2.equals(body.getNamespaceURI()) ? "Media2-" : "") + op;
            calls.add(key);
            if (mode == Mode.MALFORMED) {
                reply(ex, 200, "application/soap+xml", ("<?xml version=\"1.0\"?><s:Envelope xmlns:s=\""
                        + Namespaces.SOAP12 + "\"><s:Body><tds:" + op + "Response").getBytes(StandardCharsets.UTF_8));
                return;
            }
            boolean authorized = authorized(msg);
            if (op.equals("GetSystemDateAndTime") && (authorized || !timeNeedsAuth)) {
                reply(ex, 200, "application/soap+xml", systemDateAndTime());
                return;
            }
            if (!authorized) {
                reply(ex, 400, "application/soap+xml", SoapEnvelope.fault("Sender", Namespaces.TER, "NotAuthorized",
                        "Sender not Authorized"));
                return;
            }
            String token = Xml.child(body, Xml.ANY_NS, "ProfileToken").map(Xml::text).orElse("");
            byte[] fixture = Optional.ofNullable(fixtures.get(key + "@" + token)).orElse(fixtures.get(key));
            if (fixture == null) {
                reply(ex, 400, "application/soap+xml", SoapEnvelope.fault("Receiver", Namespaces.TER,
                        "ActionNotSupported", "Optional Action Not Implemented"));
                return;
            }
            String text = new String(fixture, StandardCharsets.UTF_8).replace("${port}", Integer.toString(port()));
            reply(ex, 200, "application/soap+xml; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            reply(ex, 500, "text/plain", e.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private boolean authorized(SoapMessage msg) {
        if (refuseAllTokens) {
            return false;
        }
        var verifier = new UsernameTokenVerifier(() -> Instant.now().plus(verifyOffset), Duration.ofMinutes(1), 100,
                false);
        return verifier.verify(msg, u -> u.equals(user) ? Optional.of(password) : Optional.empty()).ok();
    }

    private byte[] systemDateAndTime() {
        ZonedDateTime t = Instant.now().plus(reportedOffset).atZone(ZoneOffset.UTC);
        String body = "<tds:GetSystemDateAndTimeResponse xmlns:tds=\"" + Namespaces.TDS + "\" xmlns:tt=\""
                + Namespaces.TT + "\"><tds:SystemDateAndTime><tt:DateTimeType>Manual</tt:DateTimeType>"
                + "<tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>CST-8</tt:TZ></tt:TimeZone>"
                + "<tt:UTCDateTime><tt:Time><tt:Hour>" + t.getHour() + "</tt:Hour><tt:Minute>" + t.getMinute()
                + "</tt:Minute><tt:Second>" + t.getSecond() + "</tt:Second></tt:Time><tt:Date><tt:Year>" + t.getYear()
                + "</tt:Year><tt:Month>" + t.getMonthValue() + "</tt:Month><tt:Day>" + t.getDayOfMonth()
                + "</tt:Day></tt:Date></tt:UTCDateTime></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>";
        return SoapEnvelope.build("", body);
    }

    private static void gigantic(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/soap+xml");
        ex.sendResponseHeaders(200, 0);
        byte[] chunk = "<tt:Pad>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</tt:Pad>".repeat(64)
                .getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = ex.getResponseBody()) {
            for (int written = 0; written < 4 << 20; written += chunk.length) {
                out.write(chunk);
            }
        } catch (IOException e) {
            // the client hung up at its limit, as it should
        }
    }

    private static void reply(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
