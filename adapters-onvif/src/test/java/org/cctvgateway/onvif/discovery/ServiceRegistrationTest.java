package org.cctvgateway.onvif.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.cctvgateway.spi.DiscoveryProvider;
import org.junit.jupiter.api.Test;

class ServiceRegistrationTest {
    @Test
    void bothDiscoveryMethodsAreFoundByServiceLoader() {
        assertThat(ServiceLoader.load(DiscoveryProvider.class).stream().map(p -> p.get().id()))
                .contains("ws-discovery", "mdns");
    }
}
