package org.cctvgateway.onvif.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;

/**
 * Property: {@link WsDiscoveryCodec#parse} fails only with {@link WsDiscoveryProtocolException},
 * and what it returns respects the limits and turns into hints without error.
 */
class WsDiscoveryCodecFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parsesAnyDatagramOrRejectsIt(byte[] data) {
        try {
            WsDiscoveryMessage msg = WsDiscoveryCodec.parse(data, data.length);
            List<DiscoveryEndpoint> endpoints = List.of();
            if (msg instanceof WsDiscoveryMessage.ProbeMatches pm) {
                assertThat(pm.matches()).hasSizeLessThanOrEqualTo(WsDiscoveryCodec.MAX_MATCHES);
                endpoints = pm.matches();
            } else if (msg instanceof WsDiscoveryMessage.Hello h) {
                endpoints = List.of(h.endpoint());
            } else if (msg instanceof WsDiscoveryMessage.Probe p) {
                assertThat(p.types()).hasSizeLessThanOrEqualTo(WsDiscoveryCodec.MAX_LIST_ITEMS);
            }
            for (DiscoveryEndpoint e : endpoints) {
                assertThat(e.scopes()).hasSizeLessThanOrEqualTo(WsDiscoveryCodec.MAX_LIST_ITEMS);
                assertThat(e.xaddrs()).hasSizeLessThanOrEqualTo(WsDiscoveryCodec.MAX_LIST_ITEMS);
                assertThat(ScopeHints.parse(e.scopes()).values()).allSatisfy(v -> assertThat(v).hasSizeLessThan(300));
            }
        } catch (WsDiscoveryProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
