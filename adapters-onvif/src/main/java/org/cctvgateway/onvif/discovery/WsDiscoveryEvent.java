package org.cctvgateway.onvif.discovery;

import java.util.Objects;
import org.cctvgateway.spi.DiscoveredDevice;

/**
 * A Hello or Bye heard by a {@link WsDiscoveryProvider#listen listener}.
 *
 * @param kind whether the device arrived or left
 * @param device the device; for a Bye only the address and endpoint reference are filled
 */
public record WsDiscoveryEvent(Kind kind, DiscoveredDevice device) {
    /** Arrived (Hello) or left (Bye). */
    public enum Kind { HELLO, BYE }

    public WsDiscoveryEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(device, "device");
    }
}
