package org.cctvgateway.onvif.soap;

import java.util.Objects;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * A SOAP envelope read by {@link SoapEnvelope#read}. The elements are views into the parsed
 * document; treat them as read-only.
 *
 * @param soapNamespace {@link Namespaces#SOAP12} or {@link Namespaces#SOAP11}
 * @param header the Header element, when there is one
 * @param body the first element inside Body (the operation or its response); empty for an empty Body
 * @param fault the fault, when the body is a Fault
 */
public record SoapMessage(String soapNamespace, Optional<Element> header, Optional<Element> body,
        Optional<SoapFault> fault) {
    public SoapMessage {
        Objects.requireNonNull(soapNamespace, "soapNamespace");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(fault, "fault");
    }

    /** True when the body is named {@code ns}:{@code local}. */
    public boolean bodyIs(String ns, String local) {
        return body.filter(b -> Xml.is(b, ns, local)).isPresent();
    }

    /**
     * The body element, which must be named {@code ns}:{@code local}.
     *
     * @throws SoapProtocolException when the body is a fault, empty, or another element
     */
    public Element expectBody(String ns, String local) {
        if (fault.isPresent()) {
            throw new SoapProtocolException("expected " + local + " but got a SOAP fault: " + fault.get().oneLine());
        }
        Element b = body.orElseThrow(() -> new SoapProtocolException("expected " + local + " but the Body is empty"));
        if (!Xml.is(b, ns, local)) {
            throw new SoapProtocolException("expected " + local + " in " + ns + " but the Body holds "
                    + b.getLocalName() + " in " + b.getNamespaceURI());
        }
        return b;
    }
}
