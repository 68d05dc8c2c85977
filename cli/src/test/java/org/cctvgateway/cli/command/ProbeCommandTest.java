package org.cctvgateway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.cctvgateway.GatewayException;
import org.cctvgateway.spi.CameraDescription;
import org.cctvgateway.spi.DeviceIdentity;
import org.cctvgateway.spi.MediaProfile;
import org.cctvgateway.spi.NetworkServices;
import org.cctvgateway.spi.ProbeTarget;
import org.junit.jupiter.api.Test;

class ProbeCommandTest {
    @Test
    void parsesHostPortForms() {
        assertThat(ProbeCommand.parseTarget("192.168.1.64")).isEqualTo(ProbeTarget.of("192.168.1.64", 0));
        assertThat(ProbeCommand.parseTarget("cam.local:8080")).isEqualTo(ProbeTarget.of("cam.local", 8080));
        assertThat(ProbeCommand.parseTarget("[fe80::1]:80")).isEqualTo(ProbeTarget.of("fe80::1", 80));
        assertThatThrownBy(() -> ProbeCommand.parseTarget("cam:99999")).isInstanceOf(GatewayException.class)
                .hasMessageContaining("99999");
    }

    @Test
    void readsThePasswordFromTheNamedVariableOnly() {
        assertThat(ProbeCommand.credentials("admin", "CAM_PW", Map.of("CAM_PW", "s3")::get).password())
                .isEqualTo("s3");
        assertThatThrownBy(() -> ProbeCommand.credentials("admin", "NOPE", Map.<String, String>of()::get))
                .isInstanceOf(GatewayException.class).hasMessageContaining("NOPE");
        assertThatThrownBy(() -> ProbeCommand.credentials(null, "CAM_PW", Map.<String, String>of()::get))
                .isInstanceOf(GatewayException.class);
    }

    @Test
    void jsonCarriesProfilesAndNoPassword() {
        CameraDescription d = new CameraDescription("onvif", new DeviceIdentity("AXIS", "M3045-V", "9.80", "ACCC",
                "7D1", ""), Optional.of(Duration.ofSeconds(-3)), new NetworkServices(OptionalInt.of(80),
                OptionalInt.empty(), OptionalInt.of(554), List.of(), false, List.of("S")), List.of(new MediaProfile(
                "main", "p1", "H264", 1920, 1080, 30, 0, 0, URI.create("rtsp://10.0.0.5/media"), Optional.empty())));
        Map<String, Object> json = ProbeCommand.toJson(d, List.of(Optional.empty()));
        assertThat(json.toString()).contains("rtsp://10.0.0.5/media", "streamCheck=ok", "clockOffsetMillis=-3000")
                .doesNotContainIgnoringCase("password");
    }
}
