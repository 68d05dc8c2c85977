package org.cctvgateway.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Clock;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.cctvgateway.cli.simulator.CameraAuth;
import org.cctvgateway.cli.simulator.CameraSimulator;
import org.cctvgateway.cli.simulator.Clip;
import org.cctvgateway.config.AdminConfig;
import org.cctvgateway.config.GatewayConfig;
import org.cctvgateway.config.ServerConfig;
import org.cctvgateway.pki.AgencyCredentialStore;
import org.cctvgateway.pki.GatewayCa;
import org.cctvgateway.policy.EmergencyWindows;
import org.cctvgateway.registry.Camera;
import org.cctvgateway.registry.CameraState;
import org.cctvgateway.registry.Consent;
import org.cctvgateway.registry.DeviceInfo;
import org.cctvgateway.registry.RegistryStore;
import org.cctvgateway.registry.SharingMode;
import org.cctvgateway.registry.Site;
import org.cctvgateway.registry.SiteType;
import org.cctvgateway.registry.StreamProfile;
import org.cctvgateway.registry.StreamRoles;
import org.cctvgateway.rtsp.transport.Transports;
import org.cctvgateway.spi.Credentials;
import org.cctvgateway.testing.ExternalProcess;
import org.cctvgateway.vault.CredentialsVault;
import org.cctvgateway.vault.VaultKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A serving gateway follows the registry and the emergency windows while it runs: a suspended
 * camera stops being pulled and is refused, a resumed one comes back, and an emergency-only camera
 * is pulled and served only while its site's emergency window is open. ffprobe is the agency's
 * player, with the agency's Digest credentials over RTSPS.
 */
class ServeFromRegistryIT {
    private static final String CAMERA_PASSWORD = "Sim-Camera-Pw-4471";

    @TempDir
    Path data;

    private MultiThreadIoEventLoopGroup group;
    private CameraSimulator sim;
    private AgencyGateway gateway;
    private RegistryStore registry;
    private String secret;

    @BeforeEach
    void start() throws Exception {
        group = Transports.newEventLoopGroup(2);
        sim = CameraSimulator.start(2, "127.0.0.1", 0, Clip.bundled(org.cctvgateway.media.Codec.H264),
                Optional.of(CameraAuth.forUser("simulated camera", "admin", CAMERA_PASSWORD)), group, Clock.SYSTEM);
        java.time.Clock clock = java.time.Clock.systemUTC();
        registry = RegistryStore.open(data);
        registry.addSite(new Site("hotel-1", "Grand Hotel", SiteType.HOTEL, "", "", "", Optional.empty()));
        Instant now = Instant.now();
        try (CredentialsVault vault = CredentialsVault.open(data, VaultKey.resolve(Optional.empty(), data))) {
            for (int i = 0; i < 2; i++) {
                String id = i == 0 ? "lobby" : "kitchen";
                SharingMode mode = i == 0 ? SharingMode.CONTINUOUS : SharingMode.EMERGENCY_ONLY;
                DeviceInfo device = new DeviceInfo("Acme Vision", "AV-2040", "1.0", "S" + i, "", "", List.of(
                        new StreamProfile("main", "main", "H264", 640, 360, 25, sim.cameras().get(i).url())));
                registry.enrollCamera(new Camera(id, "hotel-1", "rtsp", sim.cameras().get(i).url(), device,
                        Optional.of(new org.cctvgateway.registry.GeoPoint(31.5 + i / 100.0, 74.3)), Optional.empty(), StreamRoles.firstTwo(device), Optional.empty(),
                        CameraState.ACTIVE, Optional.of(new Consent("Owner", now, mode, Optional.empty(), "")), now,
                        now));
                vault.put(id, new Credentials("admin", CAMERA_PASSWORD));
            }
        }
        GatewayCa.init(data, List.of("localhost", "127.0.0.1"), false, clock);
        secret = AgencyCredentialStore.open(data).create("police", clock).secret();
        Files.writeString(data.resolve("access-policy.yaml"), "agencies:\n  - name: police\n    siteTypes: [hotel]\n");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        GatewayConfig cfg = new GatewayConfig(data.toString(), new ServerConfig("127.0.0.1", port, null, null, null,
                null, null, null, null), new AdminConfig(true, "127.0.0.1", 0), null, List.of());
        gateway = AgencyGateway.start(cfg, data, data.resolve("access-policy.yaml"),
                VaultKey.resolve(Optional.empty(), data), System::getenv, GatewayMetrics.newRegistry(), group, clock);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (sim != null) {
            sim.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private ExternalProcess.Result probe(String path) throws Exception {
        String url = "rtsps://police:" + secret + "@127.0.0.1:" + gateway.runtime().rtspPort() + "/" + path;
        return ExternalProcess.run(List.of("ffprobe", "-v", "error", "-show_entries", "stream=codec_name", "-of",
                "csv=p=0", url), Duration.ofSeconds(30));
    }

    private boolean pulled(String path) {
        return gateway.streams().paths().containsKey(path);
    }

    @Test
    void aSuspendedCameraStopsBeingServedAndComesBackWhenResumed() throws Exception {
        awaitTrue(() -> pulled("hotel-1/lobby/main"));
        awaitTrue(() -> gateway.runtime().pipelines().stream().anyMatch(p -> p.hub().streamInfo().isPresent()));
        assertThat(probe("hotel-1/lobby/main").stdout().trim()).isEqualTo("h264");

        registry.setState("lobby", CameraState.SUSPENDED, "maintenance");
        awaitTrue(() -> !pulled("hotel-1/lobby/main"));
        // The stream goes at once; the access check sees the registry change within a second, and until
        // then the path answers 404. Either way nothing is served; then it is refused by name.
        awaitTrue(() -> probe("hotel-1/lobby/main").stderr().contains("403"));
        ExternalProcess.Result refused = probe("hotel-1/lobby/main");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("403");

        registry.setState("lobby", CameraState.ACTIVE, "maintenance done");
        awaitTrue(() -> pulled("hotel-1/lobby/main"));
        awaitTrue(() -> probe("hotel-1/lobby/main").exitCode() == 0);
    }

    @Test
    void anEmergencyOnlyCameraIsPulledAndServedOnlyWhileItsSiteHasAnOpenWindow() throws Exception {
        awaitTrue(() -> pulled("hotel-1/lobby/main"));
        assertThat(pulled("hotel-1/kitchen/main")).isFalse();
        ExternalProcess.Result before = probe("hotel-1/kitchen/main");
        assertThat(before.stderr()).contains("403").contains("emergency");

        EmergencyWindows windows = EmergencyWindows.open(data);
        windows.open("hotel-1", "kitchen fire alarm", "FIR-17", Duration.ofMinutes(10), Optional.of("test"),
                java.time.Clock.systemUTC());
        awaitTrue(() -> pulled("hotel-1/kitchen/main"));
        awaitTrue(() -> probe("hotel-1/kitchen/main").exitCode() == 0);

        windows.closeSite("hotel-1", java.time.Clock.systemUTC());
        awaitTrue(() -> !pulled("hotel-1/kitchen/main"));
        awaitTrue(() -> probe("hotel-1/kitchen/main").stderr().contains("403"));
        assertThat(probe("hotel-1/kitchen/main").stderr()).contains("403");
    }

    @Test
    void thePolicyInForceAndEachChangeOfItsFileAreAudited() throws Exception {
        awaitTrue(() -> policyRecords().size() == 1);
        assertThat(policyRecords().get(0)).contains("access policy in force at start").contains("[police]");

        Files.writeString(data.resolve("access-policy.yaml"),
                "agencies:\n  - name: police\n    siteTypes: [hotel]\n  - name: fire\n    sites: [hotel-1]\n");
        awaitTrue(() -> policyRecords().size() == 2);
        assertThat(policyRecords().get(1)).contains("access policy changed").contains("[police, fire]");
    }

    @Test
    void theAdminEndpointServesTheCatalogAsJsonAndGeoJsonWithoutPersonalData() throws Exception {
        awaitTrue(() -> pulled("hotel-1/lobby/main"));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + gateway.runtime().adminPort().orElseThrow();
        java.net.http.HttpResponse<String> json = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/catalog")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        java.net.http.HttpResponse<String> geo = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/catalog.geojson")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(json.statusCode()).isEqualTo(200);
        com.fasterxml.jackson.databind.JsonNode doc = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(json.body());
        assertThat(doc.at("/sites/0/id").asText()).isEqualTo("hotel-1");
        assertThat(doc.at("/sites/0/cameras/0/camera").asText()).isEqualTo("lobby");
        assertThat(doc.at("/sites/0/cameras/0/streams/0/published").asBoolean()).isTrue();
        assertThat(doc.at("/sites/0/cameras/1/sharing").asText()).isEqualTo("emergency-only");
        assertThat(doc.at("/sites/0/cameras/1/streams/0/published").asBoolean()).isFalse();
        assertThat(geo.statusCode()).isEqualTo(200);
        assertThat(geo.headers().firstValue("Content-Type")).contains("application/geo+json");
        com.fasterxml.jackson.databind.JsonNode features = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(geo.body());
        assertThat(features.path("type").asText()).isEqualTo("FeatureCollection");
        assertThat(features.at("/features/0/geometry/coordinates").toString()).isEqualTo("[74.3,31.5]");
        assertThat(json.body() + geo.body()).doesNotContain(CAMERA_PASSWORD).doesNotContain("Owner");
    }

    private List<String> policyRecords() {
        return org.cctvgateway.audit.AuditQuery.run(org.cctvgateway.audit.AuditLog.directory(data),
                org.cctvgateway.audit.AuditQuery.Filter.all(1000)).records().stream()
                .filter(r -> r.type().equals(org.cctvgateway.audit.AuditTypes.POLICY_CHANGE))
                .map(r -> r.text(org.cctvgateway.audit.AuditFields.DETAILS).orElse("")).toList();
    }

    private static void awaitTrue(Check condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.holds()) {
            assertThat(System.nanoTime()).as("condition not met within 20 s").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
