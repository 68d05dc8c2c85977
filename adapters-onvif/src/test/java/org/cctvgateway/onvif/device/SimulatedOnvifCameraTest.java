package org.cctvgateway.onvif.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.Clock;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.cctvgateway.onvif.discovery.MdnsAdvertiser;
import org.cctvgateway.onvif.discovery.MdnsDiscoveryProvider;
import org.cctvgateway.onvif.discovery.WsDiscoveryProvider;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.spi.DeviceIdentity;
import org.cctvgateway.spi.DiscoveredDevice;
import org.cctvgateway.spi.DiscoveryRequest;
import org.cctvgateway.spi.MediaProfile;
import org.junit.jupiter.api.Test;

class SimulatedOnvifCameraTest {
    @Test
    void everySimulatedCameraIsFoundOnceByWsDiscoveryAndOnceByMdns() throws Exception {
        NetworkInterface lo = NetworkInterface.getByName("lo");
        assumeTrue(lo != null && lo.isUp() && lo.supportsMulticast(),
                "no multicast-capable loopback 'lo': run `ip link set lo multicast on`; skipping");
        int wsdPort;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            wsdPort = s.getLocalPort();
        }
        InetAddress bind = InetAddress.getByName("127.0.0.1");
        List<DiscoveredDevice> ws = new CopyOnWriteArrayList<>();
        List<DiscoveredDevice> mdns = new CopyOnWriteArrayList<>();
        try (MdnsAdvertiser shared = MdnsAdvertiser.start(bind, "cctv-sim-test");
             SimulatedOnvifCamera a = start(bind, lo, wsdPort, shared, "Acme Optics", "C10", "SIM0001", 8554);
             SimulatedOnvifCamera b = start(bind, lo, wsdPort, shared, "Bolt Vision", "B2", "SIM0002", 8555);
             WsDiscoveryProvider wsd = new WsDiscoveryProvider(wsdPort, Clock.SYSTEM);
             MdnsDiscoveryProvider md = new MdnsDiscoveryProvider()) {
            DiscoveryRequest request = new DiscoveryRequest(Duration.ofSeconds(5), List.of(), Optional.of(lo), 50);
            Thread t = new Thread(() -> md.discover(request, mdns::add));
            t.start();
            wsd.discover(request, ws::add);
            t.join(10_000);

            List<String> ourEprs = List.of(a.endpointReference(), b.endpointReference());
            ws.removeIf(d -> !ourEprs.contains(d.key()) && !d.xaddrs().contains(a.xaddr())
                    && !d.xaddrs().contains(b.xaddr()));
            Map<String, String> wsModels = ws.stream().collect(Collectors.toMap(DiscoveredDevice::key,
                    d -> d.hints().getOrDefault("model", "")));
            assertThat(wsModels).containsOnly(Map.entry(a.endpointReference(), "C10"),
                    Map.entry(b.endpointReference(), "B2"));
            assertThat(ws).allSatisfy(d -> assertThat(d.xaddrs()).hasSize(1));
            assertThat(ws.stream().filter(d -> d.key().equals(a.endpointReference())).findFirst().orElseThrow()
                    .xaddrs().get(0)).isEqualTo(a.xaddr());
            // Other programs on this machine may announce cameras on lo too: judge only ours, by their ports,
            // so that a second report of one of ours (by address, say) still fails the test.
            List<Integer> ours = List.of(a.xaddr().getPort(), b.xaddr().getPort(), 8554, 8555);
            assertThat(mdns.stream().filter(d -> d.port().isPresent() && ours.contains(d.port().getAsInt())))
                    .map(DiscoveredDevice::key)
                    .containsExactlyInAnyOrder(a.endpointReference(), b.endpointReference());
        }
    }

    private static SimulatedOnvifCamera start(InetAddress bind, NetworkInterface lo, int wsdPort, MdnsAdvertiser mdns,
            String vendor, String model, String serial, int rtspPort) throws IOException {
        DeviceIdentity id = new DeviceIdentity(vendor, model, "1.0", serial, model, "02:00:00:00:00:0" + rtspPort % 10);
        MediaProfile p = new MediaProfile("main", "profile_main", "H264", 640, 360, 25, 1024, 25,
                URI.create("rtsp://127.0.0.1:" + rtspPort + "/live"), Optional.empty());
        return SimulatedOnvifCamera.start(new SimulatedOnvifCamera.Settings(bind, 0, id, List.of(p),
                new Credentials("admin", "pw"), lo, wsdPort, Optional.of(mdns)));
    }
}
