package org.cctvgateway.onvif.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.cctvgateway.ConfigException;
import org.junit.jupiter.api.Test;

class HostRangeTest {
    @Test
    void expandsCidrWithoutNetworkAndBroadcast() {
        List<InetAddress> hosts = HostRange.expand(List.of("127.0.0.0/30"), HostRange.MAX_HOSTS);

        assertThat(hosts).map(InetAddress::getHostAddress).containsExactly("127.0.0.1", "127.0.0.2");
    }

    @Test
    void keepsSingleAddressesAndDropsRepeats() {
        List<InetAddress> hosts = HostRange.expand(List.of("127.0.0.5", "::1", "127.0.0.5", "127.0.0.4/31"), 10);

        assertThat(hosts).map(InetAddress::getHostAddress)
                .containsExactly("127.0.0.5", "0:0:0:0:0:0:0:1", "127.0.0.4");
    }

    @Test
    void acceptsSlash22AndRefusesSlash21() {
        assertThat(HostRange.expand(List.of("10.0.0.0/22"), HostRange.MAX_HOSTS)).hasSize(1022);

        assertThatThrownBy(() -> HostRange.expand(List.of("10.0.0.0/21"), HostRange.MAX_HOSTS))
                .isInstanceOf(ConfigException.class)
                .hasMessage("range: '10.0.0.0/21' covers 2046 addresses, limit is 1024 (a /22) per discovery");
    }

    @Test
    void refusesHostNamesAndBadPrefixes() {
        assertThatThrownBy(() -> HostRange.expand(List.of("camera.local"), 10))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'camera.local' is not an IP address");
        assertThatThrownBy(() -> HostRange.expand(List.of("10.0.0.0/33"), 10))
                .isInstanceOf(ConfigException.class).hasMessageContaining("prefix length outside 0..32");
        assertThatThrownBy(() -> HostRange.expand(List.of("256.1.1.1"), 10))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not an IP address");
    }
}
