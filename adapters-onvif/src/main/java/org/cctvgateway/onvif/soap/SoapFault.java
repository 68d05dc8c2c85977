package org.cctvgateway.onvif.soap;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;

/**
 * A SOAP fault: SOAP 1.2 {@code Code/Value}, nested {@code Subcode/Value}s and {@code Reason/Text},
 * or SOAP 1.1 {@code faultcode} and {@code faultstring}. Code values are QNames resolved against
 * the namespace declarations in scope, so {@code ter:NotAuthorized} matches whatever the prefix.
 *
 * @param code the top code ({@code env:Sender}, {@code env:Receiver}...)
 * @param subcodes the subcodes, outermost first (ONVIF: {@code ter:NotAuthorized}, {@code ter:InvalidArgVal}...)
 * @param reason the first Reason text, "" when none
 */
public record SoapFault(QName code, List<QName> subcodes, String reason) {
    /** Subcode depth limit; ONVIF uses two levels. */
    static final int MAX_SUBCODES = 8;

    public SoapFault {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(reason, "reason");
        subcodes = List.copyOf(subcodes);
    }

    /** True when the code or any subcode is {@code ns}:{@code local}. */
    public boolean has(String ns, String local) {
        QName q = new QName(ns, local);
        return code.equals(q) || subcodes.contains(q);
    }

    /**
     * True when the camera says the caller is not authorized: ONVIF's {@code ter:NotAuthorized},
     * or, from firmware that sends a bare {@code Sender} fault, a reason that says so (seen as
     * "Sender not Authorized" and "The action requested requires authorization").
     */
    public boolean notAuthorized() {
        if (has(Namespaces.TER, "NotAuthorized") || subcodes.stream().anyMatch(q -> "NotAuthorized".equals(q
                .getLocalPart()))) {
            return true;
        }
        String r = reason.toLowerCase(java.util.Locale.ROOT);
        return r.contains("not authorized") || r.contains("requires authorization") || r.contains("unauthorized");
    }

    /** The fault on one line: {@code Sender/ter:NotAuthorized: Sender not Authorized}. */
    public String oneLine() {
        StringBuilder b = new StringBuilder(code.getLocalPart());
        for (QName q : subcodes) {
            b.append('/').append(q.getLocalPart());
        }
        if (!reason.isEmpty()) {
            b.append(": ").append(reason.length() > 200 ? reason.substring(0, 200) + "..." : reason);
        }
        return b.toString();
    }

    /** Reads a Fault element of either SOAP version. */
    static SoapFault read(Element fault, String soapNs) {
        if (Namespaces.SOAP11.equals(soapNs)) {
            Element faultcode = Xml.child(fault, Xml.ANY_NS, "faultcode")
                    .orElseThrow(() -> new SoapProtocolException("SOAP 1.1 Fault has no faultcode"));
            return new SoapFault(qname(faultcode), List.of(), Xml.childText(fault, Xml.ANY_NS, "faultstring"));
        }
        Element codeEl = Xml.child(fault, soapNs, "Code")
                .orElseThrow(() -> new SoapProtocolException("SOAP Fault has no Code"));
        QName code = qname(Xml.child(codeEl, soapNs, "Value")
                .orElseThrow(() -> new SoapProtocolException("SOAP Fault Code has no Value")));
        List<QName> subcodes = new ArrayList<>();
        Optional<Element> sub = Xml.child(codeEl, soapNs, "Subcode");
        while (sub.isPresent()) {
            if (subcodes.size() == MAX_SUBCODES) {
                throw new SoapProtocolException("SOAP Fault nests more than " + MAX_SUBCODES + " Subcodes");
            }
            Optional<Element> value = Xml.child(sub.get(), soapNs, "Value");
            if (value.isEmpty()) {
                break;
            }
            subcodes.add(qname(value.get()));
            sub = Xml.child(sub.get(), soapNs, "Subcode");
        }
        String reason = Xml.child(fault, soapNs, "Reason").flatMap(r -> Xml.child(r, soapNs, "Text"))
                .map(Xml::text).orElse("");
        return new SoapFault(code, subcodes, reason);
    }

    /** Resolves a {@code prefix:local} text value against the element's namespace scope. */
    private static QName qname(Element valueElement) {
        String value = Xml.text(valueElement);
        int colon = value.indexOf(':');
        String prefix = colon < 0 ? null : value.substring(0, colon);
        String local = colon < 0 ? value : value.substring(colon + 1);
        String ns = valueElement.lookupNamespaceURI(prefix);
        return new QName(ns == null ? "" : ns, local);
    }
}
