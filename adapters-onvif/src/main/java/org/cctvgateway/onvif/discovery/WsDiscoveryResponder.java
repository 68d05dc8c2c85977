package org.cctvgateway.onvif.discovery;

import io.micrometer.core.instrument.Clock;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one endpoint (a simulated camera, or the gateway presented as a camera) discoverable by
 * WS-Discovery: a Hello on start, a ProbeMatch for every well-formed Probe whose Types and Scopes
 * it matches (an empty Types matches), and a Bye on close.
 *
 * <p>Amplification safety: a probe is read only up to {@value #MAX_PROBE_BYTES} bytes, a reply is
 * at most {@value #MAX_REPLY_BYTES} bytes (checked at start), replies are limited per source and
 * overall by {@link ResponderLimits}, probes from privileged source ports other than 3702 are
 * ignored (they are the classic targets of reflection: DNS, NTP, chargen), and delayed replies
 * are bounded in number. Multicast probes are answered after a random delay of up to
 * {@link ResponderLimits#maxReplyDelay()}; directed (unicast) probes at once.
 *
 * <p>Two sockets, both on the given interface only: one joined to the group for multicast
 * probes, and one bound to {@code bindAddress:port} for directed probes and for sending. Two
 * responders on the same address share the port (SO_REUSEADDR): both hear multicast probes, but
 * the operating system gives a unicast datagram to only one of them.
 */
public final class WsDiscoveryResponder implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WsDiscoveryResponder.class);
    /** Real probes are 500-900 bytes; anything much larger is not a probe worth answering. */
    public static final int MAX_PROBE_BYTES = 4096;
    /** A reply may be at most this large, which bounds the amplification factor. */
    public static final int MAX_REPLY_BYTES = 4096;
    private static final int MAX_TRACKED_SOURCES = 1024;

    private final DiscoveryEndpoint endpoint;
    private final ResponderLimits limits;
    private final Clock clock;
    private final InetSocketAddress group;
    private final MulticastSocket groupSocket;
    private final MulticastSocket unicastSocket;
    private final ScheduledExecutorService delayed;
    private final TokenBucket total;
    private final Map<InetAddress, TokenBucket> perSource = new LinkedHashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private volatile boolean closed;

    private WsDiscoveryResponder(DiscoveryEndpoint endpoint, ResponderLimits limits, Clock clock, int port,
            MulticastSocket groupSocket, MulticastSocket unicastSocket) {
        this.endpoint = endpoint;
        this.limits = limits;
        this.clock = clock;
        this.group = new InetSocketAddress(DiscoverySockets.GROUP, port);
        this.groupSocket = groupSocket;
        this.unicastSocket = unicastSocket;
        this.total = new TokenBucket(limits.totalPerSecond(), limits.totalBurst(), clock.monotonicTime());
        this.delayed = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ws-discovery-responder-reply");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts answering for {@code endpoint} on {@code nif} and sends a Hello.
     *
     * @param bindAddress the address directed probes arrive at and replies leave from; it must belong to
     *     {@code nif}
     * @param port 3702 in the field; tests use a free port
     * @throws IOException if a socket cannot be opened or the group cannot be joined
     * @throws IllegalArgumentException if the endpoint's reply would exceed {@link #MAX_REPLY_BYTES}
     */
    public static WsDiscoveryResponder start(DiscoveryEndpoint endpoint, NetworkInterface nif, InetAddress bindAddress,
            int port, ResponderLimits limits, Clock clock) throws IOException {
        int size = WsDiscoveryCodec.probeMatches(messageId(), messageId(), endpoint).length;
        if (size > MAX_REPLY_BYTES) {
            throw new IllegalArgumentException("a ProbeMatch for this endpoint is " + size + " bytes, limit is "
                    + MAX_REPLY_BYTES + "; use fewer scopes or addresses");
        }
        if (endpoint.endpointReference().isBlank()) {
            throw new IllegalArgumentException("endpoint reference is empty");
        }
        MulticastSocket groupSocket = DiscoverySockets.groupReceiver(nif, port);
        MulticastSocket unicastSocket;
        try {
            unicastSocket = new MulticastSocket(null);
            unicastSocket.setReuseAddress(true);
            unicastSocket.bind(new InetSocketAddress(bindAddress, port));
            unicastSocket.setNetworkInterface(nif);
            unicastSocket.setTimeToLive(1);
            unicastSocket.setOption(java.net.StandardSocketOptions.IP_MULTICAST_LOOP, true);
        } catch (IOException | RuntimeException e) {
            groupSocket.close();
            throw e;
        }
        WsDiscoveryResponder r = new WsDiscoveryResponder(endpoint, limits, clock, port, groupSocket,
                unicastSocket);
        r.startThread(groupSocket, true);
        r.startThread(unicastSocket, false);
        r.send(WsDiscoveryCodec.hello(messageId(), endpoint), r.group);
        log.info("WS-Discovery responder for {} on {} port {}", endpoint.endpointReference(), nif.getName(), port);
        return r;
    }

    private void startThread(MulticastSocket socket, boolean multicast) {
        Thread t = new Thread(() -> serve(socket, multicast),
                "ws-discovery-responder-" + (multicast ? "group" : "unicast"));
        t.setDaemon(true);
        t.start();
    }

    private void serve(MulticastSocket socket, boolean multicast) {
        byte[] buf = new byte[DiscoverySockets.RECEIVE_BUFFER];
        while (!closed) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!closed) {
                    log.warn("WS-Discovery responder stopped: {}", e.toString());
                }
                return;
            }
            try {
                onDatagram(buf, packet, multicast);
            } catch (RuntimeException e) {
                // Isolation boundary: one bad datagram must never stop the responder.
                malformed.incrementAndGet();
                log.warn("WS-Discovery responder: unexpected error on a datagram: {}", e.toString());
            }
        }
    }

    private void onDatagram(byte[] buf, DatagramPacket packet, boolean multicast) {
        int sourcePort = packet.getPort();
        if (packet.getLength() > MAX_PROBE_BYTES || (sourcePort < 1024 && sourcePort != DiscoverySockets.PORT)) {
            dropped.incrementAndGet();
            return;
        }
        WsDiscoveryMessage msg;
        try {
            msg = WsDiscoveryCodec.parse(buf, packet.getLength());
        } catch (WsDiscoveryProtocolException e) {
            malformed.incrementAndGet();
            return;
        }
        if (!(msg instanceof WsDiscoveryMessage.Probe probe)) {
            return;
        }
        if (probe.messageId().isEmpty() || !endpoint.matchesTypes(probe.types())
                || !endpoint.matchesScopes(probe.scopes())) {
            return;
        }
        if (!admit(packet.getAddress())) {
            dropped.incrementAndGet();
            return;
        }
        byte[] reply = WsDiscoveryCodec.probeMatches(messageId(), probe.messageId(), endpoint);
        SocketAddress to = packet.getSocketAddress();
        if (!multicast) {
            send(reply, to);
            return;
        }
        if (pending.incrementAndGet() > limits.maxPendingReplies()) {
            pending.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        long delayMs = limits.maxReplyDelay().toMillis() == 0 ? 0
                : ThreadLocalRandom.current().nextLong(limits.maxReplyDelay().toMillis() + 1);
        delayed.schedule(() -> {
            pending.decrementAndGet();
            send(reply, to);
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    /** Takes a token from the source's bucket and the overall bucket; false when either is empty. */
    private synchronized boolean admit(InetAddress source) {
        long now = clock.monotonicTime();
        TokenBucket bucket = perSource.get(source);
        if (bucket == null) {
            if (perSource.size() >= MAX_TRACKED_SOURCES) {
                perSource.values().removeIf(b -> b.isFull(now));
                if (perSource.size() >= MAX_TRACKED_SOURCES) {
                    return false;
                }
            }
            bucket = new TokenBucket(limits.perSourcePerSecond(), limits.perSourceBurst(), now);
            perSource.put(source, bucket);
        }
        if (bucket.nanosUntilToken(now) > 0 || total.nanosUntilToken(now) > 0) {
            return false;
        }
        return bucket.tryTake(now) && total.tryTake(now);
    }

    private void send(byte[] datagram, SocketAddress to) {
        try {
            unicastSocket.send(new DatagramPacket(datagram, datagram.length, to));
            replies.incrementAndGet();
        } catch (IOException e) {
            if (!closed) {
                log.debug("WS-Discovery responder: send to {} failed: {}", to, e.toString());
            }
        }
    }

    /** The endpoint this responder answers for. */
    public DiscoveryEndpoint endpoint() {
        return endpoint;
    }

    /** ProbeMatches, Hello and Bye datagrams sent so far. */
    public long repliesSent() {
        return replies.get();
    }

    /** Probes refused by a limit (size, source port, rate, pending) so far. */
    public long probesDropped() {
        return dropped.get();
    }

    /** Datagrams that were not WS-Discovery messages so far. */
    public long malformedDatagrams() {
        return malformed.get();
    }

    /** Sends a Bye and stops; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        send(WsDiscoveryCodec.bye(messageId(), endpoint), group);
        closed = true;
        delayed.shutdownNow();
        groupSocket.close();
        unicastSocket.close();
    }

    private static String messageId() {
        return "urn:uuid:" + UUID.randomUUID();
    }
}
