package org.cctvgateway.cli.command;

import java.io.PrintWriter;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.cctvgateway.GatewayException;
import org.cctvgateway.cli.output.JsonLines;
import org.cctvgateway.config.HumanDuration;
import org.cctvgateway.onvif.discovery.HostRange;
import org.cctvgateway.spi.DiscoveredDevice;
import org.cctvgateway.spi.DiscoveryProvider;
import org.cctvgateway.spi.DiscoveryRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cctv-gateway discover}: finds cameras on the local network with every discovery method
 * installed (WS-Discovery, mDNS, found through {@link ServiceLoader}), run in parallel. A device
 * found by several methods is one device: devices are merged by WS-Discovery endpoint reference,
 * else by address.
 *
 * <p>Text output prints a row as each device arrives, and the row again, marked "updated", when
 * another method finds the same device. {@code --json} prints one JSON object per device at the end
 * (after merging) and nothing else. Finding nothing is not an error: exit 0 with advice.
 */
@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Finds cameras on this machine's network by WS-Discovery (ONVIF) and mDNS.",
                       "Use --range for networks where multicast does not reach the cameras (other VLANs)."})
public final class DiscoverCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DiscoverCommand.class);
    private static final String ROW = "%-22s %-30s %-14s %-18s %-28s %s%n";

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--timeout", defaultValue = "5s", description = "How long to listen. Default: ${DEFAULT-VALUE}.")
    String timeout;

    @Option(names = "--range", paramLabel = "CIDR|IP",
            description = "Also probe these hosts directly (repeatable; e.g. 192.168.1.0/24, at most a /22 in all).")
    List<String> ranges = new ArrayList<>();

    @Option(names = "--interface", paramLabel = "NAME",
            description = "Network interface to discover on (e.g. eth0). Default: the system's multicast interface.")
    String interfaceName;

    @Option(names = "--rate", defaultValue = "50",
            description = "Directed probes per second for --range. Default: ${DEFAULT-VALUE}.")
    int rate;

    private final Supplier<List<DiscoveryProvider>> providers;

    /** The command with the providers installed on the class path. */
    public DiscoverCommand() {
        this(DiscoverCommand::installedProviders);
    }

    /** The command with given providers (tests). */
    DiscoverCommand(Supplier<List<DiscoveryProvider>> providers) {
        this.providers = providers;
    }

    static List<DiscoveryProvider> installedProviders() {
        List<DiscoveryProvider> list = new ArrayList<>();
        ServiceLoader.load(DiscoveryProvider.class).forEach(list::add);
        return list;
    }

    @Override
    public Integer call() throws Exception {
        common.applyLogLevel();
        Duration listen = parseTimeout(timeout);
        if (rate < 1 || rate > 1000) {
            throw new GatewayException("--rate " + rate + " is outside 1..1000", "give a rate such as 50");
        }
        HostRange.expand(ranges, HostRange.MAX_HOSTS); // fails early, with the limit, on a bad or huge range
        Optional<NetworkInterface> nif = networkInterface(interfaceName);
        DiscoveryRequest request = new DiscoveryRequest(listen, ranges, nif, rate);
        PrintWriter out = spec.commandLine().getOut();
        DeviceTable table = new DeviceTable();
        if (!common.json) {
            out.printf(ROW, "ADDRESS", "HOW FOUND", "VENDOR", "MODEL", "NAME", "ONVIF");
            out.flush();
        }
        List<DiscoveryProvider> found = providers.get();
        if (found.isEmpty()) {
            throw new GatewayException("no discovery method is installed", "this build lacks adapters-onvif");
        }
        discoverAll(found, request, device -> {
            Optional<Row> changed = table.add(device);
            if (changed.isPresent() && !common.json) {
                synchronized (out) {
                    out.printf(ROW, changed.get().hostAndPort(), changed.get().howFound(), cell(changed.get().vendor, 14),
                            cell(changed.get().model, 18), cell(changed.get().name, 28),
                            (changed.get().onvif ? "yes" : "no") + (changed.get().updated ? " (updated)" : ""));
                    out.flush();
                }
            }
        });
        List<Row> rows = table.rows();
        if (common.json) {
            rows.forEach(r -> JsonLines.print(out, r.json()));
            return 0;
        }
        if (rows.isEmpty()) {
            out.println("no cameras found; check that this machine is on the cameras' network, or try --range");
        } else {
            long onvif = rows.stream().filter(r -> r.onvif).count();
            out.println(rows.size() + (rows.size() == 1 ? " camera" : " cameras") + " found (" + onvif + " ONVIF)");
        }
        out.flush();
        return 0;
    }

    /**
     * Runs every discovery method at once, each found device to {@code sink}, and returns when all
     * have finished (at most 15 s after the request's listening time), every provider closed. One
     * method failing (no multicast route, mDNS port taken) is logged and never hides the others'
     * results.
     */
    static void discoverAll(List<DiscoveryProvider> providers, DiscoveryRequest request,
                            java.util.function.Consumer<DiscoveredDevice> sink) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (DiscoveryProvider provider : providers) {
            Thread t = new Thread(() -> {
                try {
                    provider.discover(request, sink);
                } catch (RuntimeException e) {
                    log.warn("{} discovery failed: {}", provider.id(), e.getMessage());
                    log.debug("{} discovery failed", provider.id(), e);
                }
            }, "discover-" + provider.id());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long deadline = System.nanoTime() + request.timeout().toNanos() + TimeUnit.SECONDS.toNanos(15);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        for (DiscoveryProvider p : providers) {
            p.close();
        }
    }

    private static String cell(String s, int width) {
        return s.length() > width ? s.substring(0, width - 1) + "~" : s;
    }

    static Duration parseTimeout(String text) {
        Duration d;
        try {
            d = HumanDuration.parse(text);
        } catch (IllegalArgumentException e) {
            throw new GatewayException("--timeout: " + e.getMessage(), "e.g. --timeout 5s", e);
        }
        if (d.isZero() || d.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new GatewayException("--timeout " + text + " is outside 1ms..10m", "e.g. --timeout 5s");
        }
        return d;
    }

    static Optional<NetworkInterface> networkInterface(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            NetworkInterface nif = NetworkInterface.getByName(name);
            if (nif == null) {
                throw new GatewayException("there is no network interface '" + name + "'",
                        "list the interfaces with `ip link` (Linux) or `ipconfig` (Windows)");
            }
            return Optional.of(nif);
        } catch (SocketException e) {
            throw new GatewayException("cannot read network interface '" + name + "': " + e.getMessage(),
                    "check the name with `ip link`", e);
        }
    }

    /** One device as the table shows it, merged across methods. */
    static final class Row {
        final String address;
        final Set<String> methods = new LinkedHashSet<>();
        String endpointReference;
        String vendor = "";
        String model = "";
        String name = "";
        boolean onvif;
        boolean updated;
        final List<DiscoveredDevice> sources = new ArrayList<>();

        Row(DiscoveredDevice d) {
            this.address = d.address();
            this.endpointReference = d.endpointReference().orElse("");
            merge(d);
            updated = false;
        }

        /** The address with the device's (ONVIF) port when one is known, as a user would type it into probe. */
        String hostAndPort() {
            return sources.stream().filter(s -> s.port().isPresent()).findFirst()
                    .map(s -> address + ":" + s.port().getAsInt()).orElse(address);
        }

        /** Merges {@code d}; true when the row changed. */
        boolean merge(DiscoveredDevice d) {
            boolean changed = methods.add(d.method());
            if (endpointReference.isEmpty() && d.endpointReference().isPresent()) {
                endpointReference = d.endpointReference().get();
            }
            changed |= fill(d.hints().getOrDefault("vendor", ""), v -> vendor = v, vendor);
            changed |= fill(d.hints().getOrDefault("model", ""), v -> model = v, model);
            changed |= fill(d.hints().getOrDefault("name", ""), v -> name = v, name);
            if (d.onvif() && !onvif) {
                onvif = true;
                changed = true;
            }
            sources.add(d);
            updated = changed;
            return changed;
        }

        private static boolean fill(String value, java.util.function.Consumer<String> set, String current) {
            if (current.isEmpty() && !value.isEmpty()) {
                set.accept(value);
                return true;
            }
            return false;
        }

        String howFound() {
            return String.join("+", methods);
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", address);
            sources.stream().filter(s -> s.port().isPresent()).findFirst()
                    .ifPresent(s -> m.put("port", s.port().getAsInt()));
            m.put("howFound", List.copyOf(methods));
            m.put("vendor", vendor);
            m.put("model", model);
            m.put("name", name);
            m.put("onvif", onvif);
            m.put("endpointReference", endpointReference);
            Set<String> xaddrs = new LinkedHashSet<>();
            sources.forEach(s -> s.xaddrs().forEach(u -> xaddrs.add(u.toString())));
            m.put("xaddrs", List.copyOf(xaddrs));
            return m;
        }
    }

    /** Devices merged by endpoint reference, else by address. Thread-safe. */
    static final class DeviceTable {
        private final List<Row> rows = new ArrayList<>();

        /** Adds or merges a device; the row to print when it is new or changed. */
        synchronized Optional<Row> add(DiscoveredDevice d) {
            Row row = find(d);
            if (row == null) {
                row = new Row(d);
                rows.add(row);
                return Optional.of(row);
            }
            return row.merge(d) ? Optional.of(row) : Optional.empty();
        }

        private Row find(DiscoveredDevice d) {
            String epr = d.endpointReference().orElse("");
            if (!epr.isEmpty()) {
                for (Row r : rows) {
                    if (r.endpointReference.equals(epr)) {
                        return r;
                    }
                }
            }
            // No match by reference: the same address without a reference of its own is the same
            // device seen by a method that has no reference (mDNS from a real camera).
            for (Row r : rows) {
                if (r.address.equals(d.address()) && (epr.isEmpty() || r.endpointReference.isEmpty())) {
                    return r;
                }
            }
            return null;
        }

        synchronized List<Row> rows() {
            return List.copyOf(rows);
        }
    }
}
