package org.cctvgateway.onvif.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces a simulated camera by mDNS/DNS-SD: an {@code _rtsp._tcp} service for its stream and an
 * {@code _http._tcp} service for its ONVIF device service, both with TXT hints ({@code vendor},
 * {@code model}, {@code path}, {@code epr}). jmdns binds to the given address only (127.0.0.1 in
 * tests). One advertiser may announce several cameras; {@link #close()} withdraws them all.
 */
public final class MdnsAdvertiser implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MdnsAdvertiser.class);

    private final JmDNS jmdns;

    private MdnsAdvertiser(JmDNS jmdns) {
        this.jmdns = jmdns;
    }

    /** Starts jmdns on {@code bindAddress} with the given host name. */
    public static MdnsAdvertiser start(InetAddress bindAddress, String hostName) throws IOException {
        return new MdnsAdvertiser(JmDNS.create(Objects.requireNonNull(bindAddress, "bindAddress"), hostName));
    }

    /**
     * Announces one camera.
     *
     * @param instanceName the DNS-SD instance name, unique per camera ("Acme C10 (SIM0001)")
     * @param rtspPort the RTSP port; {@code rtspPath} its stream path
     * @param httpPort the ONVIF HTTP port, or 0 to announce no {@code _http._tcp} service
     * @param vendor the manufacturer, {@code model} the model
     * @param endpointReference the camera's WS-Discovery endpoint reference, so a discovery that hears both
     *     can tell it is one camera
     */
    public void advertise(String instanceName, int rtspPort, String rtspPath, int httpPort, String vendor, String model,
            String endpointReference) throws IOException {
        Map<String, String> txt = new LinkedHashMap<>();
        txt.put("vendor", vendor);
        txt.put("model", model);
        txt.put("epr", endpointReference);
        Map<String, String> rtspTxt = new LinkedHashMap<>(txt);
        rtspTxt.put("path", rtspPath);
        jmdns.registerService(ServiceInfo.create(MdnsHints.RTSP, instanceName, rtspPort, 0, 0, rtspTxt));
        if (httpPort > 0) {
            Map<String, String> httpTxt = new LinkedHashMap<>(txt);
            httpTxt.put("path", "/onvif/device_service");
            httpTxt.put("onvif", "1");
            jmdns.registerService(ServiceInfo.create(MdnsHints.HTTP, instanceName, httpPort, 0, 0, httpTxt));
        }
        log.info("mDNS: announced '{}' (rtsp port {}, http port {})", instanceName, rtspPort, httpPort);
    }

    /** Withdraws every announcement and stops jmdns; idempotent. */
    @Override
    public void close() {
        try {
            jmdns.unregisterAllServices();
            jmdns.close();
        } catch (IOException e) {
            log.debug("mDNS: close failed: {}", e.toString());
        }
    }
}
