package org.cctvgateway.onvif.soap;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.cctvgateway.onvif.client.DeviceReplies;
import org.cctvgateway.onvif.client.MediaReplies;
import org.w3c.dom.Element;

/** Fuzz property: SOAP parsing, the response parsers and token verification throw nothing but SoapProtocolException. */
class SoapFuzzTest {
    @FuzzTest
    void envelopeAndFaultParsing(byte[] input) {
        try {
            SoapMessage m = SoapEnvelope.read(input, 64 * 1024);
            m.fault().ifPresent(SoapFault::oneLine);
        } catch (SoapProtocolException expected) {
            // the declared protocol exception
        }
    }

    @FuzzTest
    void responseParsers(byte[] input) {
        try {
            SoapMessage m = SoapEnvelope.read(input, 64 * 1024);
            Optional<Element> body = m.body();
            if (body.isEmpty()) {
                return;
            }
            Element b = body.get();
            swallow(() -> DeviceReplies.systemDateAndTime(b));
            swallow(() -> DeviceReplies.deviceInformation(b));
            swallow(() -> DeviceReplies.services(b));
            swallow(() -> DeviceReplies.capabilities(b));
            swallow(() -> DeviceReplies.onvifProfiles(DeviceReplies.scopes(b)));
            swallow(() -> DeviceReplies.firstMac(b));
            swallow(() -> DeviceReplies.networkProtocols(b));
            swallow(() -> DeviceReplies.ntp(b));
            swallow(() -> MediaReplies.profiles10(b));
            swallow(() -> MediaReplies.profiles20(b));
            swallow(() -> MediaReplies.uri(b));
        } catch (SoapProtocolException expected) {
            // the declared protocol exception
        }
    }

    @FuzzTest
    void usernameTokenVerify(byte[] input) {
        var verifier = new UsernameTokenVerifier(() -> Instant.parse("2024-05-01T12:00:00Z"), Duration.ofMinutes(5),
                16, true);
        try {
            SoapMessage m = SoapEnvelope.read(input, 64 * 1024);
            verifier.verify(m, u -> Optional.of("secret"));
        } catch (SoapProtocolException expected) {
            // the declared protocol exception
        }
    }

    private static void swallow(Runnable r) {
        try {
            r.run();
        } catch (SoapProtocolException expected) {
            // each parser may refuse the input on its own
        }
    }
}
