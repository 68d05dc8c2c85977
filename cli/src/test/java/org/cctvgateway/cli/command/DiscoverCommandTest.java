package org.cctvgateway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.cctvgateway.cli.output.ErrorReporter;
import org.cctvgateway.spi.DiscoveredDevice;
import org.cctvgateway.spi.DiscoveryProvider;
import org.cctvgateway.spi.DiscoveryRequest;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DiscoverCommandTest {
    /** A provider whose behaviour is a lambda. */
    record FakeProvider(String id, BiConsumer<DiscoveryRequest, Consumer<DiscoveredDevice>> body)
            implements DiscoveryProvider {
        @Override
        public void discover(DiscoveryRequest request, Consumer<DiscoveredDevice> sink) {
            body.accept(request, sink);
        }

        @Override
        public void close() {
        }
    }

    static DiscoveredDevice device(String method, String epr, String vendor, boolean onvif) {
        return new DiscoveredDevice("127.0.0.1", OptionalInt.of(8080), method, Optional.ofNullable(epr),
                List.of(URI.create("http://127.0.0.1:8080/onvif/device_service")), List.of(),
                vendor == null ? Map.of("model", "C10") : Map.of("vendor", vendor, "model", "C10"), onvif);
    }

    record Run(int exit, String out, String err) {
    }

    static Run run(List<DiscoveryProvider> providers, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new DiscoverCommand(() -> providers));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler(new ErrorReporter());
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private final FakeProvider ws = new FakeProvider("ws-discovery", (r, sink) -> {
        sink.accept(device("ws-discovery", "urn:uuid:a", null, true));
        sink.accept(device("ws-discovery", "urn:uuid:a", null, true));
    });
    private final FakeProvider mdns = new FakeProvider("mdns",
            (r, sink) -> sink.accept(device("mdns", "urn:uuid:a", "Acme", false)));

    @Test
    void mergesOneDeviceFoundByTwoMethodsIntoOneJsonLine() throws Exception {
        Run r = run(List.of(ws, mdns), "--timeout", "100ms", "--json");

        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode json = new ObjectMapper().readTree(lines.get(0));
        assertThat(json.get("howFound")).hasSize(2);
        assertThat(json.get("vendor").asText()).isEqualTo("Acme");
        assertThat(json.get("onvif").asBoolean()).isTrue();
        assertThat(json.get("port").asInt()).isEqualTo(8080);
    }

    @Test
    void textTableCountsDevicesOnce() {
        Run r = run(List.of(ws, mdns), "--timeout", "100ms");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("ADDRESS").contains("127.0.0.1").endsWith("1 camera found (1 ONVIF)\n");
    }

    @Test
    void nothingFoundIsNotAnError() {
        Run r = run(List.of(new FakeProvider("ws-discovery", (req, sink) -> { })), "--timeout", "50ms");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("no cameras found; check that this machine is on the cameras' network,"
                + " or try --range");
    }

    @Test
    void refusesARangeOverTheLimitWithTheLimitNamed() {
        Run r = run(List.of(ws), "--range", "10.0.0.0/16");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("'10.0.0.0/16' covers 65534 addresses, limit is 1024");
    }

    @Test
    void oneFailingMethodDoesNotHideTheOthers() {
        FakeProvider broken = new FakeProvider("mdns", (req, sink) -> {
            throw new IllegalStateException("port 5353 taken");
        });

        Run r = run(List.of(ws, broken), "--timeout", "50ms", "--json");

        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).hasSize(1);
    }
}
