package org.cctvgateway.spi;

/**
 * The factory side of a camera adapter, found through {@link java.util.ServiceLoader} (register
 * the class in {@code META-INF/services/org.cctvgateway.spi.CameraAdapterProvider}). A provider
 * is stateless and cheap to construct; all state lives in the {@link CameraAdapter}s it creates.
 *
 * <p>The host asks every provider to {@link #match} a target and creates an adapter from the one
 * with the highest {@link MatchConfidence}:
 * <pre>{@code
 * CameraAdapterProvider best = ...; // highest match(target)
 * try (CameraAdapter adapter = best.create(AdapterContext.defaults())) {
 *     ProbeResult result = adapter.probe(new ProbeRequest(target, credentials, Duration.ofSeconds(10)));
 * }
 * }</pre>
 */
public interface CameraAdapterProvider {

    /** A short stable id in lower case: {@code "onvif"}, {@code "rtsp"}, {@code "hikvision"}. */
    String id();

    /** A name for people: {@code "ONVIF (Profile S/T)"}. */
    String displayName();

    /**
     * How sure this provider is that it can handle {@code target}. Must be fast and do no I/O;
     * it looks only at the target's port and discovery information.
     */
    MatchConfidence match(ProbeTarget target);

    /** Creates an adapter for one camera. The caller closes it. */
    CameraAdapter create(AdapterContext context);
}
