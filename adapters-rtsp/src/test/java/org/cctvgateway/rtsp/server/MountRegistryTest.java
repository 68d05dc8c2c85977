package org.cctvgateway.rtsp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cctvgateway.GatewayException;
import org.cctvgateway.media.HubLimits;
import org.cctvgateway.media.StreamHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MountRegistryTest {
    private final MountRegistry mounts = new MountRegistry();

    @Test
    void resolvesRegisteredHubUntilUnregistered() {
        try (StreamHub hub = new StreamHub("/s/c/main", HubLimits.DEFAULT)) {
            mounts.register("/s/c/main", hub);
            assertThat(mounts.resolve("/s/c/main")).containsSame(hub);
            assertThat(mounts.paths()).containsExactly("/s/c/main");
            assertThat(mounts.unregister("/s/c/main", hub)).isTrue();
            assertThat(mounts.resolve("/s/c/main")).isEmpty();
        }
    }

    @Test
    void secondHubOnTheSamePathIsRefusedAndOnlyTheOwnerUnregisters() {
        try (StreamHub a = new StreamHub("/s/c/main", HubLimits.DEFAULT);
             StreamHub b = new StreamHub("/s/c/main", HubLimits.DEFAULT)) {
            mounts.register("/s/c/main", a);
            mounts.register("/s/c/main", a);
            assertThatThrownBy(() -> mounts.register("/s/c/main", b)).isInstanceOf(GatewayException.class)
                    .hasMessageContaining("/s/c/main is already published");
            assertThat(mounts.unregister("/s/c/main", b)).isFalse();
            assertThat(mounts.resolve("/s/c/main")).containsSame(a);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "s/c/main", "/s/c/main/", "/s//c"})
    void malformedPathsAreRefused(String path) {
        try (StreamHub hub = new StreamHub("x", HubLimits.DEFAULT)) {
            assertThatThrownBy(() -> mounts.register(path, hub)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
