package org.cctvgateway.onvif.client;

import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.function.Function;
import org.cctvgateway.onvif.client.OnvifCallException.Kind;
import org.cctvgateway.onvif.soap.SafeXml;
import org.cctvgateway.onvif.soap.SoapEnvelope;
import org.cctvgateway.onvif.soap.SoapMessage;
import org.cctvgateway.onvif.soap.SoapProtocolException;
import org.cctvgateway.onvif.soap.UsernameToken;
import org.cctvgateway.spi.Credentials;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Makes one ONVIF call at a time: builds the envelope with a WS-Security UsernameToken dated on
 * the camera's clock (local clock plus {@link #tokenOffset}), posts it, and reads the reply into
 * a record through the given parser. Every failure is an {@link OnvifCallException} with a
 * {@link Kind}. Blocking; not for event loops. Not thread-safe (one probe at a time).
 */
public final class OnvifClient {
    private final SoapHttpTransport transport;
    private final Credentials credentials;
    private final InstantSource clock;
    private final int maxReplyBytes;
    private Duration tokenOffset = Duration.ZERO;

    public OnvifClient(SoapHttpTransport transport, Credentials credentials, InstantSource clock, int maxReplyBytes) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxReplyBytes = maxReplyBytes;
    }

    /** Camera clock minus local clock, used to date tokens. */
    public void tokenOffset(Duration offset) {
        this.tokenOffset = Objects.requireNonNull(offset, "offset");
    }

    public Duration tokenOffset() {
        return tokenOffset;
    }

    /**
     * Calls {@code ns}:{@code operation} at {@code service} and parses its {@code operationResponse}.
     *
     * @param innerXml the operation's children, values already escaped with
     *     {@link org.cctvgateway.onvif.soap.Xml#escape}
     * @param authenticated whether to send the UsernameToken (and answer an HTTP Digest challenge)
     */
    public <T> T call(URI service, String ns, String operation, String innerXml, boolean authenticated,
            Function<Element, T> parser) {
        boolean auth = authenticated && !credentials.isEmpty();
        String header = auth ? UsernameToken.digest(credentials.username(), credentials.password(),
                clock.instant().plus(tokenOffset)).toHeaderXml() : "";
        String body = "<" + operation + " xmlns=\"" + ns + "\">" + innerXml + "</" + operation + ">";
        byte[] envelope = SoapEnvelope.build(header, body);
        SoapHttpTransport.Reply reply = transport.post(service, ns + "/" + operation, envelope,
                auth ? credentials.username() : "", credentials.password());
        String where = operation + " at " + SoapHttpTransport.display(service);
        SoapMessage message = read(reply, where);
        if (message.fault().isPresent()) {
            var fault = message.fault().get();
            Kind kind = fault.notAuthorized() ? Kind.NOT_AUTHORIZED : Kind.FAULT;
            throw new OnvifCallException(kind, where + " answered with SOAP fault " + fault.oneLine(), reply.status(),
                    fault, null);
        }
        try {
            Element response = message.expectBody(ns, operation + "Response");
            return parser.apply(response);
        } catch (SoapProtocolException e) {
            throw new OnvifCallException(Kind.MALFORMED, where + ": " + e.getMessage(), reply.status(), null, e);
        }
    }

    private SoapMessage read(SoapHttpTransport.Reply reply, String where) {
        int status = reply.status();
        if (status == 401) {
            throw new OnvifCallException(Kind.NOT_AUTHORIZED, where + " answered HTTP 401", status, null, null);
        }
        if (status == 403) {
            throw new OnvifCallException(Kind.FORBIDDEN, where + " answered HTTP 403", status, null, null);
        }
        if (SoapHttpTransport.looksLikeHtml(reply)) {
            throw new OnvifCallException(Kind.NOT_SOAP, where + " answered HTTP " + status + " with a web page, not SOAP",
                    status, null, null);
        }
        if (reply.body().length == 0) {
            Kind kind = status == 200 ? Kind.MALFORMED : Kind.NOT_SOAP;
            throw new OnvifCallException(kind, where + " answered HTTP " + status + " with an empty body", status, null,
                    null);
        }
        Document doc;
        try {
            doc = SafeXml.parse(reply.body(), maxReplyBytes);
        } catch (SoapProtocolException e) {
            boolean xmlish = reply.contentType().contains("xml") || firstNonSpace(reply.body()) == '<';
            Kind kind = status >= 300 || !xmlish ? Kind.NOT_SOAP : Kind.MALFORMED;
            throw new OnvifCallException(kind, where + " answered HTTP " + status + ": " + e.getMessage(), status, null,
                    e);
        }
        try {
            return SoapEnvelope.read(doc.getDocumentElement());
        } catch (SoapProtocolException e) {
            boolean envelope = "Envelope".equals(doc.getDocumentElement().getLocalName());
            throw new OnvifCallException(envelope ? Kind.MALFORMED : Kind.NOT_SOAP, where + " answered HTTP " + status
                    + ": " + e.getMessage(), status, null, e);
        }
    }

    private static int firstNonSpace(byte[] body) {
        for (int i = 0; i < body.length && i < 1024; i++) {
            if (!Character.isWhitespace(body[i]) && body[i] != (byte) 0xEF && body[i] != (byte) 0xBB
                    && body[i] != (byte) 0xBF) {
                return body[i];
            }
        }
        return -1;
    }
}
