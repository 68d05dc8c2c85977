package org.cctvgateway.onvif.discovery;

import java.util.List;
import java.util.Objects;
import javax.xml.namespace.QName;

/** The WS-Discovery messages this package reads and writes. */
public sealed interface WsDiscoveryMessage permits WsDiscoveryMessage.Probe, WsDiscoveryMessage.ProbeMatches,
        WsDiscoveryMessage.Hello, WsDiscoveryMessage.Bye {

    /** The WS-Addressing MessageID, {@code urn:uuid:...}. */
    String messageId();

    /** A client looking for services of the given types and scopes (§5.2). */
    record Probe(String messageId, List<QName> types, List<String> scopes) implements WsDiscoveryMessage {
        public Probe {
            Objects.requireNonNull(messageId, "messageId");
            types = List.copyOf(types);
            scopes = List.copyOf(scopes);
        }
    }

    /** The answer to a probe, unicast to the prober; {@code relatesTo} is the probe's MessageID (§5.3). */
    record ProbeMatches(String messageId, String relatesTo, List<DiscoveryEndpoint> matches)
            implements WsDiscoveryMessage {
        public ProbeMatches {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(relatesTo, "relatesTo");
            matches = List.copyOf(matches);
        }
    }

    /** A service joining the network (§4.1). */
    record Hello(String messageId, DiscoveryEndpoint endpoint) implements WsDiscoveryMessage {
        public Hello {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }

    /** A service leaving the network (§4.2); only the endpoint reference is required. */
    record Bye(String messageId, DiscoveryEndpoint endpoint) implements WsDiscoveryMessage {
        public Bye {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(endpoint, "endpoint");
        }
    }
}
