/**
 * The ONVIF client: SOAP over HTTP with a timeout on every call and a bounded reply size, WS-Security
 * UsernameToken dated on the camera's clock and HTTP Digest where the camera asks for it, the
 * device, media (ver10) and media2 (ver20) calls a probe needs, and the repairs real firmware
 * needs (stream URIs with credentials or an unusable host, several XAddrs in one string, Media2
 * that is present but incomplete). {@link org.cctvgateway.onvif.client.OnvifProbe} turns all of
 * it into a {@link org.cctvgateway.spi.ProbeResult}. Blocking; run it on a worker thread.
 */
package org.cctvgateway.onvif.client;
