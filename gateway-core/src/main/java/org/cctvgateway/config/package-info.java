/**
 * The gateway's configuration: YAML read by Jackson into records, each setting documented with
 * its default beside it. {@link org.cctvgateway.config.ConfigLoader} rejects unknown keys and bad
 * values with their key path; nothing is silently clamped.
 */
package org.cctvgateway.config;
