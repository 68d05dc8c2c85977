package org.cctvgateway.onvif.device;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cctvgateway.onvif.soap.Namespaces;
import org.cctvgateway.onvif.soap.SoapEnvelope;
import org.cctvgateway.onvif.soap.SoapMessage;
import org.cctvgateway.onvif.soap.SoapProtocolException;
import org.cctvgateway.onvif.soap.UsernameTokenVerifier;
import org.cctvgateway.onvif.soap.Xml;
import org.cctvgateway.spi.MediaProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;

/**
 * The protocol logic of the device service, free of HTTP: a request body and the address the
 * client reached in, a {@link DeviceResponse} out. Thread-safe.
 *
 * <p>Services: Device (ver10), Media (ver10) and Media2 (ver20, where H.265 is legal), all listed
 * by GetServices. Operations are dispatched on the body element's namespace and name, so a
 * client that posts a Media call to the device path (common, and accepted by most firmware) is
 * still served. The
 * ONVIF pre-authentication class (Core §5.9.4.3: GetSystemDateAndTime, GetServices,
 * GetCapabilities, GetServiceCapabilities, GetWsdlUrl) is answered without a token; every other
 * operation needs a valid PasswordDigest UsernameToken, unless the config has no user name.
 */
public final class DeviceRequestHandler {
    private static final Logger log = LoggerFactory.getLogger(DeviceRequestHandler.class);
    /** The largest request body read; real requests are under 2 KiB. */
    public static final int MAX_REQUEST_BYTES = 64 * 1024;
    static final String DEVICE_PATH = "/onvif/device_service";
    static final String MEDIA_PATH = "/onvif/media_service";
    static final String MEDIA2_PATH = "/onvif/media2_service";
    private static final Set<String> PRE_AUTH = Set.of("GetSystemDateAndTime", "GetServices", "GetCapabilities",
            "GetServiceCapabilities", "GetWsdlUrl");

    private final OnvifDeviceConfig config;
    private final InstantSource deviceClock;
    private final UsernameTokenVerifier verifier;

    /** A handler on {@code clock}, shifted by the config's clock offset. */
    public DeviceRequestHandler(OnvifDeviceConfig config, InstantSource clock) {
        this.config = config;
        this.deviceClock = () -> clock.instant().plus(config.clockOffset());
        this.verifier = UsernameTokenVerifier.defaults(deviceClock);
    }

    /** A handler on the system clock. */
    public DeviceRequestHandler(OnvifDeviceConfig config) {
        this(config, Clock.systemUTC());
    }

    /**
     * Answers one request.
     *
     * @param path the request path
     * @param body the request body (at most {@link #MAX_REQUEST_BYTES}; the HTTP layer refuses more)
     * @param host the host the client reached, as it goes into XAddrs (an IP literal or name)
     * @param port the port the client reached
     */
    public DeviceResponse handle(String path, byte[] body, String host, int port) {
        if (!DEVICE_PATH.equals(path) && !MEDIA_PATH.equals(path) && !MEDIA2_PATH.equals(path)) {
            return fault(404, "Sender", "ActionNotSupported", "no ONVIF service at " + clip(path));
        }
        SoapMessage message;
        try {
            message = SoapEnvelope.read(body, MAX_REQUEST_BYTES);
        } catch (SoapProtocolException e) {
            return fault(400, "Sender", "WellFormed", "request is not a SOAP envelope: " + clip(e.getMessage()));
        }
        Optional<Element> op = message.body();
        if (op.isEmpty()) {
            return fault(400, "Sender", "InvalidArgs", "the SOAP Body is empty");
        }
        Element request = op.get();
        String ns = request.getNamespaceURI() == null ? "" : request.getNamespaceURI();
        String name = request.getLocalName();
        boolean known = Namespaces.TDS.equals(ns) || Namespaces.TRT.equals(ns) || Namespaces.TR2.equals(ns);
        boolean preAuth = Namespaces.TDS.equals(ns) && PRE_AUTH.contains(name);
        if (known && !preAuth && !config.username().isEmpty()) {
            UsernameTokenVerifier.Verification v = verifier.verify(message,
                    user -> user.equals(config.username()) ? Optional.of(config.password()) : Optional.empty());
            if (!v.ok()) {
                log.debug("ONVIF device: {} refused for user '{}': {} ({})", name, v.username(), v.outcome(),
                        v.detail());
                return fault(400, "Sender", "NotAuthorized", "Sender not Authorized");
            }
        }
        String base = "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        try {
            if (Namespaces.TDS.equals(ns)) {
                return device(name, base, host, port);
            }
            if (Namespaces.TRT.equals(ns) || Namespaces.TR2.equals(ns)) {
                return media(name, request, Namespaces.TR2.equals(ns), host);
            }
        } catch (SoapProtocolException e) {
            return fault(400, "Sender", "InvalidArgVal", clip(e.getMessage()));
        }
        return fault(500, "Receiver", "ActionNotSupported", "operation " + clip(name) + " is not supported");
    }

    /**
     * A stream URI whose host is {@code 0.0.0.0} means "wherever this device was reached": the
     * host the client used takes its place, so a gateway behind NAT or with several addresses
     * hands every client a URI it can open. Any other URI is returned as configured.
     */
    static URI reachableFrom(URI uri, String host) {
        if (!"0.0.0.0".equals(uri.getHost())) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, host, uri.getPort(), uri.getPath(), uri.getQuery(), null);
        } catch (java.net.URISyntaxException e) {
            return uri;
        }
    }

    private DeviceResponse device(String name, String base, String host, int port) {
        String body;
        switch (name) {
            case "GetSystemDateAndTime" -> body = DeviceResponses.systemDateAndTime(deviceClock.instant());
            case "GetDeviceInformation" -> body = DeviceResponses.deviceInformation(config.identity());
            case "GetServices" -> body = DeviceResponses.services(base + DEVICE_PATH, base + MEDIA_PATH,
                    base + MEDIA2_PATH);
            case "GetCapabilities" -> body = DeviceResponses.capabilities(base + DEVICE_PATH, base + MEDIA_PATH);
            case "GetScopes" -> body = DeviceResponses.scopes(config.scopes());
            case "GetNetworkInterfaces" -> body = DeviceResponses.networkInterfaces(config.identity().mac(), host);
            case "GetNetworkProtocols" -> body = DeviceResponses.networkProtocols(port, rtspPort());
            case "GetNTP" -> body = DeviceResponses.ntp(config.ntpServers());
            default -> {
                return fault(500, "Receiver", "ActionNotSupported", "operation " + clip(name) + " is not supported");
            }
        }
        return ok(body);
    }

    private DeviceResponse media(String name, Element request, boolean media2, String host) {
        List<MediaProfile> profiles = config.profiles();
        switch (name) {
            case "GetProfiles":
                return ok(media2 ? Media2Responses.profiles(profiles) : DeviceResponses.profiles(profiles));
            case "GetVideoSources":
                if (!media2) {
                    return ok(DeviceResponses.videoSources(profiles));
                }
                break;
            case "GetVideoSourceConfigurations":
                if (media2) {
                    return ok(Media2Responses.videoSourceConfigurations(profiles));
                }
                break;
            case "GetVideoEncoderConfigurations":
                return ok(media2 ? Media2Responses.videoEncoderConfigurations(profiles)
                        : DeviceResponses.videoEncoderConfigurations(profiles));
            case "GetProfile":
                if (!media2) {
                    return profileCall(name, request, false, host);
                }
                break;
            case "GetStreamUri":
            case "GetSnapshotUri":
                return profileCall(name, request, media2, host);
            default:
                break;
        }
        return fault(500, "Receiver", "ActionNotSupported", "operation " + clip(name) + " is not supported");
    }

    /** A call naming one profile by its token (ver10 and ver20 both call the element ProfileToken). */
    private DeviceResponse profileCall(String name, Element request, boolean media2, String host) {
        List<MediaProfile> profiles = config.profiles();
        String token = Xml.childText(request, media2 ? Namespaces.TR2 : Namespaces.TRT, "ProfileToken");
        int index = -1;
        for (int i = 0; i < profiles.size(); i++) {
            if (profiles.get(i).token().equals(token)) {
                index = i;
            }
        }
        if (index < 0) {
            return fault(400, "Sender", "InvalidArgVal", "no profile with token '" + clip(token) + "'");
        }
        MediaProfile p = profiles.get(index);
        if ("GetProfile".equals(name)) {
            return ok(DeviceResponses.profile(p, index));
        }
        if ("GetStreamUri".equals(name)) {
            URI uri = reachableFrom(p.streamUri(), host);
            return ok(media2 ? Media2Responses.streamUri(uri) : DeviceResponses.streamUri(uri));
        }
        Optional<URI> snapshot = p.snapshotUri();
        if (snapshot.isEmpty()) {
            return fault(500, "Receiver", "ActionNotSupported", "profile '" + clip(token) + "' has no snapshot");
        }
        return ok(media2 ? Media2Responses.snapshotUri(snapshot.get()) : DeviceResponses.snapshotUri(snapshot.get()));
    }

    private int rtspPort() {
        int port = config.profiles().get(0).streamUri().getPort();
        return port > 0 ? port : 554;
    }

    private static DeviceResponse ok(String body) {
        return new DeviceResponse(200, SoapEnvelope.build("", body));
    }

    private static DeviceResponse fault(int status, String code, String subcode, String reason) {
        return new DeviceResponse(status, SoapEnvelope.fault(code, Namespaces.TER, subcode, reason));
    }

    /** The device's current time, including the configured offset. */
    Instant now() {
        return deviceClock.instant();
    }

    private static String clip(String s) {
        String one = s == null ? "" : s.replace('\n', ' ');
        return one.length() > 120 ? one.substring(0, 120) + "..." : one;
    }
}
