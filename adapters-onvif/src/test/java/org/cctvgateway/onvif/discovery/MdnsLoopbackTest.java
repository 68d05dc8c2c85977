package org.cctvgateway.onvif.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.cctvgateway.spi.DiscoveredDevice;
import org.cctvgateway.spi.DiscoveryRequest;
import org.junit.jupiter.api.Test;

class MdnsLoopbackTest {
    @Test
    void browsingFindsEachAdvertisedCameraOnce() throws IOException {
        NetworkInterface lo = LoopbackMulticast.loopbackOrSkip();
        List<DiscoveredDevice> found = new CopyOnWriteArrayList<>();
        try (MdnsAdvertiser advertiser = MdnsAdvertiser.start(InetAddress.getByName("127.0.0.1"), "cctv-test-sim");
             MdnsDiscoveryProvider provider = new MdnsDiscoveryProvider()) {
            advertiser.advertise("Acme C10 (SIM1)", 8554, "/live", 8080, "Acme", "C10",
                    "urn:uuid:00000000-0000-0000-0000-000000000101");
            advertiser.advertise("Bolt B2 (SIM2)", 8555, "/live", 8081, "Bolt", "B2",
                    "urn:uuid:00000000-0000-0000-0000-000000000102");
            provider.discover(new DiscoveryRequest(Duration.ofSeconds(4), List.of(), Optional.of(lo), 50), found::add);
        }

        // Other programs on this machine may announce cameras on lo too: judge only ours, by their ports.
        found.removeIf(d -> d.port().isEmpty() || !List.of(8554, 8555, 8080, 8081).contains(d.port().getAsInt()));
        assertThat(found).as(found.toString()).map(DiscoveredDevice::key).containsExactlyInAnyOrder(
                "urn:uuid:00000000-0000-0000-0000-000000000101", "urn:uuid:00000000-0000-0000-0000-000000000102");
        assertThat(found).allSatisfy(d -> {
            assertThat(d.method()).isEqualTo("mdns");
            assertThat(d.address()).isEqualTo("127.0.0.1");
        });
        DiscoveredDevice acme = found.stream().filter(d -> d.key().endsWith("101")).findFirst().orElseThrow();
        assertThat(acme.hints()).containsEntry("vendor", "Acme").containsEntry("model", "C10");
    }

    @Test
    void aCameraWithoutTxtRecordIsReportedOnceByItsAddress() throws IOException {
        NetworkInterface lo = LoopbackMulticast.loopbackOrSkip();
        List<DiscoveredDevice> found = new CopyOnWriteArrayList<>();
        try (JmDNS plain = JmDNS.create(InetAddress.getByName("127.0.0.1"), "cctv-test-bare");
             MdnsDiscoveryProvider provider = new MdnsDiscoveryProvider()) {
            plain.registerService(ServiceInfo.create(MdnsHints.RTSP, "Bare camera", 8556, ""));
            provider.discover(new DiscoveryRequest(Duration.ofSeconds(4), List.of(), Optional.of(lo), 50), found::add);
        }

        found.removeIf(d -> d.port().isEmpty() || d.port().getAsInt() != 8556);
        assertThat(found).as(found.toString()).singleElement().satisfies(d -> {
            assertThat(d.key()).isEqualTo("127.0.0.1");
            assertThat(d.port()).hasValue(8556);
            assertThat(d.xaddrs()).extracting(Object::toString).containsExactly("rtsp://127.0.0.1:8556/");
        });
    }
}
