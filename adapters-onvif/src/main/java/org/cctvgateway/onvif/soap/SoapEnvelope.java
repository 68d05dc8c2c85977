package org.cctvgateway.onvif.soap;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds SOAP 1.2 envelopes as bytes and reads envelopes (1.2, and 1.1 from older firmware)
 * into {@link SoapMessage}s.
 *
 * <pre>{@code
 * byte[] request = SoapEnvelope.build(token.toHeaderXml(),
 *         "<GetDeviceInformation xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/>");
 * SoapMessage reply = SoapEnvelope.read(replyBytes, SafeXml.DEFAULT_MAX_BYTES);
 * }</pre>
 */
public final class SoapEnvelope {
    private SoapEnvelope() {
    }

    /**
     * Wraps header and body fragments in a SOAP 1.2 envelope.
     *
     * @param headerXml well-formed XML placed in Header ("" for no Header); every value in it
     *     must already be escaped with {@link Xml#escape}
     * @param bodyXml well-formed XML placed in Body, declaring its own namespaces
     */
    public static byte[] build(String headerXml, String bodyXml) {
        StringBuilder b = new StringBuilder(256 + headerXml.length() + bodyXml.length());
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<s:Envelope xmlns:s=\"").append(Namespaces.SOAP12).append("\">");
        if (!headerXml.isEmpty()) {
            b.append("<s:Header>").append(headerXml).append("</s:Header>");
        }
        b.append("<s:Body>").append(bodyXml).append("</s:Body></s:Envelope>");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A SOAP 1.2 fault envelope, for servers: {@code Sender} with {@code subcode} and a reason. */
    public static byte[] fault(String code, String subcodeNs, String subcode, String reason) {
        String body = "<s:Fault><s:Code><s:Value>s:" + Xml.escape(code) + "</s:Value>"
                + "<s:Subcode><s:Value xmlns:ter=\"" + Xml.escape(subcodeNs) + "\">ter:" + Xml.escape(subcode)
                + "</s:Value></s:Subcode></s:Code>"
                + "<s:Reason><s:Text xml:lang=\"en\">" + Xml.escape(reason) + "</s:Text></s:Reason></s:Fault>";
        return build("", body);
    }

    /**
     * Reads an envelope.
     *
     * @throws SoapProtocolException when the bytes are not well-formed XML, exceed {@code maxBytes},
     *     or are not a SOAP envelope with a Body
     */
    public static SoapMessage read(byte[] bytes, int maxBytes) {
        Document doc = SafeXml.parse(bytes, maxBytes);
        return read(doc.getDocumentElement());
    }

    /** Reads an already parsed envelope element. */
    public static SoapMessage read(Element envelope) {
        String ns = envelope.getNamespaceURI();
        if (!"Envelope".equals(envelope.getLocalName())
                || !(Namespaces.SOAP12.equals(ns) || Namespaces.SOAP11.equals(ns))) {
            throw new SoapProtocolException("not a SOAP envelope: root element is " + envelope.getLocalName()
                    + " in namespace " + (ns == null ? "(none)" : ns));
        }
        Optional<Element> header = Xml.child(envelope, ns, "Header");
        Element body = Xml.child(envelope, ns, "Body")
                .orElseThrow(() -> new SoapProtocolException("SOAP envelope has no Body"));
        Optional<Element> content = Xml.childElements(body).stream().findFirst();
        Optional<SoapFault> fault = content.filter(c -> Xml.is(c, ns, "Fault")).map(c -> SoapFault.read(c, ns));
        return new SoapMessage(ns, header, content, fault);
    }
}
