package org.cctvgateway.registry;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of a registry mutation: the snapshot now in force (already durable on disk) and what
 * changed, or no change when the request asked for what was already so (suspending a suspended camera).
 */
public record RegistryUpdate(RegistrySnapshot snapshot, Optional<RegistryChange> change) {
    public RegistryUpdate {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(change, "change");
    }

    /** True when the registry changed (and was written). */
    public boolean changed() {
        return change.isPresent();
    }
}
