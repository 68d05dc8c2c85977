package org.cctvgateway.onvif.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.cctvgateway.onvif.soap.Namespaces;
import org.cctvgateway.onvif.soap.SoapEnvelope;
import org.junit.jupiter.api.Test;

class OnvifDeviceServiceTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> post(URI uri, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/soap+xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesSoapOverHttpAndRefusesOtherMethodsAndHugeBodies() throws Exception {
        try (OnvifDeviceService svc = OnvifDeviceService.start(InetAddress.getLoopbackAddress(), 0,
                DeviceFixtures.CONFIG)) {
            URI device = svc.xaddr();

            HttpResponse<String> time = post(device, SoapEnvelope.build("",
                    "<GetSystemDateAndTime xmlns=\"" + Namespaces.TDS + "\"/>"));
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(device).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> huge = post(device, new byte[DeviceRequestHandler.MAX_REQUEST_BYTES + 1]);
            HttpResponse<String> denied = post(device, SoapEnvelope.build("",
                    "<GetDeviceInformation xmlns=\"" + Namespaces.TDS + "\"/>"));

            assertThat(device.toString()).isEqualTo("http://127.0.0.1:" + svc.port() + "/onvif/device_service");
            assertThat(time.statusCode()).isEqualTo(200);
            assertThat(time.headers().firstValue("Content-Type")).hasValue("application/soap+xml; charset=utf-8");
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(huge.statusCode()).isEqualTo(413);
            assertThat(denied.statusCode()).isEqualTo(400);
            assertThat(denied.body()).contains("NotAuthorized");
        }
    }
}
