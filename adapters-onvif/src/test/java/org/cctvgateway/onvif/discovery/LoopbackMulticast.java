package org.cctvgateway.onvif.discovery;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;

/** The loopback interface for multicast tests; nothing in these tests leaves 127.0.0.0/8. */
final class LoopbackMulticast {
    private LoopbackMulticast() {
    }

    /** {@code lo}, or the test is skipped (only here) when it cannot carry multicast. */
    static NetworkInterface loopbackOrSkip() {
        NetworkInterface lo;
        try {
            lo = NetworkInterface.getByName("lo");
        } catch (SocketException e) {
            lo = null;
        }
        assumeTrue(lo != null && DiscoverySockets.multicastCapable(lo),
                "no multicast-capable loopback interface 'lo' here: enable it with `ip link set lo multicast on`"
                        + " (.ci/run does); skipping the multicast test");
        return lo;
    }

    /** A UDP port free on 127.0.0.1 right now, so tests never collide with a real responder on 3702. */
    static int freeUdpPort() {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
