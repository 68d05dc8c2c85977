/**
 * The registry of what a gateway serves: sites (the premises), their cameras (probe description,
 * placement, stream roles, last compliance summary, state) and the owner's consent and sharing choice
 * for each camera. {@link org.cctvgateway.registry.RegistrySnapshot}s are immutable;
 * {@link org.cctvgateway.registry.RegistryStore} validates every change, writes {@code DATA/registry.yaml}
 * atomically before acknowledging it, and returns the new snapshot with a
 * {@link org.cctvgateway.registry.RegistryChange} saying what changed. Passwords are never here: they
 * live in {@code org.cctvgateway.vault}.
 */
package org.cctvgateway.registry;
