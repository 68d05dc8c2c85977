/**
 * A server-side ONVIF Device and Media service (the Profile S subset the gateway's own client
 * uses), so simulated cameras, and the gateway presented as a camera, answer ONVIF. Requests are
 * size-limited and parsed with {@link org.cctvgateway.onvif.soap.SafeXml}; every call except the
 * ONVIF pre-authentication ones needs a WS-UsernameToken digest, checked for the password, the
 * created-time window and nonce replay. Failures are SOAP 1.2 faults with ONVIF subcodes.
 * {@link org.cctvgateway.onvif.device.SimulatedOnvifCamera} bundles the service with the
 * WS-Discovery responder and the mDNS advertiser for one simulated camera.
 */
package org.cctvgateway.onvif.device;
