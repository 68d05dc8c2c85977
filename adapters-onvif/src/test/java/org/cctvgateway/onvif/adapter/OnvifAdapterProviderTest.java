package org.cctvgateway.onvif.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.ServiceLoader;
import org.cctvgateway.spi.AdapterContext;
import org.cctvgateway.spi.CameraAdapter;
import org.cctvgateway.spi.CameraAdapterProvider;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.spi.DiscoveredDevice;
import org.cctvgateway.spi.MatchConfidence;
import org.cctvgateway.spi.ProbeRequest;
import org.cctvgateway.spi.ProbeResult;
import org.cctvgateway.spi.ProbeTarget;
import org.junit.jupiter.api.Test;

class OnvifAdapterProviderTest {
    private final OnvifAdapterProvider provider = new OnvifAdapterProvider();

    @Test
    void isFoundThroughServiceLoader() {
        assertThat(ServiceLoader.load(CameraAdapterProvider.class).stream().map(p -> p.get().id()))
                .contains("onvif");
    }

    @Test
    void matchesByDiscoveryThenPort() {
        DiscoveredDevice onvif = new DiscoveredDevice("10.0.0.5", OptionalInt.empty(), "ws-discovery",
                Optional.empty(), List.of(), List.of(), Map.of(), true);
        assertThat(provider.match(new ProbeTarget("10.0.0.5", 0, Optional.of(onvif))))
                .isEqualTo(MatchConfidence.CERTAIN);
        assertThat(provider.match(ProbeTarget.of("10.0.0.5", 8000))).isEqualTo(MatchConfidence.LIKELY);
        assertThat(provider.match(ProbeTarget.of("10.0.0.5", 0))).isEqualTo(MatchConfidence.LIKELY);
        assertThat(provider.match(ProbeTarget.of("10.0.0.5", 554))).isEqualTo(MatchConfidence.POSSIBLE);
    }

    @Test
    void probeOfAClosedPortIsUnreachableAndCloseIsIdempotent() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CameraAdapter adapter = provider.create(AdapterContext.defaults());
        ProbeResult r = adapter.probe(new ProbeRequest(ProbeTarget.of("127.0.0.1", port), Credentials.none(),
                Duration.ofSeconds(2)));
        assertThat(r).isInstanceOf(ProbeResult.Unreachable.class);
        adapter.close();
        adapter.close();
    }
}
