package org.cctvgateway.onvif.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.time.InstantSource;
import org.cctvgateway.onvif.soap.SoapEnvelope;

/**
 * Property: the device service answers any request body with a SOAP envelope and one of the
 * documented statuses, and never throws.
 */
class DeviceRequestHandlerFuzzTest {
    private static final DeviceRequestHandler HANDLER = new DeviceRequestHandler(DeviceFixtures.CONFIG,
            InstantSource.fixed(Instant.parse("2026-03-01T12:00:00Z")));

    @FuzzTest(maxDuration = "60s")
    void answersAnyRequestWithASoapEnvelope(FuzzedDataProvider data) {
        String path = data.pickValue(new String[] {"/onvif/device_service", "/onvif/media_service", "/x"});
        byte[] body = data.consumeRemainingAsBytes();

        DeviceResponse r = HANDLER.handle(path, body, "127.0.0.1", 8080);

        assertThat(r.status()).isIn(200, 400, 404, 500);
        assertThat(SoapEnvelope.read(r.body(), 1 << 20)).isNotNull();
    }
}
