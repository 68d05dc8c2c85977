package org.cctvgateway.onvif.discovery;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.cctvgateway.spi.DiscoveredDevice;

/** Turns a WS-Discovery endpoint, heard from an address, into the SPI's {@link DiscoveredDevice}. */
final class WsDiscoveryDevices {
    private WsDiscoveryDevices() {
    }

    static DiscoveredDevice toDevice(DiscoveryEndpoint e, InetAddress source, String method) {
        String address = source.getHostAddress();
        return new DiscoveredDevice(address, port(e.xaddrs(), address), method,
                Optional.of(e.endpointReference()).filter(s -> !s.isBlank()), e.xaddrs(), e.scopes(),
                ScopeHints.parse(e.scopes()), e.isOnvif() || ScopeHints.hasOnvifScope(e.scopes()));
    }

    /**
     * The port of the device service: that of the XAddr on the address we heard from, else of the
     * first XAddr. Firmware often lists an IPv6 link-local XAddr beside the IPv4 one (Hikvision,
     * Axis), and NATed or multi-homed devices list addresses we cannot reach.
     */
    private static OptionalInt port(List<URI> xaddrs, String address) {
        URI pick = xaddrs.stream().filter(u -> address.equals(u.getHost())).findFirst()
                .orElse(xaddrs.isEmpty() ? null : xaddrs.get(0));
        if (pick == null) {
            return OptionalInt.empty();
        }
        int port = pick.getPort();
        if (port > 0 && port <= 65535) {
            return OptionalInt.of(port);
        }
        return "https".equalsIgnoreCase(pick.getScheme()) ? OptionalInt.of(443) : OptionalInt.of(80);
    }
}
