package org.cctvgateway.onvif.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Socket set-up shared by the prober, the listener and the responder. Everything is pinned to one
 * interface: the multicast interface is set explicitly, the TTL is 1 (SOAP-over-UDP §3.1: discovery
 * stays on the local link) and multicast loopback is on, so peers on the same host hear each other.
 */
final class DiscoverySockets {
    /** The WS-Discovery IPv4 multicast group. */
    static final InetAddress GROUP = v4(239, 255, 255, 250);
    /** The WS-Discovery port. */
    static final int PORT = 3702;
    /** Receive buffer: the largest UDP payload, so an oversized datagram is seen whole and refused. */
    static final int RECEIVE_BUFFER = 65_535;

    private DiscoverySockets() {
    }

    /** The first IPv4 address of {@code nif}, which the socket binds to so it stays on that interface. */
    static Optional<InetAddress> ipv4Of(NetworkInterface nif) {
        return nif.inetAddresses().filter(a -> a instanceof Inet4Address).findFirst();
    }

    /** A socket for sending multicast and receiving unicast replies, bound to the interface's address. */
    static MulticastSocket sender(Optional<NetworkInterface> nif, int localPort) throws IOException {
        InetAddress bind = nif.flatMap(DiscoverySockets::ipv4Of).orElse(null);
        if (nif.isPresent() && bind == null) {
            throw new SocketException("interface " + nif.get().getName() + " has no IPv4 address");
        }
        MulticastSocket socket = new MulticastSocket(null);
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bind, localPort));
            configureMulticast(socket, nif);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * A socket that receives the group's datagrams on {@code port}, joined on {@code nif} only. It is
     * bound to the group address so it gets no unicast traffic (Linux); where that bind is refused it
     * falls back to the wildcard address.
     */
    static MulticastSocket groupReceiver(NetworkInterface nif, int port) throws IOException {
        MulticastSocket socket = new MulticastSocket(null);
        try {
            socket.setReuseAddress(true);
            try {
                socket.bind(new InetSocketAddress(GROUP, port));
            } catch (SocketException e) {
                socket.close();
                socket = new MulticastSocket(null);
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(port));
            }
            configureMulticast(socket, Optional.of(nif));
            socket.joinGroup(new InetSocketAddress(GROUP, 0), nif);
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void configureMulticast(MulticastSocket socket, Optional<NetworkInterface> nif) throws IOException {
        if (nif.isPresent()) {
            socket.setNetworkInterface(nif.get());
        }
        socket.setTimeToLive(1);
        socket.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
    }

    /** True when {@code nif} is up and multicast-capable, which tests check before using {@code lo}. */
    static boolean multicastCapable(NetworkInterface nif) {
        try {
            return nif.isUp() && nif.supportsMulticast() && ipv4Of(nif).isPresent();
        } catch (SocketException e) {
            return false;
        }
    }

    private static InetAddress v4(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
