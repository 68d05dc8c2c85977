package org.cctvgateway.registry;

import java.util.Objects;

/**
 * What one registry mutation changed, in a form an audit record takes as it is.
 *
 * @param action what was done: {@code site.add}, {@code site.update}, {@code site.remove},
 *     {@code camera.enroll}, {@code camera.update}, {@code camera.state}, {@code camera.consent},
 *     {@code camera.compliance}, {@code registry.import}
 * @param subject the id of the site or camera changed; empty for {@code registry.import}
 * @param detail one line in plain words ({@code active -> suspended: maintenance}), never a secret
 */
public record RegistryChange(String action, String subject, String detail) {
    public RegistryChange {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(detail, "detail");
    }
}
