/**
 * The gateway assembled from configuration: stream pipelines (source, normalizer, hub), the
 * re-publishing server, metrics and the admin endpoint, on one shared event loop group.
 */
package org.cctvgateway.cli.runtime;
