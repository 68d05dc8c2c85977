package org.cctvgateway.onvif.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * A namespace-aware DOM parser hardened for XML from the network.
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>what</th><th>default</th></tr>
 *   <tr><td>input size</td><td>{@value #DEFAULT_MAX_BYTES} bytes (1 MiB), set per call</td></tr>
 *   <tr><td>element depth</td><td>{@value #MAX_DEPTH}</td></tr>
 *   <tr><td>DOCTYPE, DTDs, external entities, XInclude</td><td>refused</td></tr>
 * </table>
 *
 * <p>A DOCTYPE is refused outright rather than ignored: no ONVIF or WS-Discovery message has
 * one, and refusing it closes entity expansion ("billion laughs") and XXE at once. Thread-safe.
 */
public final class SafeXml {
    /** Default input limit, 1 MiB: a real GetProfiles reply with 16 profiles is about 60 KB. */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;
    /** Maximum element nesting; SOAP replies nest about 12 deep. */
    public static final int MAX_DEPTH = 64;

    private static final ErrorHandler STRICT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // warnings (unknown encodings declared twice and the like) do not make a message unusable
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private final DocumentBuilderFactory factory;

    private SafeXml() {
        factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setValidating(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setAttribute("jdk.xml.maxElementDepth", Integer.toString(MAX_DEPTH));
    }

    private static final SafeXml INSTANCE = new SafeXml();

    /** Parses {@code xml}, refusing it when longer than {@link #DEFAULT_MAX_BYTES}. */
    public static Document parse(byte[] xml) {
        return parse(xml, DEFAULT_MAX_BYTES);
    }

    /**
     * Parses {@code xml} into a namespace-aware DOM.
     *
     * @throws SoapProtocolException when the input is longer than {@code maxBytes}, not well-formed,
     *     nested deeper than {@link #MAX_DEPTH}, or has a DOCTYPE
     */
    public static Document parse(byte[] xml, int maxBytes) {
        if (xml.length > maxBytes) {
            throw new SoapProtocolException("XML message is " + xml.length + " bytes, limit is " + maxBytes);
        }
        if (xml.length == 0) {
            throw new SoapProtocolException("XML message is empty");
        }
        return INSTANCE.doParse(new InputSource(new ByteArrayInputStream(xml)));
    }

    /** Parses a string already in memory (tests, configuration); same limits, counted in chars. */
    public static Document parse(String xml, int maxChars) {
        if (xml.length() > maxChars) {
            throw new SoapProtocolException("XML message is " + xml.length() + " characters, limit is " + maxChars);
        }
        return INSTANCE.doParse(new InputSource(new StringReader(xml)));
    }

    private Document doParse(InputSource source) {
        try {
            DocumentBuilder builder;
            synchronized (factory) {
                builder = factory.newDocumentBuilder();
            }
            builder.setErrorHandler(STRICT);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity " + systemId + " refused");
            });
            return builder.parse(source);
        } catch (SAXException e) {
            throw new SoapProtocolException("XML message is not well-formed: " + oneLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new SoapProtocolException("XML message cannot be decoded: " + oneLine(e.getMessage()), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser configuration failed", e);
        } catch (RuntimeException e) {
            // The JDK parser has thrown unchecked exceptions on some malformed encodings; input
            // errors stay input errors.
            throw new SoapProtocolException("XML message is not well-formed: " + e, e);
        }
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.replace('\n', ' ').replace('\r', ' ');
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
