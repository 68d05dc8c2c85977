/**
 * The gateway's error types: one unchecked root, {@link org.cctvgateway.GatewayException},
 * carrying a message with the values involved and a hint saying what to do next, and its
 * subtypes for configuration, adapters and storage. Protocol decoders raise
 * {@code DecoderException} subclasses of their own modules instead.
 */
package org.cctvgateway;
