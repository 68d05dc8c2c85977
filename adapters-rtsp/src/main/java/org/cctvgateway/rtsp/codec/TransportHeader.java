package org.cctvgateway.rtsp.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One transport specification of an RTSP {@code Transport} header (RFC 2326 §12.39), such as
 * {@code RTP/AVP/TCP;unicast;interleaved=0-1} or
 * {@code RTP/AVP;unicast;client_port=5000-5001;server_port=6970-6971;ssrc=1A2B3C4D;mode="PLAY"}.
 * A request may offer several, comma-separated, in order of preference: see {@link #parseList}.
 *
 * <p>Parsing is tolerant where cameras differ (parameter names in any case, quoted or bare
 * {@code mode}, SSRCs shorter than 8 hex digits, unknown parameters ignored) and strict where a
 * wrong value would send media to the wrong place (ports, channels, ttl). Limits: a header of
 * at most {@value #MAX_HEADER_CHARS} characters, {@value #MAX_ALTERNATIVES} alternatives; each
 * violation raises {@link RtspProtocolException}.
 *
 * @param profile RTP/AVP or RTP/SAVP
 * @param lowerTransport UDP (the default) or TCP
 * @param multicast true for {@code multicast}, false for {@code unicast} or neither (every
 *     camera and player names one; RFC 2326's multicast default is not followed)
 * @param ssrc the SSRC announced by the sender, 32 bits
 * @param mode PLAY or RECORD, upper case, without quotes
 */
public record TransportHeader(Profile profile, LowerTransport lowerTransport, boolean multicast,
                              Optional<PortRange> interleaved, Optional<PortRange> clientPort,
                              Optional<PortRange> serverPort, Optional<PortRange> port, OptionalLong ssrc,
                              Optional<String> mode, OptionalInt ttl, Optional<String> destination,
                              Optional<String> source) {

    public static final int MAX_HEADER_CHARS = 4096;
    public static final int MAX_ALTERNATIVES = 16;
    private static final int MAX_VALUE_CHARS = 255;

    /** The RTP profile (RFC 3551 AVP, RFC 3711 SAVP). */
    public enum Profile {
        RTP_AVP("RTP/AVP"), RTP_SAVP("RTP/SAVP");

        private final String token;

        Profile(String token) {
            this.token = token;
        }

        public String token() {
            return token;
        }
    }

    /** The lower transport; UDP when the spec names none. */
    public enum LowerTransport { UDP, TCP }

    public TransportHeader {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(lowerTransport, "lowerTransport");
        Objects.requireNonNull(interleaved, "interleaved");
        Objects.requireNonNull(clientPort, "clientPort");
        Objects.requireNonNull(serverPort, "serverPort");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(ssrc, "ssrc");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(source, "source");
        interleaved.ifPresent(r -> {
            if (r.high() > 255) {
                throw new IllegalArgumentException("interleaved channels " + r.format() + " must be 0-255");
            }
        });
        if (ssrc.isPresent() && (ssrc.getAsLong() < 0 || ssrc.getAsLong() > 0xFFFF_FFFFL)) {
            throw new IllegalArgumentException("ssrc " + ssrc.getAsLong() + " is not a 32-bit value");
        }
        if (ttl.isPresent() && (ttl.getAsInt() < 0 || ttl.getAsInt() > 255)) {
            throw new IllegalArgumentException("ttl " + ttl.getAsInt() + " must be 0-255");
        }
        mode = mode.map(m -> m.toUpperCase(Locale.ROOT));
    }

    /** {@code RTP/AVP/TCP;unicast;interleaved=rtp-(rtp+1)}. */
    public static TransportHeader tcpInterleaved(int rtpChannel) {
        return new TransportHeader(Profile.RTP_AVP, LowerTransport.TCP, false,
                Optional.of(PortRange.pair(rtpChannel)), Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty());
    }

    /** {@code RTP/AVP;unicast;client_port=rtp-(rtp+1)}. */
    public static TransportHeader udpUnicast(int clientRtpPort) {
        return new TransportHeader(Profile.RTP_AVP, LowerTransport.UDP, false,
                Optional.empty(), Optional.of(PortRange.pair(clientRtpPort)), Optional.empty(), Optional.empty(),
                OptionalLong.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty());
    }

    public TransportHeader withInterleaved(PortRange value) {
        return new TransportHeader(profile, lowerTransport, multicast, Optional.of(value), clientPort, serverPort,
                port, ssrc, mode, ttl, destination, source);
    }

    public TransportHeader withServerPort(PortRange value) {
        return new TransportHeader(profile, lowerTransport, multicast, interleaved, clientPort,
                Optional.of(value), port, ssrc, mode, ttl, destination, source);
    }

    public TransportHeader withSsrc(long value) {
        return new TransportHeader(profile, lowerTransport, multicast, interleaved, clientPort, serverPort,
                port, OptionalLong.of(value), mode, ttl, destination, source);
    }

    public TransportHeader withMode(String value) {
        return new TransportHeader(profile, lowerTransport, multicast, interleaved, clientPort, serverPort,
                port, ssrc, Optional.of(value), ttl, destination, source);
    }

    public TransportHeader withSource(String value) {
        return new TransportHeader(profile, lowerTransport, multicast, interleaved, clientPort, serverPort,
                port, ssrc, mode, ttl, destination, Optional.of(value));
    }

    public TransportHeader withDestination(String value) {
        return new TransportHeader(profile, lowerTransport, multicast, interleaved, clientPort, serverPort,
                port, ssrc, mode, ttl, Optional.of(value), source);
    }

    /**
     * Parses the alternatives of a Transport header, keeping those whose profile is known, in
     * the order given.
     *
     * @throws RtspProtocolException when the header is too long, has too many alternatives, an
     *     alternative is malformed, or no alternative has a known profile
     */
    public static List<TransportHeader> parseList(String header) {
        checkLength(header);
        List<TransportHeader> result = new ArrayList<>();
        int count = 0;
        for (String spec : header.split(",", -1)) {
            if (++count > MAX_ALTERNATIVES) {
                throw new RtspProtocolException("Transport header has more than " + MAX_ALTERNATIVES
                        + " alternatives, limit is " + MAX_ALTERNATIVES);
            }
            if (spec.isBlank()) {
                continue;
            }
            parseOne(spec.trim()).ifPresent(result::add);
        }
        if (result.isEmpty()) {
            throw new RtspProtocolException("Transport header " + RtspProtocolException.excerpt(header)
                    + " offers no RTP/AVP or RTP/SAVP transport");
        }
        return List.copyOf(result);
    }

    /**
     * Parses one transport specification (a reply's Transport header).
     *
     * @throws RtspProtocolException when malformed or the profile is not RTP/AVP or RTP/SAVP
     */
    public static TransportHeader parse(String spec) {
        checkLength(spec);
        if (spec.indexOf(',') >= 0) {
            throw new RtspProtocolException("Transport " + RtspProtocolException.excerpt(spec)
                    + " has several alternatives where one was expected");
        }
        return parseOne(spec.trim()).orElseThrow(() -> new RtspProtocolException("Transport "
                + RtspProtocolException.excerpt(spec) + " is not RTP/AVP or RTP/SAVP"));
    }

    private static void checkLength(String header) {
        Objects.requireNonNull(header, "header");
        if (header.length() > MAX_HEADER_CHARS) {
            throw new RtspProtocolException("Transport header is " + header.length() + " characters, limit is "
                    + MAX_HEADER_CHARS);
        }
    }

    private static Optional<TransportHeader> parseOne(String spec) {
        String[] parts = spec.split(";", -1);
        String[] protocol = parts[0].trim().toUpperCase(Locale.ROOT).split("/", -1);
        if (protocol.length < 2 || protocol.length > 3 || !protocol[0].equals("RTP")) {
            return Optional.empty();
        }
        Profile profile;
        if (protocol[1].equals("AVP")) {
            profile = Profile.RTP_AVP;
        } else if (protocol[1].equals("SAVP")) {
            profile = Profile.RTP_SAVP;
        } else {
            return Optional.empty();
        }
        LowerTransport lower = LowerTransport.UDP;
        if (protocol.length == 3) {
            if (protocol[2].equals("TCP")) {
                lower = LowerTransport.TCP;
            } else if (!protocol[2].equals("UDP")) {
                return Optional.empty();
            }
        }
        return Optional.of(parseParameters(spec, profile, lower, parts));
    }

    private static TransportHeader parseParameters(String spec, Profile profile, LowerTransport lower,
                                                   String[] parts) {
        boolean multicast = false;
        Optional<PortRange> interleaved = Optional.empty();
        Optional<PortRange> clientPort = Optional.empty();
        Optional<PortRange> serverPort = Optional.empty();
        Optional<PortRange> port = Optional.empty();
        OptionalLong ssrc = OptionalLong.empty();
        Optional<String> mode = Optional.empty();
        OptionalInt ttl = OptionalInt.empty();
        Optional<String> destination = Optional.empty();
        Optional<String> source = Optional.empty();
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            int eq = part.indexOf('=');
            String name = (eq < 0 ? part : part.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : unquote(part.substring(eq + 1).trim());
            switch (name) {
                case "unicast" -> multicast = false;
                case "multicast" -> multicast = true;
                case "interleaved" -> interleaved = Optional.of(range(spec, name, value, 255));
                case "client_port" -> clientPort = Optional.of(range(spec, name, value, 65535));
                case "server_port" -> serverPort = Optional.of(range(spec, name, value, 65535));
                case "port" -> port = Optional.of(range(spec, name, value, 65535));
                case "ssrc" -> ssrc = OptionalLong.of(ssrc(spec, value));
                case "mode" -> mode = Optional.of(token(spec, name, value));
                case "ttl" -> ttl = OptionalInt.of(number(spec, name, value, 255));
                case "destination" -> destination = Optional.of(token(spec, name, value));
                case "source" -> source = Optional.of(token(spec, name, value));
                default -> {
                    // Unknown parameters (append, layers, vendor extensions) do not change delivery.
                }
            }
        }
        return new TransportHeader(profile, lower, multicast, interleaved, clientPort, serverPort, port, ssrc,
                mode, ttl, destination, source);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static PortRange range(String spec, String name, String value, int max) {
        int dash = value.indexOf('-');
        int low = number(spec, name, dash < 0 ? value : value.substring(0, dash), max);
        int high = dash < 0 ? low : number(spec, name, value.substring(dash + 1), max);
        if (high < low) {
            throw bad(spec, name + "=" + value + " has its high end below its low end");
        }
        return new PortRange(low, high);
    }

    private static int number(String spec, String name, String value, int max) {
        String v = value.trim();
        if (v.isEmpty() || v.length() > 5) {
            throw bad(spec, name + " value " + RtspProtocolException.excerpt(v) + " is not a number 0-" + max);
        }
        int n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw bad(spec, name + " value " + RtspProtocolException.excerpt(v) + " is not a number 0-" + max);
            }
            n = n * 10 + (c - '0');
        }
        if (n > max) {
            throw bad(spec, name + " value " + n + " is above " + max);
        }
        return n;
    }

    private static long ssrc(String spec, String value) {
        String v = value.trim();
        int i = 0;
        // Some cameras zero-pad the SSRC to 16 digits or send fewer than 8; accept both.
        while (i < v.length() - 1 && v.charAt(i) == '0') {
            i++;
        }
        String digits = v.substring(i);
        if (v.isEmpty() || v.length() > 16 || digits.length() > 8) {
            throw bad(spec, "ssrc " + RtspProtocolException.excerpt(v) + " is not a 32-bit hex value");
        }
        long n = 0;
        for (int k = 0; k < digits.length(); k++) {
            int d = Character.digit(digits.charAt(k), 16);
            if (d < 0) {
                throw bad(spec, "ssrc " + RtspProtocolException.excerpt(v) + " is not a 32-bit hex value");
            }
            n = (n << 4) | d;
        }
        return n;
    }

    private static String token(String spec, String name, String value) {
        if (value.isEmpty() || value.length() > MAX_VALUE_CHARS) {
            throw bad(spec, name + " must have 1-" + MAX_VALUE_CHARS + " characters, has " + value.length());
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == ';' || c == ',') {
                throw bad(spec, name + " value " + RtspProtocolException.excerpt(value)
                        + " has a character that is not allowed");
            }
        }
        return value;
    }

    private static RtspProtocolException bad(String spec, String what) {
        return new RtspProtocolException("Transport " + RtspProtocolException.excerpt(spec) + ": " + what);
    }

    /** This specification in header form, parameters in a fixed order. */
    public String format() {
        StringBuilder b = new StringBuilder(64).append(profile.token());
        if (lowerTransport == LowerTransport.TCP) {
            b.append("/TCP");
        }
        b.append(multicast ? ";multicast" : ";unicast");
        destination.ifPresent(v -> b.append(";destination=").append(v));
        source.ifPresent(v -> b.append(";source=").append(v));
        interleaved.ifPresent(v -> b.append(";interleaved=").append(v.format()));
        ttl.ifPresent(v -> b.append(";ttl=").append(v));
        port.ifPresent(v -> b.append(";port=").append(v.format()));
        clientPort.ifPresent(v -> b.append(";client_port=").append(v.format()));
        serverPort.ifPresent(v -> b.append(";server_port=").append(v.format()));
        ssrc.ifPresent(v -> b.append(";ssrc=").append(String.format(Locale.ROOT, "%08X", v)));
        mode.ifPresent(v -> b.append(";mode=\"").append(v).append('"'));
        return b.toString();
    }

    /** Several specifications as one header value, comma-separated. */
    public static String formatList(List<TransportHeader> alternatives) {
        StringBuilder b = new StringBuilder();
        for (TransportHeader t : alternatives) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(t.format());
        }
        return b.toString();
    }
}
