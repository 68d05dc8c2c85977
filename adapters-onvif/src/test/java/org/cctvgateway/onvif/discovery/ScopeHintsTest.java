package org.cctvgateway.onvif.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeHintsTest {
    @Test
    void decodesUtf8PercentEscapesAndKeepsMalformedOnes() {
        assertThat(ScopeHints.percentDecode("Caf%C3%A9%20Cam")).isEqualTo("Café Cam");
        assertThat(ScopeHints.percentDecode("100%ZZ+%4")).isEqualTo("100%ZZ+%4");
    }

    @Test
    void explicitManufacturerScopeWinsAndForeignScopesAreIgnored() {
        List<String> scopes = List.of("onvif://www.onvif.org/manufacturer/Hanwha%20Vision",
                "onvif://www.onvif.org/name/Wisenet%20XNO-6080R", "onvif://www.onvif.org/hardware/XNO-6080R",
                "http://example.com/name/evil", "onvif://www.onvif.org/name/");

        assertThat(ScopeHints.parse(scopes)).containsEntry("vendor", "Hanwha Vision")
                .containsEntry("name", "Wisenet XNO-6080R").containsEntry("model", "XNO-6080R");
        assertThat(ScopeHints.hasOnvifScope(List.of("http://example.com/x"))).isFalse();
    }
}
