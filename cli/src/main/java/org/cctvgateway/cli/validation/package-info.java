/**
 * Measurement for {@code cctv-gateway validate}: samples a camera's streams through the gateway's
 * own RTSP client ({@link org.cctvgateway.cli.validation.StreamSampler}), tries the short list of
 * factory-default logins and anonymous access against the one camera being validated
 * ({@link org.cctvgateway.cli.validation.CredentialCheck}), and assembles everything into the
 * {@link org.cctvgateway.validation.CameraFacts} that the pure validation engine judges
 * ({@link org.cctvgateway.cli.validation.CameraFactsCollector}). All I/O of validation lives here;
 * the engine in gateway-core does none.
 */
package org.cctvgateway.cli.validation;
