package org.cctvgateway.onvif.discovery;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.cctvgateway.GatewayException;
import org.cctvgateway.spi.DiscoveredDevice;
import org.cctvgateway.spi.DiscoveryProvider;
import org.cctvgateway.spi.DiscoveryRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mDNS/DNS-SD discovery through jmdns: browses {@link MdnsHints#TYPES} on the request's interface
 * (its first IPv4 address; the host's default address when none is given) until the timeout and
 * reports each device once, keyed by {@link DiscoveredDevice#key()}. Directed targets are ignored:
 * mDNS is link-local by nature. Thread-safe.
 */
public final class MdnsDiscoveryProvider implements DiscoveryProvider {
    private static final Logger log = LoggerFactory.getLogger(MdnsDiscoveryProvider.class);
    private static final int MAX_TXT_ENTRIES = 32;
    private static final long RESOLVE_MILLIS = 1500;
    private static final long SWEEP_MILLIS = 500;

    private final Set<CountDownLatch> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    @Override
    public String id() {
        return "mdns";
    }

    @Override
    public void discover(DiscoveryRequest request, Consumer<DiscoveredDevice> sink) {
        if (closed) {
            throw new IllegalStateException("mDNS provider is closed");
        }
        Optional<NetworkInterface> nif = request.networkInterface();
        Optional<InetAddress> bind = nif.flatMap(DiscoverySockets::ipv4Of);
        if (nif.isPresent() && bind.isEmpty()) {
            throw new GatewayException("interface " + nif.get().getName() + " has no IPv4 address for mDNS",
                    "choose an interface with an IPv4 address");
        }
        CountDownLatch done = new CountDownLatch(1);
        running.add(done);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        JmDNS jmdns = null;
        ExecutorService resolver = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "mdns-resolve");
            t.setDaemon(true);
            return t;
        });
        try {
            jmdns = bind.isPresent() ? JmDNS.create(bind.get(), "cctv-gateway-discover") : JmDNS.create();
            List<Browser> browsers = new ArrayList<>();
            for (String type : MdnsHints.TYPES) {
                Browser b = new Browser(jmdns, seen, sink, resolver);
                browsers.add(b);
                jmdns.addServiceListener(type, b);
            }
            // Listener events alone miss services on some hosts (jmdns may resolve a service before
            // its TXT record arrives and not report it again), so the cache is also swept.
            long deadline = System.nanoTime() + request.timeout().toNanos();
            while (!done.await(Math.min(SWEEP_MILLIS, remainingMillis(deadline)), TimeUnit.MILLISECONDS)
                    && remainingMillis(deadline) > 0) {
                for (int i = 0; i < MdnsHints.TYPES.size(); i++) {
                    for (ServiceInfo info : jmdns.list(MdnsHints.TYPES.get(i), 0)) {
                        if (info.getTextBytes() != null && info.getTextBytes().length > 1) {
                            browsers.get(i).report(MdnsHints.TYPES.get(i), info.getName(), info);
                        }
                    }
                }
            }
            // Services whose TXT record never came are reported last, by address, and only when the
            // same service was not reported complete meanwhile: a slow TXT never makes a second entry.
            browsers.forEach(Browser::reportIncomplete);
        } catch (IOException e) {
            throw new GatewayException("cannot start mDNS" + nif.map(n -> " on " + n.getName()).orElse("") + ": "
                    + e.getMessage(), "check the --interface name", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running.remove(done);
            resolver.shutdownNow();
            if (jmdns != null) {
                try {
                    jmdns.close();
                } catch (IOException e) {
                    log.debug("mDNS: close failed: {}", e.toString());
                }
            }
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    /** Turns a resolved service into a device, or empty when it is not a camera or has no IPv4 address. */
    static Optional<DiscoveredDevice> toDevice(String type, String name, List<InetAddress> addresses, int port,
            Map<String, String> txt) {
        if (addresses.isEmpty()) {
            return Optional.empty();
        }
        if (MdnsHints.HTTP.equals(type) && !MdnsHints.looksLikeCamera(name, txt)) {
            return Optional.empty();
        }
        String address = addresses.get(0).getHostAddress();
        String epr = MdnsHints.endpointReference(txt);
        List<URI> xaddrs = new ArrayList<>();
        String scheme = MdnsHints.RTSP.equals(type) ? "rtsp" : "http";
        String path = txt.getOrDefault("path", "/");
        try {
            xaddrs.add(new URI(scheme, null, address, port, path.startsWith("/") ? path : "/" + path, null, null));
        } catch (URISyntaxException e) {
            // A TXT path that is not a valid URI path: keep the device, leave out the address.
            log.debug("mDNS: service {} has an unusable path '{}'", name, path);
        }
        List<String> scopes = new ArrayList<>();
        txt.forEach((k, v) -> scopes.add(k + "=" + v));
        return Optional.of(new DiscoveredDevice(address, port > 0 && port <= 65535 ? OptionalInt.of(port)
                : OptionalInt.empty(), "mdns", epr.isEmpty() ? Optional.empty() : Optional.of(epr), xaddrs, scopes,
                MdnsHints.hints(type, name, txt), "1".equals(txt.get("onvif"))));
    }

    @Override
    public void close() {
        closed = true;
        running.forEach(CountDownLatch::countDown);
    }

    private static final class Browser implements ServiceListener {
        private final JmDNS jmdns;
        private final Set<String> seen;
        private final Consumer<DiscoveredDevice> sink;
        private final Executor resolver;
        private final Set<String> requeried = ConcurrentHashMap.newKeySet();
        private final Set<String> complete = ConcurrentHashMap.newKeySet();
        private final Map<String, ServiceEvent> incomplete = new ConcurrentHashMap<>();
        private boolean finished;

        Browser(JmDNS jmdns, Set<String> seen, Consumer<DiscoveredDevice> sink, Executor resolver) {
            this.jmdns = jmdns;
            this.seen = seen;
            this.sink = sink;
            this.resolver = resolver;
        }

        @Override
        public void serviceAdded(ServiceEvent event) {
            jmdns.requestServiceInfo(event.getType(), event.getName(), RESOLVE_MILLIS);
        }

        @Override
        public void serviceRemoved(ServiceEvent event) {
            // A discovery run reports arrivals only.
        }

        @Override
        public void serviceResolved(ServiceEvent event) {
            ServiceInfo info = event.getInfo();
            if (info == null) {
                return;
            }
            if (info.getTextBytes() == null || info.getTextBytes().length <= 1) {
                // jmdns may report a service before its TXT record has arrived (seen on loopback with
                // two services per host): ask once more, off jmdns's thread, and report what comes.
                String service = serviceKey(event.getName());
                incomplete.putIfAbsent(service, event);
                if (requeried.add(service)) {
                    resolver.execute(() -> {
                        ServiceInfo again = jmdns.getServiceInfo(event.getType(), event.getName(), RESOLVE_MILLIS);
                        if (again != null && again.getTextBytes() != null && again.getTextBytes().length > 1) {
                            report(event.getType(), event.getName(), again);
                        }
                    });
                }
                return;
            }
            report(event.getType(), event.getName(), info);
        }

        /** Reports, by address alone, the services that never showed a TXT record in this run. */
        synchronized void reportIncomplete() {
            finished = true;
            incomplete.forEach((service, event) -> {
                if (!complete.contains(service)) {
                    send(event.getType(), event.getName(), event.getInfo());
                }
            });
        }

        private static String serviceKey(String name) {
            return name.toLowerCase(Locale.ROOT);
        }

        synchronized void report(String type, String name, ServiceInfo info) {
            if (finished) {
                return;
            }
            complete.add(serviceKey(name));
            send(type, name, info);
        }

        private void send(String type, String name, ServiceInfo info) {
            List<InetAddress> addresses = new ArrayList<>();
            for (Inet4Address a : info.getInet4Addresses()) {
                addresses.add(a);
            }
            Map<String, String> txt = new LinkedHashMap<>();
            Enumeration<String> names = info.getPropertyNames();
            while (names.hasMoreElements() && txt.size() < MAX_TXT_ENTRIES) {
                String key = names.nextElement();
                String value = info.getPropertyString(key);
                txt.put(key, value == null ? "" : value);
            }
            try {
                toDevice(type, name, addresses, info.getPort(), txt)
                        .filter(d -> seen.add(d.key()))
                        .ifPresent(sink);
            } catch (RuntimeException e) {
                // Isolation boundary: a bad record or a failing sink must not stop jmdns's thread.
                log.warn("mDNS: service {} could not be reported: {}", name, e.toString());
            }
        }
    }
}
