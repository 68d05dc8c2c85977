package org.cctvgateway.onvif.discovery;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import javax.xml.namespace.QName;

/**
 * What a WS-Discovery target service says about itself in a ProbeMatch or Hello (WS-Discovery
 * 2005/04 §4.1, §5.3).
 *
 * @param endpointReference the stable identity of the device, normally {@code urn:uuid:...}; may be empty
 *     when a broken firmware leaves it out
 * @param types the service types, e.g. {@code dn:NetworkVideoTransmitter}
 * @param scopes the scopes as written (URIs, not decoded)
 * @param xaddrs the transport addresses (the ONVIF device service URLs); one XAddrs element may hold several
 * @param metadataVersion the device's metadata version, 0 when absent
 */
public record DiscoveryEndpoint(String endpointReference, List<QName> types, List<String> scopes, List<URI> xaddrs,
        long metadataVersion) {
    public DiscoveryEndpoint {
        Objects.requireNonNull(endpointReference, "endpointReference");
        types = List.copyOf(types);
        scopes = List.copyOf(scopes);
        xaddrs = List.copyOf(xaddrs);
        if (metadataVersion < 0) {
            throw new IllegalArgumentException("metadataVersion " + metadataVersion + " must be >= 0");
        }
    }

    /** True when a type is the ONVIF NetworkVideoTransmitter or Device type. */
    public boolean isOnvif() {
        return types.stream().anyMatch(t -> WsDiscoveryCodec.NVT.equals(t) || WsDiscoveryCodec.DEVICE.equals(t));
    }

    /**
     * True when this endpoint matches a probe for {@code wanted} types: every wanted type must be
     * among ours (WS-Discovery §5.1); an empty list matches everything.
     */
    public boolean matchesTypes(List<QName> wanted) {
        return types.containsAll(wanted);
    }

    /** True when every probed scope is one of ours (RFC 3986 match rule, simplified to equality). */
    public boolean matchesScopes(List<String> wanted) {
        return scopes.containsAll(wanted);
    }
}
