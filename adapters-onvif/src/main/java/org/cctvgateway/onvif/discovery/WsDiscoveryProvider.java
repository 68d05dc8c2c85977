package org.cctvgateway.onvif.discovery;

import io.micrometer.core.instrument.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.cctvgateway.GatewayException;
import org.cctvgateway.spi.DiscoveredDevice;
import org.cctvgateway.spi.DiscoveryProvider;
import org.cctvgateway.spi.DiscoveryRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WS-Discovery prober: a multicast Probe for {@code dn:NetworkVideoTransmitter} and one for
 * {@code tds:Device} (a probe's types are a conjunction, so one probe per type finds devices that
 * announce only one of them), plus directed probes to {@link DiscoveryRequest#targets()} for
 * networks where multicast does not cross VLANs. ProbeMatches are collected until the timeout and
 * each device is reported once, keyed by {@link DiscoveredDevice#key()}.
 *
 * <p>Sockets are bound to the IPv4 address of the request's interface, and multicast is sent only
 * there with TTL 1. Directed probes go to port {@link #port()} of each host at no more than
 * {@link DiscoveryRequest#maxProbesPerSecond()}; a range is limited to {@link HostRange#MAX_HOSTS}.
 * Datagrams that are not WS-Discovery are dropped and counted in {@link #malformedDatagrams()}.
 *
 * <p>Thread-safe; {@link #discover} may run concurrently, each call with its own socket.
 * {@link #close()} ends running discoveries and listeners early.
 */
public final class WsDiscoveryProvider implements DiscoveryProvider {
    private static final Logger log = LoggerFactory.getLogger(WsDiscoveryProvider.class);
    /** SOAP-over-UDP §3.4 repeats a multicast message once; 100 ms apart stays inside UDP_MIN..MAX_DELAY. */
    private static final long REPEAT_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** A run reports at most this many devices, bounding memory against a flood of fake endpoints. */
    static final int MAX_DEVICES_PER_RUN = 4096;

    private final int port;
    private final Clock clock;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong malformed = new AtomicLong();
    private volatile boolean closed;

    /** A prober for the standard port 3702 on the system clock (the ServiceLoader constructor). */
    public WsDiscoveryProvider() {
        this(DiscoverySockets.PORT, Clock.SYSTEM);
    }

    /** A prober sending to {@code port} (3702 in the field; tests use a free port) with {@code clock}. */
    public WsDiscoveryProvider(int port, Clock clock) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
        this.port = port;
        this.clock = clock;
    }

    @Override
    public String id() {
        return "ws-discovery";
    }

    /** The port probes are sent to. */
    public int port() {
        return port;
    }

    /** Datagrams received that were not usable WS-Discovery messages, since creation. */
    public long malformedDatagrams() {
        return malformed.get();
    }

    @Override
    public void discover(DiscoveryRequest request, Consumer<DiscoveredDevice> sink) {
        if (closed) {
            throw new IllegalStateException("WS-Discovery provider is closed");
        }
        List<InetAddress> unicast = HostRange.expand(request.targets(), HostRange.MAX_HOSTS);
        Optional<NetworkInterface> nif = request.networkInterface();
        long deadline = clock.monotonicTime() + request.timeout().toNanos();
        MulticastSocket socket;
        try {
            socket = DiscoverySockets.sender(nif, 0);
        } catch (IOException e) {
            throw new GatewayException("cannot open a WS-Discovery socket"
                    + nif.map(n -> " on " + n.getName()).orElse("")
                    + ": " + e.getMessage(), "check the --interface name and that it has an IPv4 address", e);
        }
        open.add(socket);
        Thread sender = null;
        try {
            Set<String> seen = ConcurrentHashMap.newKeySet();
            Set<InetAddress> directed = Set.copyOf(unicast);
            sender = new Thread(() -> sendProbes(socket, unicast, request.maxProbesPerSecond(), deadline),
                    "ws-discovery-probe");
            sender.setDaemon(true);
            sender.start();
            receive(socket, deadline, datagramSource -> directed.contains(datagramSource), seen, sink);
        } finally {
            open.remove(socket);
            socket.close();
            if (sender != null) {
                sender.interrupt();
            }
        }
    }

    /** Sends the multicast probes twice, then the directed probes at the allowed rate. */
    private void sendProbes(MulticastSocket socket, List<InetAddress> unicast, int perSecond, long deadline) {
        try {
            byte[] nvt = WsDiscoveryCodec.probe(messageId(), List.of(WsDiscoveryCodec.NVT));
            byte[] device = WsDiscoveryCodec.probe(messageId(), List.of(WsDiscoveryCodec.DEVICE));
            InetSocketAddress group = new InetSocketAddress(DiscoverySockets.GROUP, port);
            for (int round = 0; round < 2 && !socket.isClosed(); round++) {
                socket.send(new DatagramPacket(nvt, nvt.length, group));
                socket.send(new DatagramPacket(device, device.length, group));
                TimeUnit.NANOSECONDS.sleep(REPEAT_DELAY_NANOS);
            }
            TokenBucket bucket = new TokenBucket(perSecond, 1, clock.monotonicTime());
            for (InetAddress host : unicast) {
                long wait;
                while ((wait = bucket.nanosUntilToken(clock.monotonicTime())) > 0) {
                    if (clock.monotonicTime() + wait > deadline) {
                        log.debug("WS-Discovery: timeout reached before every directed probe was sent");
                        return;
                    }
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                bucket.tryTake(clock.monotonicTime());
                socket.send(new DatagramPacket(nvt, nvt.length, new InetSocketAddress(host, port)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            if (!socket.isClosed()) {
                log.warn("WS-Discovery: sending a probe failed: {}", e.toString());
            }
        }
    }

    private void receive(MulticastSocket socket, long deadline, java.util.function.Predicate<InetAddress> directed,
            Set<String> seen, Consumer<DiscoveredDevice> sink) {
        byte[] buf = new byte[DiscoverySockets.RECEIVE_BUFFER];
        while (!closed) {
            long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - clock.monotonicTime());
            if (remainingMs <= 0) {
                return;
            }
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMs));
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return;
            } catch (SocketException e) {
                if (socket.isClosed()) {
                    return;
                }
                throw new UncheckedIOException(e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            WsDiscoveryMessage msg = parseOrCount(buf, packet);
            if (msg instanceof WsDiscoveryMessage.ProbeMatches pm) {
                String method = directed.test(packet.getAddress()) ? "ws-discovery-unicast" : id();
                for (DiscoveryEndpoint e : pm.matches()) {
                    DiscoveredDevice device = WsDiscoveryDevices.toDevice(e, packet.getAddress(), method);
                    if (seen.size() < MAX_DEVICES_PER_RUN && seen.add(device.key())) {
                        sink.accept(device);
                    }
                }
            }
        }
    }

    /**
     * Listens for Hello and Bye on the group until the returned handle is closed. Events arrive on
     * the listener's own thread. The socket joins the group on {@code nif} only.
     */
    public Listener listen(NetworkInterface nif, Consumer<WsDiscoveryEvent> events) {
        MulticastSocket socket;
        try {
            socket = DiscoverySockets.groupReceiver(nif, port);
        } catch (IOException e) {
            throw new GatewayException("cannot join the WS-Discovery group on " + nif.getName() + ": " + e.getMessage(),
                    "check that the interface is up and multicast-capable", e);
        }
        Listener listener = new Listener(socket);
        open.add(listener);
        Thread t = new Thread(() -> listenLoop(socket, events), "ws-discovery-listen-" + nif.getName());
        t.setDaemon(true);
        t.start();
        return listener;
    }

    private void listenLoop(MulticastSocket socket, Consumer<WsDiscoveryEvent> events) {
        byte[] buf = new byte[DiscoverySockets.RECEIVE_BUFFER];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("WS-Discovery listener stopped: {}", e.toString());
                }
                return;
            }
            WsDiscoveryMessage msg = parseOrCount(buf, packet);
            try {
                if (msg instanceof WsDiscoveryMessage.Hello h) {
                    events.accept(new WsDiscoveryEvent(WsDiscoveryEvent.Kind.HELLO,
                            WsDiscoveryDevices.toDevice(h.endpoint(), packet.getAddress(), id())));
                } else if (msg instanceof WsDiscoveryMessage.Bye b) {
                    events.accept(new WsDiscoveryEvent(WsDiscoveryEvent.Kind.BYE,
                            WsDiscoveryDevices.toDevice(b.endpoint(), packet.getAddress(), id())));
                }
            } catch (RuntimeException e) {
                // The consumer is the caller's code: one failure must not stop the listener.
                log.warn("WS-Discovery listener: event consumer failed: {}", e.toString());
            }
        }
    }

    private WsDiscoveryMessage parseOrCount(byte[] buf, DatagramPacket packet) {
        try {
            return WsDiscoveryCodec.parse(buf, packet.getLength());
        } catch (WsDiscoveryProtocolException e) {
            long n = malformed.incrementAndGet();
            if (log.isDebugEnabled()) {
                log.debug("WS-Discovery: dropped a datagram from {} ({} so far): {}",
                        packet.getAddress().getHostAddress(), n, e.getMessage());
            }
            return null;
        }
    }

    private static String messageId() {
        return "urn:uuid:" + UUID.randomUUID();
    }

    @Override
    public void close() {
        closed = true;
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("WS-Discovery: close failed: {}", e.toString());
            }
        }
        open.clear();
    }

    /** A running Hello/Bye listener; {@link #close()} stops it. */
    public final class Listener implements AutoCloseable {
        private final MulticastSocket socket;

        private Listener(MulticastSocket socket) {
            this.socket = socket;
        }

        @Override
        public void close() {
            open.remove(this);
            socket.close();
        }
    }
}
