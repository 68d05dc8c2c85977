package org.cctvgateway.onvif.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MdnsHintsTest {
    @Test
    void axisVideoServiceYieldsVendorAndModelFromTheInstanceName() {
        // Axis names its _axis-video._tcp instance "AXIS <model> - <MAC>" and sends the MAC in TXT.
        Map<String, String> hints = MdnsHints.hints(MdnsHints.AXIS_VIDEO, "AXIS M3045-V - ACCC8E123456",
                Map.of("macaddress", "ACCC8E123456"));

        assertThat(hints).containsEntry("vendor", "AXIS").containsEntry("model", "M3045-V");
    }

    @Test
    void plainHttpServiceIsKeptOnlyWithCameraHints() throws Exception {
        InetAddress a = InetAddress.getByName("127.0.0.1");

        assertThat(MdnsDiscoveryProvider.toDevice(MdnsHints.HTTP, "Office Printer", List.of(a), 80, Map.of()))
                .isEmpty();
        assertThat(MdnsDiscoveryProvider.toDevice(MdnsHints.HTTP, "HIKVISION DS-2CD2143G0-I", List.of(a), 80,
                Map.of())).isPresent();
        assertThat(MdnsDiscoveryProvider.toDevice(MdnsHints.RTSP, "anything", List.of(), 554, Map.of())).isEmpty();
    }

    @Test
    void onlyUrnUuidIsTakenAsEndpointReference() {
        assertThat(MdnsHints.endpointReference(Map.of("epr", "urn:uuid:1234"))).isEqualTo("urn:uuid:1234");
        assertThat(MdnsHints.endpointReference(Map.of("epr", "http://evil"))).isEmpty();
    }
}
