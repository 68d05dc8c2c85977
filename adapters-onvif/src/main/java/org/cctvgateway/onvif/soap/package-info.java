/**
 * The SOAP layer shared by the ONVIF client, the device service and WS-Discovery: a hardened
 * XML parser ({@link org.cctvgateway.onvif.soap.SafeXml}: no DTDs, no external entities, a size
 * and depth limit), SOAP 1.2 envelopes built as bytes and read into records
 * ({@link org.cctvgateway.onvif.soap.SoapEnvelope}, {@link org.cctvgateway.onvif.soap.SoapFault}),
 * namespace-aware element lookup that matches namespace URI and local name, never prefixes
 * ({@link org.cctvgateway.onvif.soap.Xml}), and WS-Security UsernameToken creation and
 * verification with a bounded nonce replay cache. Plain classes: bytes and strings in, records out.
 */
package org.cctvgateway.onvif.soap;
