package org.cctvgateway.onvif.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Clock;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.spi.DiscoveredDevice;
import org.cctvgateway.spi.DiscoveryRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WsDiscoveryLoopbackTest {
    private static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();
    private NetworkInterface lo;
    private int port;

    @BeforeEach
    void setUp() {
        lo = LoopbackMulticast.loopbackOrSkip();
        port = LoopbackMulticast.freeUdpPort();
    }

    static DiscoveryEndpoint camera(String uuid, String model) {
        return new DiscoveryEndpoint("urn:uuid:" + uuid, List.of(WsDiscoveryCodec.NVT, WsDiscoveryCodec.DEVICE),
                List.of("onvif://www.onvif.org/name/Acme%20" + model, "onvif://www.onvif.org/hardware/" + model,
                        "onvif://www.onvif.org/Profile/Streaming"),
                List.of(URI.create("http://127.0.0.1:8080/onvif/device_service")), 1);
    }

    @Test
    void multicastProbeFindsEveryResponderOnceWithinTheTimeout() throws IOException {
        List<DiscoveredDevice> found = new CopyOnWriteArrayList<>();
        try (WsDiscoveryResponder a = WsDiscoveryResponder.start(camera("00000000-0000-0000-0000-00000000000a", "C10"),
                lo, LOCALHOST, port, ResponderLimits.defaults(), Clock.SYSTEM);
             WsDiscoveryResponder b = WsDiscoveryResponder.start(camera("00000000-0000-0000-0000-00000000000b", "C20"),
                     lo, LOCALHOST, port, ResponderLimits.defaults(), Clock.SYSTEM);
             WsDiscoveryProvider provider = new WsDiscoveryProvider(port, Clock.SYSTEM)) {
            provider.discover(new DiscoveryRequest(Duration.ofMillis(1500), List.of(), Optional.of(lo), 50),
                    found::add);
        }

        assertThat(found).map(DiscoveredDevice::key).containsExactlyInAnyOrder(
                "urn:uuid:00000000-0000-0000-0000-00000000000a", "urn:uuid:00000000-0000-0000-0000-00000000000b");
        DiscoveredDevice c10 = found.stream().filter(d -> d.key().endsWith("a")).findFirst().orElseThrow();
        assertThat(c10.address()).isEqualTo("127.0.0.1");
        assertThat(c10.method()).isEqualTo("ws-discovery");
        assertThat(c10.onvif()).isTrue();
        assertThat(c10.port()).hasValue(8080);
        assertThat(c10.hints()).containsEntry("vendor", "Acme").containsEntry("model", "C10")
                .containsEntry("profile", "S");
    }

    @Test
    void directedProbeReachesAHostThatIsNotInTheGroup() throws IOException {
        DiscoveryEndpoint endpoint = camera("00000000-0000-0000-0000-0000000000cc", "U1");
        List<DiscoveredDevice> found = new CopyOnWriteArrayList<>();
        try (DatagramSocket fakeCamera = new DatagramSocket(new InetSocketAddress(LOCALHOST, port));
             WsDiscoveryProvider provider = new WsDiscoveryProvider(port, Clock.SYSTEM)) {
            Thread answer = new Thread(() -> answerOneProbe(fakeCamera, endpoint));
            answer.start();
            provider.discover(new DiscoveryRequest(Duration.ofMillis(1000), List.of("127.0.0.1"), Optional.of(lo), 50),
                    found::add);
            answer.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }

        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.method()).isEqualTo("ws-discovery-unicast");
            assertThat(d.endpointReference()).hasValue(endpoint.endpointReference());
        });
    }

    private static void answerOneProbe(DatagramSocket socket, DiscoveryEndpoint endpoint) {
        byte[] buf = new byte[65535];
        try {
            socket.setSoTimeout(2000);
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            socket.receive(p);
            WsDiscoveryMessage.Probe probe = (WsDiscoveryMessage.Probe) WsDiscoveryCodec.parse(buf, p.getLength());
            byte[] reply = WsDiscoveryCodec.probeMatches("urn:uuid:r", probe.messageId(), endpoint);
            socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
        } catch (IOException e) {
            throw new AssertionError("fake camera got no directed probe", e);
        }
    }

    @Test
    void floodOfProbesGetsBoundedReplies() throws IOException {
        ResponderLimits limits = new ResponderLimits(2, 4, 20, 40, Duration.ZERO, 64);
        int sent = 200;
        int received = 0;
        long started;
        long elapsed;
        try (WsDiscoveryResponder responder = WsDiscoveryResponder.start(
                camera("00000000-0000-0000-0000-0000000000dd", "F1"), lo, LOCALHOST, port, limits, Clock.SYSTEM);
             DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0))) {
            started = System.nanoTime();
            for (int i = 0; i < sent; i++) {
                byte[] probe = WsDiscoveryCodec.probe("urn:uuid:flood-" + i, List.of());
                attacker.send(new DatagramPacket(probe, probe.length, new InetSocketAddress(LOCALHOST, port)));
            }
            attacker.setSoTimeout(500);
            byte[] buf = new byte[65535];
            while (true) {
                try {
                    attacker.receive(new DatagramPacket(buf, buf.length));
                    received++;
                } catch (SocketTimeoutException e) {
                    break;
                }
            }
            elapsed = System.nanoTime() - started;
            // Some probes may also be lost in the socket buffer; those that arrived beyond the limit are counted.
            assertThat(responder.probesDropped()).isPositive();
            assertThat(responder.repliesSent()).isLessThanOrEqualTo(received + 1L); // + the Hello
        }

        double seconds = elapsed / 1e9;
        assertThat(received).isGreaterThanOrEqualTo(1)
                .isLessThanOrEqualTo((int) Math.ceil(4 + 2 * seconds) + 1);
    }

    @Test
    void listenerHearsHelloAndBye() throws IOException {
        List<WsDiscoveryEvent> events = new CopyOnWriteArrayList<>();
        DiscoveryEndpoint endpoint = camera("00000000-0000-0000-0000-0000000000ee", "H1");
        try (WsDiscoveryProvider provider = new WsDiscoveryProvider(port, Clock.SYSTEM);
             WsDiscoveryProvider.Listener listener = provider.listen(lo, events::add)) {
            WsDiscoveryResponder responder = WsDiscoveryResponder.start(endpoint, lo, LOCALHOST, port,
                    ResponderLimits.defaults(), Clock.SYSTEM);
            awaitEvents(events, 1);
            responder.close();
            awaitEvents(events, 2);
        }

        assertThat(events).map(WsDiscoveryEvent::kind)
                .containsExactly(WsDiscoveryEvent.Kind.HELLO, WsDiscoveryEvent.Kind.BYE);
        assertThat(events).allSatisfy(e -> assertThat(e.device().key()).isEqualTo(endpoint.endpointReference()));
        assertThat(events.get(0).device().hints()).containsEntry("model", "H1");
    }

    @Test
    void responderIgnoresProbesForOtherTypes() throws IOException {
        DiscoveryEndpoint nvtOnly = new DiscoveryEndpoint("urn:uuid:00000000-0000-0000-0000-0000000000ff",
                List.of(WsDiscoveryCodec.NVT), List.of(), List.of(), 1);
        try (WsDiscoveryResponder responder = WsDiscoveryResponder.start(nvtOnly, lo, LOCALHOST, port,
                new ResponderLimits(100, 100, 100, 100, Duration.ZERO, 64), Clock.SYSTEM);
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0))) {
            byte[] other = WsDiscoveryCodec.probe("urn:uuid:other", List.of(WsDiscoveryCodec.DEVICE));
            byte[] wanted = WsDiscoveryCodec.probe("urn:uuid:wanted", List.of(WsDiscoveryCodec.NVT));
            client.send(new DatagramPacket(other, other.length, new InetSocketAddress(LOCALHOST, port)));
            client.send(new DatagramPacket(wanted, wanted.length, new InetSocketAddress(LOCALHOST, port)));
            client.setSoTimeout(2000);
            byte[] buf = new byte[65535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            client.receive(p);
            WsDiscoveryMessage.ProbeMatches pm = (WsDiscoveryMessage.ProbeMatches) WsDiscoveryCodec.parse(buf,
                    p.getLength());
            // Only the probe for NVT is answered: the first reply relates to it.
            assertThat(pm.relatesTo()).isEqualTo("urn:uuid:wanted");
            assertThat(p.getLength()).isLessThanOrEqualTo(WsDiscoveryResponder.MAX_REPLY_BYTES);
        }
    }

    private static void awaitEvents(List<WsDiscoveryEvent> events, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (events.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
