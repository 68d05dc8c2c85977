package org.cctvgateway.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A viewer that stops reading: it does DESCRIBE, SETUP (RTP interleaved over the TLS
 * connection) and PLAY by hand on a socket with a tiny receive buffer, then never reads again,
 * so the gateway's writes to it back up the way they do for a viewer on a congested link.
 */
final class StalledViewer implements AutoCloseable {
    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;
    private int cseq;

    StalledViewer(String url) throws Exception {
        URI u = URI.create(url);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new TrustAll()}, null);
        socket = (SSLSocket) ctx.getSocketFactory().createSocket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(u.getHost(), u.getPort()), 5000);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        Response describe = request("DESCRIBE", url, Map.of("Accept", "application/sdp"));
        String control = url + "/trackID=0";
        for (String line : describe.body.split("\r?\n")) {
            if (line.startsWith("a=control:") && !line.endsWith("*")) {
                String c = line.substring("a=control:".length()).trim();
                String base = describe.headers.getOrDefault("content-base", url + "/");
                control = c.startsWith("rtsp") ? c : base + (base.endsWith("/") ? "" : "/") + c;
            }
        }
        Response setup = request("SETUP", control, Map.of("Transport", "RTP/AVP/TCP;unicast;interleaved=0-1"));
        String session = setup.headers.getOrDefault("session", "").split(";")[0];
        request("PLAY", url, Map.of("Session", session, "Range", "npt=0.000-"));
    }

    /** True once the gateway has closed the connection (end of stream after what was buffered). */
    boolean closedByServer(long limitMillis) throws IOException {
        long deadline = System.currentTimeMillis() + limitMillis;
        byte[] buf = new byte[64 * 1024];
        socket.setSoTimeout(200);
        while (System.currentTimeMillis() < deadline) {
            try {
                if (in.read(buf) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // nothing yet; keep draining until the limit
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    private record Response(int status, Map<String, String> headers, String body) {
    }

    private Response request(String method, String url, Map<String, String> headers) throws IOException {
        StringBuilder sb = new StringBuilder(method).append(' ').append(url).append(" RTSP/1.0\r\n");
        sb.append("CSeq: ").append(++cseq).append("\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readLine();
        Map<String, String> h = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            h.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(h.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        int code = Integer.parseInt(status.split(" ")[1]);
        if (code != 200) {
            throw new IOException(method + " answered " + status);
        }
        return new Response(code, h, new String(body, StandardCharsets.UTF_8));
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
            if (line.size() > 8192) {
                throw new IOException("header line too long");
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
