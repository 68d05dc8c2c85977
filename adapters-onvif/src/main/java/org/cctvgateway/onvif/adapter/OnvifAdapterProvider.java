package org.cctvgateway.onvif.adapter;

import org.cctvgateway.spi.AdapterContext;
import org.cctvgateway.spi.CameraAdapter;
import org.cctvgateway.spi.CameraAdapterProvider;
import org.cctvgateway.spi.MatchConfidence;
import org.cctvgateway.spi.ProbeTarget;

/**
 * The ONVIF adapter's provider: CERTAIN for devices discovery marked as ONVIF, LIKELY on the
 * ports ONVIF cameras use (80, 8080, 8000) or the default port, POSSIBLE otherwise.
 */
public final class OnvifAdapterProvider implements CameraAdapterProvider {
    @Override
    public String id() {
        return "onvif";
    }

    @Override
    public String displayName() {
        return "ONVIF (Profile S/T)";
    }

    @Override
    public MatchConfidence match(ProbeTarget target) {
        if (target.discovered().map(d -> d.onvif()).orElse(false)) {
            return MatchConfidence.CERTAIN;
        }
        int port = target.port();
        if (port == 0 || port == 80 || port == 8080 || port == 8000) {
            return MatchConfidence.LIKELY;
        }
        return MatchConfidence.POSSIBLE;
    }

    @Override
    public CameraAdapter create(AdapterContext context) {
        return new OnvifCameraAdapter(context);
    }
}
