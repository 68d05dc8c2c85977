package org.cctvgateway.onvif.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.namespace.QName;
import org.cctvgateway.onvif.soap.SafeXml;
import org.cctvgateway.onvif.soap.SoapProtocolException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads and writes WS-Discovery 2005/04 messages (the version ONVIF Core §7.3 requires) in SOAP
 * 1.2 envelopes.
 *
 * <p>Parsing is namespace-aware and tolerant the way real firmware needs: any envelope prefix,
 * WS-Addressing 2004/08 or 2005/08 headers, the WS-Discovery 1.1 (2009/01) namespace some newer
 * firmware answers in, XAddrs and Scopes separated by any whitespace including line breaks, and
 * type prefixes that were never declared (seen on low-cost OEM firmware; the type is then matched
 * by its local name). It is strict on size:
 * <table>
 * <caption>Limits</caption>
 * <tr><th>what</th><th>limit</th></tr>
 * <tr><td>datagram</td><td>{@value #MAX_DATAGRAM_BYTES} bytes</td></tr>
 * <tr><td>matches in one ProbeMatches</td><td>{@value #MAX_MATCHES}</td></tr>
 * <tr><td>types, scopes, xaddrs per endpoint</td><td>{@value #MAX_LIST_ITEMS} each</td></tr>
 * <tr><td>one scope, xaddr or reference</td><td>{@value #MAX_ITEM_CHARS} characters</td></tr>
 * </table>
 * Anything else throws {@link WsDiscoveryProtocolException}, never another runtime exception.
 */
public final class WsDiscoveryCodec {
    /** A WS-Discovery message must fit one UDP datagram; real ProbeMatches are 1-3 KiB. */
    public static final int MAX_DATAGRAM_BYTES = 32 * 1024;
    public static final int MAX_MATCHES = 16;
    public static final int MAX_LIST_ITEMS = 32;
    public static final int MAX_ITEM_CHARS = 1024;

    public static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    public static final String WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public static final String WSD = "http://schemas.xmlsoap.org/ws/2005/04/discovery";
    static final String WSD11 = "http://docs.oasis-open.org/ws-dd/ns/discovery/2009/01";
    public static final String DN = "http://www.onvif.org/ver10/network/wsdl";
    public static final String TDS = "http://www.onvif.org/ver10/device/wsdl";
    public static final QName NVT = new QName(DN, "NetworkVideoTransmitter", "dn");
    public static final QName DEVICE = new QName(TDS, "Device", "tds");
    /** The To of multicast messages (§2.4). */
    static final String DISCOVERY_URN = "urn:schemas-xmlsoap-org:ws:2005:04:discovery";
    static final String ANONYMOUS = WSA + "/role/anonymous";

    private WsDiscoveryCodec() {
    }

    // ---------------------------------------------------------------- parsing

    /**
     * Parses one datagram.
     *
     * @throws WsDiscoveryProtocolException if it is too large, not XML, or not a Probe, ProbeMatches,
     *     Hello or Bye
     */
    public static WsDiscoveryMessage parse(byte[] datagram, int length) {
        if (length > MAX_DATAGRAM_BYTES) {
            throw new WsDiscoveryProtocolException("WS-Discovery datagram is " + length + " bytes, limit is "
                    + MAX_DATAGRAM_BYTES);
        }
        if (length < 0 || length > datagram.length) {
            throw new IllegalArgumentException("length " + length + " is outside 0.." + datagram.length);
        }
        Document doc;
        try {
            doc = SafeXml.parse(Arrays.copyOf(datagram, length), MAX_DATAGRAM_BYTES);
        } catch (SoapProtocolException e) {
            throw new WsDiscoveryProtocolException(e.getMessage(), e);
        }
        Element envelope = doc.getDocumentElement();
        if (!SOAP12.equals(envelope.getNamespaceURI()) || !"Envelope".equals(envelope.getLocalName())) {
            throw new WsDiscoveryProtocolException("root element is " + describe(envelope)
                    + ", expected a SOAP 1.2 Envelope");
        }
        Element header = child(envelope, SOAP12, "Header");
        Element body = child(envelope, SOAP12, "Body");
        if (body == null) {
            throw new WsDiscoveryProtocolException("SOAP envelope has no Body");
        }
        Element payload = firstElement(body);
        if (payload == null || !isWsd(payload.getNamespaceURI())) {
            throw new WsDiscoveryProtocolException("SOAP Body holds "
                    + (payload == null ? "nothing" : describe(payload))
                    + ", not a WS-Discovery message");
        }
        String messageId = header == null ? "" : headerText(header, "MessageID");
        switch (payload.getLocalName()) {
            case "Probe":
                return new WsDiscoveryMessage.Probe(messageId, qnames(payload, "Types"), words(payload, "Scopes"));
            case "ProbeMatches":
                return probeMatches(messageId, header == null ? "" : headerText(header, "RelatesTo"), payload);
            case "Hello":
                return new WsDiscoveryMessage.Hello(messageId, endpoint(payload));
            case "Bye":
                return new WsDiscoveryMessage.Bye(messageId, endpoint(payload));
            default:
                throw new WsDiscoveryProtocolException("unsupported WS-Discovery message " + describe(payload));
        }
    }

    private static WsDiscoveryMessage.ProbeMatches probeMatches(String messageId, String relatesTo, Element payload) {
        List<DiscoveryEndpoint> matches = new ArrayList<>();
        for (Node n = payload.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && isWsd(e.getNamespaceURI()) && "ProbeMatch".equals(e.getLocalName())) {
                if (matches.size() == MAX_MATCHES) {
                    throw new WsDiscoveryProtocolException("ProbeMatches holds more than " + MAX_MATCHES + " matches");
                }
                matches.add(endpoint(e));
            }
        }
        return new WsDiscoveryMessage.ProbeMatches(messageId, relatesTo, matches);
    }

    private static DiscoveryEndpoint endpoint(Element e) {
        String epr = "";
        Element ref = childByLocalName(e, "EndpointReference");
        if (ref != null) {
            epr = bounded("EndpointReference", text(childByLocalName(ref, "Address")));
        }
        List<URI> xaddrs = new ArrayList<>();
        for (String s : words(e, "XAddrs")) {
            try {
                URI uri = new URI(s);
                if (uri.getScheme() != null && uri.getHost() != null) {
                    xaddrs.add(uri);
                }
            } catch (URISyntaxException ignored) {
                // A malformed address among good ones is dropped; the others still work.
            }
        }
        long version = 0;
        String mv = text(wsdChild(e, "MetadataVersion"));
        if (!mv.isEmpty()) {
            try {
                version = Math.max(0, Long.parseLong(mv));
            } catch (NumberFormatException ignored) {
                // Optional and informational: a garbled version is treated as absent.
                version = 0;
            }
        }
        return new DiscoveryEndpoint(epr, qnames(e, "Types"), words(e, "Scopes"), xaddrs, version);
    }

    private static List<QName> qnames(Element parent, String name) {
        Element el = wsdChild(parent, name);
        List<QName> out = new ArrayList<>();
        for (String word : words(parent, name)) {
            int colon = word.indexOf(':');
            String prefix = colon < 0 ? null : word.substring(0, colon);
            String local = word.substring(colon + 1);
            String ns = el.lookupNamespaceURI(prefix);
            if (ns == null) {
                // Undeclared prefix (OEM firmware): match the ONVIF types by local name.
                ns = local.equals(NVT.getLocalPart()) ? DN : local.equals(DEVICE.getLocalPart()) ? TDS : "";
            }
            out.add(new QName(ns, local, prefix == null ? "" : prefix));
        }
        return out;
    }

    private static List<String> words(Element parent, String name) {
        String text = text(wsdChild(parent, name));
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                if (out.size() == MAX_LIST_ITEMS) {
                    throw new WsDiscoveryProtocolException(name + " holds more than " + MAX_LIST_ITEMS + " items");
                }
                out.add(bounded(name, text.substring(start, i)));
            }
        }
        return out;
    }

    private static String bounded(String what, String value) {
        if (value.length() > MAX_ITEM_CHARS) {
            throw new WsDiscoveryProtocolException(what + " item is " + value.length() + " characters, limit is "
                    + MAX_ITEM_CHARS);
        }
        return value;
    }

    private static String headerText(Element header, String localName) {
        return bounded(localName, text(childByLocalName(header, localName)));
    }

    private static boolean isWsd(String ns) {
        return WSD.equals(ns) || WSD11.equals(ns);
    }

    private static Element wsdChild(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && isWsd(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    private static Element child(Element parent, String ns, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    private static Element childByLocalName(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static String text(Element e) {
        return e == null ? "" : e.getTextContent().strip();
    }

    private static String describe(Element e) {
        String ns = e.getNamespaceURI();
        return "{" + (ns == null ? "" : ns) + "}" + e.getLocalName();
    }

    // ---------------------------------------------------------------- writing

    /** A multicast or directed Probe for the given types (prefixes dn and tds are declared). */
    public static byte[] probe(String messageId, List<QName> types) {
        StringBuilder sb = open(WSD + "/Probe", messageId, DISCOVERY_URN, "");
        sb.append("<s:Body><d:Probe>");
        if (!types.isEmpty()) {
            sb.append("<d:Types>").append(typeList(types)).append("</d:Types>");
        }
        sb.append("</d:Probe></s:Body></s:Envelope>");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A ProbeMatches with one match, answering the probe {@code relatesTo}. */
    public static byte[] probeMatches(String messageId, String relatesTo, DiscoveryEndpoint endpoint) {
        StringBuilder sb = open(WSD + "/ProbeMatches", messageId, ANONYMOUS, relatesTo);
        sb.append("<s:Body><d:ProbeMatches><d:ProbeMatch>");
        endpointBody(sb, endpoint);
        sb.append("</d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A multicast Hello announcing {@code endpoint}. */
    public static byte[] hello(String messageId, DiscoveryEndpoint endpoint) {
        StringBuilder sb = open(WSD + "/Hello", messageId, DISCOVERY_URN, "");
        sb.append("<s:Body><d:Hello>");
        endpointBody(sb, endpoint);
        sb.append("</d:Hello></s:Body></s:Envelope>");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A multicast Bye for {@code endpoint} (only its reference is sent, §4.2). */
    public static byte[] bye(String messageId, DiscoveryEndpoint endpoint) {
        StringBuilder sb = open(WSD + "/Bye", messageId, DISCOVERY_URN, "");
        sb.append("<s:Body><d:Bye><a:EndpointReference><a:Address>").append(escape(endpoint.endpointReference()))
                .append("</a:Address></a:EndpointReference></d:Bye></s:Body></s:Envelope>");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static StringBuilder open(String action, String messageId, String to, String relatesTo) {
        StringBuilder sb = new StringBuilder(1024);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .append("<s:Envelope xmlns:s=\"").append(SOAP12).append("\" xmlns:a=\"").append(WSA)
                .append("\" xmlns:d=\"").append(WSD).append("\" xmlns:dn=\"").append(DN)
                .append("\" xmlns:tds=\"").append(TDS).append("\"><s:Header>")
                .append("<a:Action s:mustUnderstand=\"1\">").append(action).append("</a:Action>")
                .append("<a:MessageID>").append(escape(messageId)).append("</a:MessageID>");
        if (!relatesTo.isEmpty()) {
            sb.append("<a:RelatesTo>").append(escape(relatesTo)).append("</a:RelatesTo>");
        }
        sb.append("<a:To s:mustUnderstand=\"1\">").append(to).append("</a:To></s:Header>");
        return sb;
    }

    private static void endpointBody(StringBuilder sb, DiscoveryEndpoint e) {
        sb.append("<a:EndpointReference><a:Address>").append(escape(e.endpointReference()))
                .append("</a:Address></a:EndpointReference>");
        sb.append("<d:Types>").append(typeList(e.types())).append("</d:Types>");
        sb.append("<d:Scopes>").append(escape(String.join(" ", e.scopes()))).append("</d:Scopes>");
        List<String> xaddrs = e.xaddrs().stream().map(URI::toASCIIString).toList();
        sb.append("<d:XAddrs>").append(escape(String.join(" ", xaddrs))).append("</d:XAddrs>");
        sb.append("<d:MetadataVersion>").append(e.metadataVersion()).append("</d:MetadataVersion>");
    }

    /** Types are written with the prefixes declared on the envelope; other namespaces are refused. */
    private static String typeList(List<QName> types) {
        StringBuilder sb = new StringBuilder();
        for (QName t : types) {
            String prefix;
            if (DN.equals(t.getNamespaceURI())) {
                prefix = "dn";
            } else if (TDS.equals(t.getNamespaceURI())) {
                prefix = "tds";
            } else {
                throw new IllegalArgumentException("type " + t + " is not in the dn or tds namespace");
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(prefix).append(':').append(escape(t.getLocalPart()));
        }
        return sb.toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
