/** The catalog of the gateway's meters ({@link org.cctvgateway.metrics.GatewayMeters}). */
package org.cctvgateway.metrics;
