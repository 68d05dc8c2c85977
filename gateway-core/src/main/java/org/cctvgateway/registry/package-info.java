/**
 * The registry of what a gateway serves: sites (the premises), their cameras, the owner's consent
 * and sharing choice for each camera. Snapshots are immutable; every change is written to the
 * data directory atomically before it is acknowledged.
 */
package org.cctvgateway.registry;
