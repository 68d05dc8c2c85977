package org.cctvgateway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cctvgateway.registry.Camera;
import org.cctvgateway.registry.CameraState;
import org.cctvgateway.registry.ComplianceSummary;
import org.cctvgateway.registry.Consent;
import org.cctvgateway.registry.DeviceInfo;
import org.cctvgateway.registry.Facing;
import org.cctvgateway.registry.GeoPoint;
import org.cctvgateway.registry.RegistryStore;
import org.cctvgateway.registry.SharingMode;
import org.cctvgateway.registry.Site;
import org.cctvgateway.registry.SiteType;
import org.cctvgateway.registry.StreamProfile;
import org.cctvgateway.registry.StreamRoles;
import org.cctvgateway.validation.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CamerasCommandTest {
    @TempDir
    Path data;

    @BeforeEach
    void enrollTwoCameras() {
        RegistryStore store = RegistryStore.open(data);
        store.addSite(new Site("hotel-1", "Hotel Sunrise", SiteType.HOTEL, "", "", "", Optional.empty()));
        store.addSite(new Site("school-2", "Gate School", SiteType.SCHOOL, "", "", "", Optional.empty()));
        store.enrollCamera(camera("lobby", "hotel-1"));
        store.enrollCamera(camera("gate", "school-2"));
        store.setState("lobby", CameraState.ACTIVE, "");
        store.recordConsent("lobby", new Consent("A. Sharma", Instant.parse("2026-01-01T00:00:00Z"),
                SharingMode.ON_REQUEST, Optional.empty(), "form 117"));
        store.recordCompliance("lobby", new ComplianceSummary("safe-city-baseline", "1.0", Verdict.FAIL,
                Instant.parse("2026-01-01T00:00:00Z"), List.of("device.firmware.known-vulnerable"), List.of()));
    }

    static Camera camera(String id, String site) {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        DeviceInfo device = new DeviceInfo("Acme", "C10", "5.7.1", "SN1", "", "00:11:22:33:44:55", List.of(
                new StreamProfile("main", "mainStream", "H264", 1920, 1080, 25, "rtsp://10.0.0.5/main"),
                new StreamProfile("sub", "subStream", "H264", 640, 360, 15, "rtsp://10.0.0.5/sub")));
        return new Camera(id, site, "onvif", "10.0.0.5:80", device, Optional.of(new GeoPoint(18.9, 72.8)),
                Optional.of(new Facing(90, 84, 12)), new StreamRoles("main", Optional.of("sub")), Optional.empty(),
                CameraState.ENROLLED, Optional.empty(), t, t);
    }

    SitesCommandTest.Run cameras(String... args) {
        List<String> all = new ArrayList<>(List.of("cameras"));
        all.addAll(List.of(args));
        all.addAll(List.of("--data-dir", data.toString()));
        return SitesCommandTest.run(all.toArray(String[]::new));
    }

    @Test
    void listsCamerasFilteredBySiteAndState() throws Exception {
        SitesCommandTest.Run all = cameras("list");
        assertThat(all.exit()).isZero();
        assertThat(all.out()).contains("lobby").contains("gate").contains("on-request").contains("2 camera(s)");

        assertThat(cameras("list", "--site", "school-2").out()).contains("gate").doesNotContain("lobby");
        assertThat(cameras("list", "--state", "active", "--json").out().lines().toList()).hasSize(1);
        JsonNode j = cameras("list", "--state", "active", "--json").json();
        assertThat(j.get("id").asText()).isEqualTo("lobby");
        assertThat(j.get("served").asBoolean()).isTrue();
        assertThat(j.get("consent").get("sharing").asText()).isEqualTo("on-request");
        assertThat(cameras("list", "--state", "retired").out()).contains("No camera matches.");
    }

    @Test
    void showsEverythingOnRecordAsTextAndJson() throws Exception {
        SitesCommandTest.Run text = cameras("show", "lobby");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("Camera lobby on site hotel-1: active, served")
                .contains("sharing on-request, given by A. Sharma").contains("form 117")
                .contains("fail against safe-city-baseline 1.0").contains("device.firmware.known-vulnerable")
                .contains("-> /hotel-1/lobby/main").contains("-> /hotel-1/lobby/sub")
                .contains("bearing 90.0 deg");

        JsonNode j = cameras("show", "lobby", "--json").json();
        assertThat(j.get("device").get("profiles")).hasSize(2);
        assertThat(j.get("streams").get("sub").asText()).isEqualTo("sub");
        assertThat(j.get("compliance").get("verdict").asText()).isEqualTo("fail");
        assertThat(j.get("compliance").get("failing").get(0).asText()).isEqualTo("device.firmware.known-vulnerable");
        assertThat(j.get("facing").get("hfovDeg").asDouble()).isEqualTo(84);
        assertThat(j.has("password")).isFalse();

        assertThat(cameras("show", "gate").out()).contains("not served (it is enrolled)");
    }

    @Test
    void suspendResumeAndRetireSayWhatHappened() throws Exception {
        SitesCommandTest.Run s = cameras("suspend", "lobby", "--reason", "lens cleaning");
        assertThat(s.exit()).isZero();
        assertThat(s.out()).startsWith("Camera lobby suspended").contains("cctv-gateway cameras resume lobby");
        assertThat(cameras("suspend", "lobby").out()).startsWith("Camera lobby is already suspended; nothing changed");

        JsonNode resumed = cameras("resume", "lobby", "--json").json();
        assertThat(resumed.get("detail").asText()).isEqualTo("suspended -> active");
        assertThat(RegistryStore.open(data).snapshot().camera("lobby").orElseThrow().state())
                .isEqualTo(CameraState.ACTIVE);

        assertThat(cameras("resume", "gate").out()).contains("Camera gate is active. It is not served yet: no consent");

        SitesCommandTest.Run retired = cameras("retire", "gate", "--reason", "replaced", "--json");
        JsonNode rj = retired.json();
        assertThat(rj.get("action").asText()).isEqualTo("camera.state");
        assertThat(rj.get("detail").asText()).isEqualTo("active -> retired: replaced");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "resume|nope|1|error: camera nope is not on record (list the cameras with cctv-gateway cameras list)",
        "show|nope|1|error: camera nope is not on record",
        "suspend|Bad Id|1|error: camera id 'Bad Id' is not valid",
        "list|--state=paused|1|error: camera state 'paused' is not known",
        "list|--site=nope|1|error: site nope is not on record",
        "retire|--json|2|Missing required parameter: 'ID'"})
    void badInputGivesOneErrorLineAndLeavesTheRegistryByteIdentical(String cmd, String arg, int exit, String error)
            throws Exception {
        byte[] before = Files.readAllBytes(data.resolve("registry.yaml"));
        SitesCommandTest.Run r = cameras(cmd, arg);
        assertThat(r.exit()).isEqualTo(exit);
        assertThat(r.err()).contains(error);
        assertThat(Files.readAllBytes(data.resolve("registry.yaml"))).isEqualTo(before);
    }

    @Test
    void aRetiredCameraIsNotResumedAndTheFileStaysAsItWas() throws Exception {
        cameras("retire", "gate");
        byte[] before = Files.readAllBytes(data.resolve("registry.yaml"));
        SitesCommandTest.Run r = cameras("resume", "gate");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: camera gate is retired").contains("--camera-id NEW-ID");
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(Files.readAllBytes(data.resolve("registry.yaml"))).isEqualTo(before);
        assertThat(new ObjectMapper().readTree(cameras("show", "gate", "--json").out()).get("state").asText())
                .isEqualTo("retired");
    }
}
