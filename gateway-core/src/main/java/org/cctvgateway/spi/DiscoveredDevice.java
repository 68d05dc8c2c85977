package org.cctvgateway.spi;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A device that answered discovery.
 *
 * @param address the device's IP literal
 * @param port the service port when discovery told it
 * @param method how it was found: {@code "ws-discovery"}, {@code "ws-discovery-unicast"}, {@code "mdns"}
 * @param endpointReference the WS-Discovery endpoint reference ({@code urn:uuid:...}) when there is one
 * @param xaddrs the service addresses the device announced
 * @param scopes the raw scopes (WS-Discovery) or TXT entries (mDNS)
 * @param hints what the scopes or TXT records say, under the keys {@code vendor}, {@code model},
 *     {@code name}, {@code hardware}, {@code location}, {@code profile}
 * @param onvif true when the device announced itself as an ONVIF device
 */
public record DiscoveredDevice(String address, OptionalInt port, String method, Optional<String> endpointReference,
        List<URI> xaddrs, List<String> scopes, Map<String, String> hints, boolean onvif) {
    public DiscoveredDevice {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(endpointReference, "endpointReference");
        xaddrs = List.copyOf(xaddrs);
        scopes = List.copyOf(scopes);
        hints = Map.copyOf(hints);
        if (address.isBlank()) {
            throw new IllegalArgumentException("address is empty");
        }
        if (port.isPresent() && (port.getAsInt() < 1 || port.getAsInt() > 65535)) {
            throw new IllegalArgumentException("port " + port.getAsInt() + " is outside 1..65535");
        }
    }

    /** The key for de-duplication: the endpoint reference when present, else the address. */
    public String key() {
        return endpointReference.filter(s -> !s.isBlank()).orElse(address);
    }
}
