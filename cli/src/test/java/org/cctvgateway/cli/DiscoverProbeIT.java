package org.cctvgateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Clock;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.cctvgateway.cli.simulator.CameraSimulator;
import org.cctvgateway.cli.simulator.Clip;
import org.cctvgateway.media.AccessUnit;
import org.cctvgateway.media.AccessUnitSink;
import org.cctvgateway.media.Codec;
import org.cctvgateway.media.TrackInfo;
import org.cctvgateway.rtsp.client.RtspSourceOptions;
import org.cctvgateway.rtsp.client.RtspStreamSource;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.testing.ExternalProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discover, then probe, as a premises' IT person does: simulated ONVIF cameras on loopback are
 * each found by WS-Discovery and by mDNS, once; probe (the command line as its own process, the
 * password from the environment) describes one, and the stream URI it returns plays.
 */
class DiscoverProbeIT {
    private static final String USER = "admin";
    private static final String PASSWORD = "Onvif-Sim-Pw1";

    @TempDir
    Path tmp;

    @Test
    void discoverFindsEverySimulatedCameraOnceAndProbeDescribesAStreamThatPlays() throws Exception {
        NetworkInterface lo = NetworkInterface.getByName("lo");
        assumeTrue(lo != null && lo.isUp() && lo.supportsMulticast(),
                "loopback has no MULTICAST flag here (as root: ip link set lo multicast on); .ci/run sets it");
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        try (CameraSimulator sim = CameraSimulator.start(3, "127.0.0.1", 0, Clip.bundled(Codec.H264),
                Optional.of(new Credentials(USER, PASSWORD)),
                new CameraSimulator.OnvifOptions(0, Optional.of(lo)), group, Clock.SYSTEM)) {
            Map<String, CameraSimulator.SimulatedCamera> byEpr = new HashMap<>();
            sim.cameras().forEach(c -> byEpr.put(c.onvif().orElseThrow().endpointReference(), c));

            StringWriter out = new StringWriter();
            int exit = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                    "discover", "--json", "--timeout", "8s", "--interface", "lo");
            assertThat(exit).isZero();
            Map<String, Integer> seen = new HashMap<>();
            List<JsonNode> ours = new ArrayList<>();
            for (String line : out.toString().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode d = new ObjectMapper().readTree(line);
                String epr = d.path("endpointReference").asText();
                if (byEpr.containsKey(epr)) {
                    seen.merge(epr, 1, Integer::sum);
                    ours.add(d);
                }
            }
            assertThat(seen).as("each simulated camera found exactly once").hasSize(3).allSatisfy((k, v) ->
                    assertThat(v).isEqualTo(1));
            for (JsonNode d : ours) {
                List<String> how = new ArrayList<>();
                d.path("howFound").forEach(h -> how.add(h.asText()));
                assertThat(how).as("how %s was found", d.path("name").asText()).contains("ws-discovery", "mdns");
                CameraSimulator.SimulatedCamera cam = byEpr.get(d.path("endpointReference").asText());
                assertThat(d.path("vendor").asText()).isEqualTo(cam.identity().manufacturer());
                assertThat(d.path("model").asText()).isEqualTo(cam.identity().model());
            }

            CameraSimulator.SimulatedCamera target = sim.cameras().get(1);
            URI xaddr = target.onvif().orElseThrow().xaddr();
            ProcessBuilder pb = new ProcessBuilder("java", "-jar", System.getProperty("cctv.jar"), "probe",
                    xaddr.getHost() + ":" + xaddr.getPort(), "--user", USER, "--password-env", "CAMERA_PASSWORD",
                    "--json");
            pb.environment().put("CAMERA_PASSWORD", PASSWORD);
            ExternalProcess.Result probe = ExternalProcess.start(pb).await(Duration.ofSeconds(60));
            assertThat(probe.exitCode()).as("probe exit; stderr: %s", probe.stderr()).isZero();
            assertThat(probe.stdout() + probe.stderr()).doesNotContain(PASSWORD);
            JsonNode description = new ObjectMapper().readTree(probe.stdout());
            assertThat(description.path("identity").path("serial").asText()).isEqualTo(target.identity().serial());
            JsonNode profile = description.path("profiles").path(0);
            assertThat(profile.path("encoding").asText()).isEqualTo("H264");
            assertThat(profile.path("width").asInt()).isEqualTo(640);
            assertThat(profile.path("height").asInt()).isEqualTo(360);
            assertThat(profile.path("streamCheck").asText()).isEqualTo("ok");
            String streamUri = profile.path("streamUri").asText();
            assertThat(streamUri).isEqualTo(target.url());

            AtomicLong frames = new AtomicLong();
            RtspStreamSource player = new RtspStreamSource(RtspSourceOptions.defaults(URI.create(streamUri), USER,
                    PASSWORD), "probe-check", group, Clock.SYSTEM);
            try {
                player.start(new AccessUnitSink() {
                    @Override
                    public void onTrack(TrackInfo track) {
                    }

                    @Override
                    public void onAccessUnit(AccessUnit unit) {
                        frames.incrementAndGet();
                        unit.release();
                    }

                    @Override
                    public void onDiscontinuity(String reason) {
                    }
                });
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (frames.get() < 50 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
            } finally {
                player.close();
            }
            assertThat(frames.get()).as("frames played from the probed stream URI").isGreaterThanOrEqualTo(50);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
