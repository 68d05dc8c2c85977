/**
 * Finding cameras on the local network: WS-Discovery (the 2005/04 version ONVIF uses) as a
 * multicast and directed (unicast) prober, a listener for Hello and Bye, and a responder that
 * makes a simulated camera discoverable; and mDNS/DNS-SD browsing and advertising through jmdns.
 * Every datagram is parsed with size limits by {@link org.cctvgateway.onvif.discovery.WsDiscoveryCodec};
 * sockets are bound and send only on the network interface a caller names, and the responder is
 * rate-limited so it cannot be used to amplify traffic.
 */
package org.cctvgateway.onvif.discovery;
