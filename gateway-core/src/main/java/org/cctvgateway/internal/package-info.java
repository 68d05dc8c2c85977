/**
 * Helpers the gateway uses internally and does not offer to integrators: atomic writes of
 * state under the data directory and similar plumbing. Nothing here is a stable API; other
 * modules may use it, but adapters written by third parties should not.
 */
package org.cctvgateway.internal;
