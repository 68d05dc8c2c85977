package org.cctvgateway.onvif.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SoapEnvelopeTest {
    record Case(String name, String xml, String subcode, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> faults() {
        return Stream.of(
                new Case("env/ter prefixes", "<env:Envelope xmlns:env=\"" + Namespaces.SOAP12 + "\" xmlns:ter=\""
                        + Namespaces.TER + "\"><env:Body><env:Fault><env:Code><env:Value>env:Sender</env:Value>"
                        + "<env:Subcode><env:Value>ter:NotAuthorized</env:Value></env:Subcode></env:Code><env:Reason>"
                        + "<env:Text xml:lang=\"en\">Sender not Authorized</env:Text></env:Reason></env:Fault></env:Body>"
                        + "</env:Envelope>", "NotAuthorized", "Sender not Authorized"),
                new Case("other prefixes", "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"" + Namespaces.SOAP12
                        + "\"><SOAP-ENV:Body><SOAP-ENV:Fault><SOAP-ENV:Code><SOAP-ENV:Value>SOAP-ENV:Sender"
                        + "</SOAP-ENV:Value><SOAP-ENV:Subcode><SOAP-ENV:Value xmlns:e=\"" + Namespaces.TER
                        + "\">e:InvalidArgVal</SOAP-ENV:Value></SOAP-ENV:Subcode></SOAP-ENV:Code></SOAP-ENV:Fault>"
                        + "</SOAP-ENV:Body></SOAP-ENV:Envelope>", "InvalidArgVal", ""),
                new Case("SOAP 1.1", "<s:Envelope xmlns:s=\"" + Namespaces.SOAP11 + "\" xmlns:ter=\"" + Namespaces.TER
                        + "\"><s:Body><s:Fault><faultcode>ter:NotAuthorized</faultcode><faultstring>no</faultstring>"
                        + "</s:Fault></s:Body></s:Envelope>", "", "no"));
    }

    @ParameterizedTest
    @MethodSource("faults")
    void readsFaultsWhateverThePrefix(Case c) {
        SoapMessage m = SoapEnvelope.read(c.xml().getBytes(StandardCharsets.UTF_8), 4096);
        SoapFault f = m.fault().orElseThrow();
        assertThat(f.reason()).isEqualTo(c.reason());
        if (!c.subcode().isEmpty()) {
            assertThat(f.has(Namespaces.TER, c.subcode())).isTrue();
        }
        assertThat(f.notAuthorized()).isEqualTo(c.xml().contains("NotAuthorized"));
    }

    @Test
    void buildThenReadGivesTheBody() {
        byte[] env = SoapEnvelope.build(UsernameToken.digest("a<b", "pw", java.time.Instant.EPOCH).toHeaderXml(),
                "<GetScopes xmlns=\"" + Namespaces.TDS + "\"/>");
        SoapMessage m = SoapEnvelope.read(env, 4096);
        assertThat(m.bodyIs(Namespaces.TDS, "GetScopes")).isTrue();
        assertThat(UsernameToken.read(m).orElseThrow().username()).isEqualTo("a<b");
    }

    @Test
    void refusesDoctypeAndExternalEntities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
        assertThatThrownBy(() -> SafeXml.parse(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SoapProtocolException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void refusesInputOverTheLimitNamingIt() {
        assertThatThrownBy(() -> SafeXml.parse(new byte[2000], 1000)).isInstanceOf(SoapProtocolException.class)
                .hasMessage("XML message is 2000 bytes, limit is 1000");
    }

    @Test
    void refusesDeepNesting() {
        String deep = "<a>".repeat(200) + "</a>".repeat(200);
        assertThatThrownBy(() -> SafeXml.parse(deep.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SoapProtocolException.class);
    }

    @Test
    void refusesNonSoapRoot() {
        assertThatThrownBy(() -> SoapEnvelope.read("<html/>".getBytes(StandardCharsets.UTF_8), 100))
                .isInstanceOf(SoapProtocolException.class).hasMessageContaining("not a SOAP envelope");
    }
}
