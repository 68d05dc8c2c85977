package org.cctvgateway.registry;

import java.util.Objects;
import java.util.Optional;
import org.cctvgateway.GatewayException;

/**
 * A premises whose cameras the gateway serves.
 *
 * @param id see {@link Ids}
 * @param name a human name, never blank
 * @param owner the owner or responsible person, may be empty
 * @param contact how to reach them (phone, email), may be empty
 */
public record Site(String id, String name, SiteType type, String address, String owner, String contact,
        Optional<GeoPoint> location) {
    public Site {
        Ids.check("site id", id);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(location, "location");
        name = name.strip();
        if (name.isEmpty()) {
            throw new GatewayException("site " + id + " has an empty name", "give a name people recognise, "
                    + "e.g. --name 'Hotel Sunrise'");
        }
    }
}
