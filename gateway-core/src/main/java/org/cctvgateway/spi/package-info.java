/**
 * The ports through which the gateway meets the outside: stream sources (cameras) and, in later
 * layers, camera adapters, discovery providers and publishers. Implementations live in the
 * adapter modules and are found through {@link java.util.ServiceLoader}; nothing here knows a
 * protocol.
 */
package org.cctvgateway.spi;
