package org.cctvgateway.onvif.device;

import io.micrometer.core.instrument.Clock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.URLEncoder;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.cctvgateway.onvif.discovery.DiscoveryEndpoint;
import org.cctvgateway.onvif.discovery.MdnsAdvertiser;
import org.cctvgateway.onvif.discovery.ResponderLimits;
import org.cctvgateway.onvif.discovery.WsDiscoveryCodec;
import org.cctvgateway.onvif.discovery.WsDiscoveryResponder;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.spi.DeviceIdentity;
import org.cctvgateway.spi.MediaProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated camera's ONVIF face: the device service, a WS-Discovery responder and an mDNS
 * announcement, started and closed together. The RTSP server itself is the simulator's own.
 *
 * <pre>{@code
 * try (SimulatedOnvifCamera cam = SimulatedOnvifCamera.start(new SimulatedOnvifCamera.Settings(
 *         InetAddress.getLoopbackAddress(), 0, identity, List.of(profile), credentials,
 *         NetworkInterface.getByName("lo"), SimulatedOnvifCamera.WS_DISCOVERY_PORT, Optional.empty()))) {
 *     URI onvif = cam.xaddr();
 * }
 * }</pre>
 */
public final class SimulatedOnvifCamera implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SimulatedOnvifCamera.class);
    /** The standard WS-Discovery port. */
    public static final int WS_DISCOVERY_PORT = 3702;

    /**
     * How to start one simulated camera.
     *
     * @param bind the address everything binds to (127.0.0.1 for the simulator)
     * @param httpPort the device service port, 0 for a free one
     * @param identity the camera's identity; each simulated camera should have its own serial
     * @param profiles its media profiles, whose stream URIs point at the simulator's RTSP server
     * @param credentials the ONVIF user, or {@link Credentials#none()} for no authentication
     * @param multicastInterface the interface for WS-Discovery and mDNS (lo for the simulator);
     *     {@code null} for no discovery at all
     * @param discoveryPort the WS-Discovery port, {@link #WS_DISCOVERY_PORT} unless a test needs another
     * @param mdns a shared advertiser to announce on, so many cameras use one jmdns instance; empty for
     *     one of its own (when {@code multicastInterface} is set)
     * @param ntpServers what GetNTP reports; empty for a camera without NTP
     * @param clockOffset how far the camera's clock is from ours (GetSystemDateAndTime and the
     *     UsernameToken check); zero for a correct clock
     */
    public record Settings(InetAddress bind, int httpPort, DeviceIdentity identity, List<MediaProfile> profiles,
            Credentials credentials, NetworkInterface multicastInterface, int discoveryPort,
            Optional<MdnsAdvertiser> mdns, List<String> ntpServers, Duration clockOffset) {
        public Settings {
            Objects.requireNonNull(bind, "bind");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(credentials, "credentials");
            Objects.requireNonNull(mdns, "mdns");
            Objects.requireNonNull(clockOffset, "clockOffset");
            profiles = List.copyOf(profiles);
            ntpServers = List.copyOf(ntpServers);
        }

        /** A camera without NTP whose clock is right. */
        public Settings(InetAddress bind, int httpPort, DeviceIdentity identity, List<MediaProfile> profiles,
                Credentials credentials, NetworkInterface multicastInterface, int discoveryPort,
                Optional<MdnsAdvertiser> mdns) {
            this(bind, httpPort, identity, profiles, credentials, multicastInterface, discoveryPort, mdns, List.of(),
                    Duration.ZERO);
        }
    }

    private final OnvifDeviceService service;
    private final WsDiscoveryResponder responder;
    private final MdnsAdvertiser ownAdvertiser;
    private final String endpointReference;

    private SimulatedOnvifCamera(OnvifDeviceService service, WsDiscoveryResponder responder,
            MdnsAdvertiser ownAdvertiser, String endpointReference) {
        this.service = service;
        this.responder = responder;
        this.ownAdvertiser = ownAdvertiser;
        this.endpointReference = endpointReference;
    }

    /** Starts the device service, then (with an interface) the responder and the mDNS announcement. */
    public static SimulatedOnvifCamera start(Settings s) throws IOException {
        DeviceIdentity id = s.identity();
        String epr = "urn:uuid:" + UUID.nameUUIDFromBytes((id.manufacturer() + "/" + id.model() + "/" + id.serial())
                .getBytes(StandardCharsets.UTF_8));
        List<String> scopes = scopes(id);
        OnvifDeviceConfig config = new OnvifDeviceConfig(id, s.profiles(), s.credentials().username(),
                s.credentials().password(), scopes, s.ntpServers(), s.clockOffset());
        OnvifDeviceService service = OnvifDeviceService.start(s.bind(), s.httpPort(), config);
        if (s.multicastInterface() == null) {
            return new SimulatedOnvifCamera(service, null, null, epr);
        }
        WsDiscoveryResponder responder = null;
        MdnsAdvertiser own = null;
        try {
            DiscoveryEndpoint endpoint = new DiscoveryEndpoint(epr, List.of(WsDiscoveryCodec.NVT,
                    WsDiscoveryCodec.DEVICE), scopes, List.of(service.xaddr()), 1);
            responder = WsDiscoveryResponder.start(endpoint, s.multicastInterface(), s.bind(), s.discoveryPort(),
                    ResponderLimits.defaults(), Clock.SYSTEM);
            MdnsAdvertiser advertiser;
            if (s.mdns().isPresent()) {
                advertiser = s.mdns().get();
            } else {
                own = MdnsAdvertiser.start(s.bind(), "cctv-sim-" + sanitize(id.serial()));
                advertiser = own;
            }
            MediaProfile first = s.profiles().get(0);
            int rtspPort = first.streamUri().getPort() > 0 ? first.streamUri().getPort() : 554;
            String path = first.streamUri().getRawPath() == null ? "/" : first.streamUri().getRawPath();
            advertiser.advertise(id.manufacturer() + " " + id.model() + " (" + id.serial() + ")", rtspPort, path,
                    service.port(), id.manufacturer(), id.model(), epr);
            return new SimulatedOnvifCamera(service, responder, own, epr);
        } catch (IOException | RuntimeException e) {
            if (own != null) {
                own.close();
            }
            if (responder != null) {
                responder.close();
            }
            service.close();
            throw e;
        }
    }

    /** ONVIF scopes: type, Profile S, name ("Manufacturer Model"), hardware (the model). */
    static List<String> scopes(DeviceIdentity id) {
        String name = (id.manufacturer() + " " + id.model()).strip();
        return List.of("onvif://www.onvif.org/type/video_encoder", "onvif://www.onvif.org/Profile/Streaming",
                "onvif://www.onvif.org/name/" + encode(name), "onvif://www.onvif.org/hardware/" + encode(id.model()),
                "onvif://www.onvif.org/location/city/simulated");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String sanitize(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) ? c : '-');
        }
        return b.length() == 0 ? "camera" : b.toString();
    }

    /** The device service URL. */
    public URI xaddr() {
        return service.xaddr();
    }

    /** The device service port. */
    public int port() {
        return service.port();
    }

    /** The WS-Discovery endpoint reference, stable for one manufacturer/model/serial. */
    public String endpointReference() {
        return endpointReference;
    }

    /** Sends Bye, withdraws the mDNS announcement (if its own) and stops the service; idempotent. */
    @Override
    public void close() {
        if (responder != null) {
            responder.close();
        }
        if (ownAdvertiser != null) {
            ownAdvertiser.close();
        }
        service.close();
        log.debug("simulated ONVIF camera {} closed", endpointReference);
    }
}
