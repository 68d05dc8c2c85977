/**
 * The ports through which the gateway meets the outside: stream sources (cameras), camera
 * adapters that probe a device into a {@link org.cctvgateway.spi.CameraDescription}, and
 * discovery providers that find devices. Providers are found through
 * {@link java.util.ServiceLoader}; every call takes one request record and expected failures
 * come back as values ({@link org.cctvgateway.spi.ProbeResult}), never exceptions. Nothing
 * here knows a protocol.
 */
package org.cctvgateway.spi;
