package org.cctvgateway.onvif.client;

import static org.cctvgateway.onvif.soap.Namespaces.TDS;
import static org.cctvgateway.onvif.soap.Namespaces.TR2;
import static org.cctvgateway.onvif.soap.Namespaces.TRT;
import static org.cctvgateway.onvif.soap.Namespaces.TT;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.cctvgateway.onvif.client.DeviceReplies.DeviceInformation;
import org.cctvgateway.onvif.client.DeviceReplies.Service;
import org.cctvgateway.onvif.client.MediaReplies.ProfileSummary;
import org.cctvgateway.onvif.client.OnvifCallException.Kind;
import org.cctvgateway.onvif.soap.Xml;
import org.cctvgateway.spi.CameraDescription;
import org.cctvgateway.spi.DeviceIdentity;
import org.cctvgateway.spi.MediaProfile;
import org.cctvgateway.spi.NetworkServices;
import org.cctvgateway.spi.ProbeRequest;
import org.cctvgateway.spi.ProbeResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes one ONVIF camera into a {@link ProbeResult}: GetSystemDateAndTime without credentials
 * (the clock offset), then the authenticated device and media calls. Tells a wrong password from
 * a clock problem: a refused token dated on the camera's clock is retried once on the local clock
 * (firmware that reports local time as UTC dates its own tokens wrongly), and a camera that
 * refuses both while its clock is more than {@link #SKEW_LIMIT} off yields
 * {@link ProbeResult.ClockSkew}.
 */
public final class OnvifProbe {
    /** Clock offsets above this are reported as the likely cause of a refusal. */
    public static final Duration SKEW_LIMIT = Duration.ofMinutes(2);
    private static final Logger LOG = LoggerFactory.getLogger(OnvifProbe.class);

    private final InstantSource clock;
    private final int maxReplyBytes;

    public OnvifProbe(InstantSource clock, int maxReplyBytes) {
        this.clock = clock;
        this.maxReplyBytes = maxReplyBytes;
    }

    /** Runs the probe; every expected failure comes back as a value. */
    public ProbeResult probe(ProbeRequest request) {
        String host = request.target().host();
        int port = request.target().port() == 0 ? 80 : request.target().port();
        URI device = deviceUri(request, host, port);
        String camera = host + ":" + port;
        OnvifClient client = new OnvifClient(new SoapHttpTransport(request.timeout(), maxReplyBytes),
                request.credentials(), clock, maxReplyBytes);
        Failures failures = new Failures(camera, request.credentials().username());
        try {
            Optional<Duration> offset = readClock(client, device);
            client.tokenOffset(offset.orElse(Duration.ZERO));
            DeviceInformation info;
            try {
                info = authenticatedDeviceInformation(client, device, offset);
            } catch (OnvifCallException e) {
                if (e.kind() == Kind.NOT_AUTHORIZED && offset.isPresent()
                        && offset.get().abs().compareTo(SKEW_LIMIT) > 0) {
                    return failures.clockSkew(offset.get());
                }
                throw e;
            }
            return new ProbeResult.Ok(describe(client, device, host, info, offset));
        } catch (OnvifCallException e) {
            LOG.debug("{}: probe failed: {}", camera, e.getMessage());
            return failures.of(e);
        }
    }

    private static URI deviceUri(ProbeRequest request, String host, int port) {
        var discovered = request.target().discovered();
        if (discovered.isPresent() && !discovered.get().xaddrs().isEmpty()) {
            StringBuilder all = new StringBuilder();
            discovered.get().xaddrs().forEach(u -> all.append(u).append(' '));
            try {
                return Addresses.pickXAddr(all.toString(), host);
            } catch (RuntimeException e) {
                LOG.debug("{}: unusable discovered XAddrs, using the default path: {}", host, e.getMessage());
            }
        }
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return URI.create("http://" + h + ":" + port + "/onvif/device_service");
    }

    /** Camera minus local clock; empty when the camera will not tell its UTC time unauthenticated. */
    private Optional<Duration> readClock(OnvifClient client, URI device) {
        try {
            return timeOnce(client, device, false);
        } catch (OnvifCallException e) {
            if (e.kind() != Kind.NOT_AUTHORIZED && e.kind() != Kind.FORBIDDEN && e.kind() != Kind.FAULT) {
                throw e;
            }
        }
        // Some firmware wants credentials even for the time (node-onvif-ts PR #12): ask again with a token on our
        // clock, and go on without an offset if that is refused too.
        try {
            return timeOnce(client, device, true);
        } catch (OnvifCallException e) {
            if (e.kind() == Kind.UNREACHABLE || e.kind() == Kind.TIMEOUT) {
                throw e;
            }
            return Optional.empty();
        }
    }

    private Optional<Duration> timeOnce(OnvifClient client, URI device, boolean authenticated) {
        Instant before = clock.instant();
        var sc = client.call(device, TDS, "GetSystemDateAndTime", "", authenticated, DeviceReplies::systemDateAndTime);
        Instant after = clock.instant();
        Instant mid = before.plus(Duration.between(before, after).dividedBy(2));
        return sc.utc().map(utc -> Duration.between(mid, utc));
    }

    private static DeviceInformation authenticatedDeviceInformation(OnvifClient client, URI device,
            Optional<Duration> offset) {
        try {
            return client.call(device, TDS, "GetDeviceInformation", "", true, DeviceReplies::deviceInformation);
        } catch (OnvifCallException e) {
            if (e.kind() != Kind.NOT_AUTHORIZED || offset.isEmpty() || offset.get().abs().toMillis() < 1000) {
                throw e;
            }
            // Firmware that reports its local time as UTC checks tokens against a clock other than the one it
            // reported (OpenIPC majestic #292): try once on our clock.
            client.tokenOffset(Duration.ZERO);
            try {
                return client.call(device, TDS, "GetDeviceInformation", "", true, DeviceReplies::deviceInformation);
            } catch (OnvifCallException again) {
                client.tokenOffset(offset.get());
                throw again;
            }
        }
    }

    private CameraDescription describe(OnvifClient client, URI device, String host, DeviceInformation info,
            Optional<Duration> offset) {
        List<Service> services = services(client, device);
        URI media = serviceUri(services, TRT, host).orElse(device);
        Optional<URI> media2 = serviceUri(services, TR2, host);
        List<String> scopes = optional(() -> client.call(device, TDS, "GetScopes", "", true, DeviceReplies::scopes),
                List.of());
        String mac = optional(() -> client.call(device, TDS, "GetNetworkInterfaces", "", true,
                DeviceReplies::firstMac), "");
        var protocols = optional(() -> client.call(device, TDS, "GetNetworkProtocols", "", true,
                DeviceReplies::networkProtocols), List.<DeviceReplies.NetworkProtocol>of());
        var ntp = optional(() -> client.call(device, TDS, "GetNTP", "", true, DeviceReplies::ntp),
                new DeviceReplies.Ntp(false, List.of()));
        List<MediaProfile> profiles = Optional.<List<MediaProfile>>empty()
                .or(() -> media2.flatMap(m2 -> media2Profiles(client, m2, host)))
                .orElseGet(() -> media10Profiles(client, media, host));
        if (profiles.isEmpty()) {
            throw new OnvifCallException(Kind.NOT_SOAP, "camera reports no video profile");
        }
        OptionalInt httpPort = DeviceReplies.port(protocols, "HTTP");
        NetworkServices net = new NetworkServices(httpPort, DeviceReplies.port(protocols, "HTTPS"),
                DeviceReplies.port(protocols, "RTSP"), ntp.servers(), ntp.fromDhcp(),
                DeviceReplies.onvifProfiles(scopes));
        DeviceIdentity identity = new DeviceIdentity(info.manufacturer(), info.model(), info.firmware(), info.serial(),
                info.hardwareId(), mac);
        return new CameraDescription("onvif", identity, offset, net, profiles);
    }

    private static List<Service> services(OnvifClient client, URI device) {
        try {
            return client.call(device, TDS, "GetServices", "<IncludeCapability>true</IncludeCapability>", true,
                    DeviceReplies::services);
        } catch (OnvifCallException e) {
            if (e.kind() == Kind.UNREACHABLE || e.kind() == Kind.TIMEOUT || e.kind() == Kind.NOT_AUTHORIZED) {
                throw e;
            }
            // older firmware (ONVIF < 2.0) has no GetServices
            return client.call(device, TDS, "GetCapabilities",
                    "<Category>All</Category>", true, DeviceReplies::capabilities);
        }
    }

    private static Optional<URI> serviceUri(List<Service> services, String ns, String host) {
        for (Service s : services) {
            if (s.namespace().equals(ns)) {
                try {
                    return Optional.of(Addresses.pickXAddr(s.xaddr(), host));
                } catch (RuntimeException e) {
                    LOG.debug("{}: unusable XAddr for {}: {}", host, ns, e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    /** Media2 profiles, or empty when Media2 is incomplete (no video encoder, no stream URI): then ver10 is used. */
    private static Optional<List<MediaProfile>> media2Profiles(OnvifClient client, URI media2, String host) {
        try {
            List<ProfileSummary> summaries = client.call(media2, TR2, "GetProfiles", "<Type>All</Type>", true,
                    MediaReplies::profiles20);
            List<MediaProfile> out = new ArrayList<>();
            for (ProfileSummary p : summaries) {
                if (!p.hasVideoEncoder()) {
                    return Optional.empty();
                }
                String token = "<ProfileToken>" + Xml.escape(p.token()) + "</ProfileToken>";
                String uri = client.call(media2, TR2, "GetStreamUri", "<Protocol>RtspUnicast</Protocol>" + token, true,
                        MediaReplies::uri);
                Optional<URI> snapshot = optional(() -> Optional.of(Addresses.fixStreamUri(
                        client.call(media2, TR2, "GetSnapshotUri", token, true, MediaReplies::uri), host)),
                        Optional.empty());
                out.add(profile(p, Addresses.fixStreamUri(uri, host), snapshot));
            }
            return out.isEmpty() ? Optional.empty() : Optional.of(out);
        } catch (OnvifCallException | org.cctvgateway.onvif.soap.SoapProtocolException e) {
            if (e instanceof OnvifCallException oce && (oce.kind() == Kind.UNREACHABLE || oce.kind() == Kind.TIMEOUT)) {
                throw oce;
            }
            LOG.debug("{}: Media2 incomplete, falling back to media ver10: {}", host, e.getMessage());
            return Optional.empty();
        }
    }

    private static List<MediaProfile> media10Profiles(OnvifClient client, URI media, String host) {
        List<ProfileSummary> summaries = client.call(media, TRT, "GetProfiles", "", true, MediaReplies::profiles10);
        List<MediaProfile> out = new ArrayList<>();
        for (ProfileSummary p : summaries) {
            if (!p.hasVideoEncoder()) {
                continue; // audio or metadata only
            }
            String token = "<ProfileToken>" + Xml.escape(p.token()) + "</ProfileToken>";
            String setup = "<StreamSetup><Stream xmlns=\"" + TT + "\">RTP-Unicast</Stream><Transport xmlns=\"" + TT
                    + "\"><Protocol>RTSP</Protocol></Transport></StreamSetup>";
            URI stream = malformedOnBadUri(() -> Addresses.fixStreamUri(
                    client.call(media, TRT, "GetStreamUri", setup + token, true, MediaReplies::uri), host));
            Optional<URI> snapshot = optional(() -> Optional.of(Addresses.fixStreamUri(
                    client.call(media, TRT, "GetSnapshotUri", token, true, MediaReplies::uri), host)),
                    Optional.empty());
            out.add(profile(p, stream, snapshot));
        }
        return out;
    }

    private static MediaProfile profile(ProfileSummary p, URI stream, Optional<URI> snapshot) {
        return new MediaProfile(p.name(), p.token(), p.encoding(), p.width(), p.height(), p.frameRateLimit(),
                p.bitrateLimitKbps(), p.gopLength(), stream, snapshot);
    }

    private static URI malformedOnBadUri(java.util.function.Supplier<URI> s) {
        try {
            return s.get();
        } catch (org.cctvgateway.onvif.soap.SoapProtocolException e) {
            throw new OnvifCallException(Kind.MALFORMED, e.getMessage(), 200, null, e);
        }
    }

    /** An optional call: any failure but an unreachable camera gives the default. */
    private static <T> T optional(java.util.function.Supplier<T> call, T fallback) {
        try {
            return call.get();
        } catch (OnvifCallException e) {
            if (e.kind() == Kind.UNREACHABLE) {
                throw e;
            }
            LOG.debug("optional call failed, using the default: {}", e.getMessage());
            return fallback;
        } catch (org.cctvgateway.onvif.soap.SoapProtocolException e) {
            LOG.debug("optional call gave an unusable value, using the default: {}", e.getMessage());
            return fallback;
        }
    }
}
