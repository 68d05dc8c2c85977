package org.cctvgateway.onvif.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our device service against a real third-party ONVIF client: the npm package {@code onvif}
 * (pinned), installed once into the build folder and run by node. If npm or the registry is
 * unreachable the test fails and says so: it never skips silently.
 */
class NpmOnvifClientTest {
    /** The pinned client version (`npm view onvif version` when written). */
    static final String ONVIF_NPM_VERSION = "0.8.3";
    private static Path workDir;

    @BeforeAll
    static void installClient() throws Exception {
        Path classes = Path.of(NpmOnvifClientTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        workDir = classes.getParent().resolve("npm-onvif-" + ONVIF_NPM_VERSION);
        Files.createDirectories(workDir);
        Path installed = workDir.resolve("node_modules/onvif/package.json");
        if (!Files.exists(installed)) {
            Files.writeString(workDir.resolve("package.json"), "{\"name\":\"onvif-interop\",\"private\":true}");
            Result r = run(List.of("npm", "install", "--no-audit", "--no-fund", "onvif@" + ONVIF_NPM_VERSION), 180);
            assertThat(r.exit()).as("npm install onvif@%s failed; this test needs npm and the npm registry."
                    + " Output:%n%s", ONVIF_NPM_VERSION, r.output()).isZero();
        }
        try (InputStream in = NpmOnvifClientTest.class.getResourceAsStream("onvif-client.js")) {
            Files.copy(in, workDir.resolve("onvif-client.js"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    record Result(int exit, String output) {
    }

    static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                return new Result(-1, command + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    static JsonNode lastJsonLine(String output) throws IOException {
        String[] lines = output.strip().split("\n");
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"media1", "media2"})
    void npmOnvifClientReadsDeviceInformationProfilesAndStreamUri(String media) throws Exception {
        try (OnvifDeviceService svc = OnvifDeviceService.start(InetAddress.getLoopbackAddress(), 0,
                DeviceFixtures.CONFIG)) {
            Result r = run(List.of("node", "onvif-client.js", "127.0.0.1", Integer.toString(svc.port()), "admin",
                    "s3cret!", media), 60);

            assertThat(r.exit()).as(r.output()).isZero();
            JsonNode json = lastJsonLine(r.output());
            assertThat(json.get("media2").asBoolean()).isEqualTo(media.equals("media2"));
            assertThat(json.at("/info/manufacturer").asText()).isEqualTo("Acme Optics");
            assertThat(json.at("/info/model").asText()).isEqualTo("C10-Sim");
            assertThat(json.at("/info/serialNumber").asText()).isEqualTo("SIM0001");
            assertThat(json.at("/profiles/0/token").asText()).isEqualTo("profile_main");
            assertThat(json.at("/profiles/0/encoding").asText()).isEqualTo("H264");
            assertThat(json.at("/profiles/0/width").asInt()).isEqualTo(1280);
            assertThat(json.at("/profiles/1/name").asText()).isEqualTo("subStream");
            assertThat(json.at("/uri").asText()).isEqualTo("rtsp://127.0.0.1:8554/live");
        }
    }

    @Test
    void npmOnvifClientIsRefusedWithAWrongPassword() throws Exception {
        try (OnvifDeviceService svc = OnvifDeviceService.start(InetAddress.getLoopbackAddress(), 0,
                DeviceFixtures.CONFIG)) {
            Result r = run(List.of("node", "onvif-client.js", "127.0.0.1", Integer.toString(svc.port()), "admin",
                    "wrong", "media2"), 60);

            assertThat(r.exit()).as(r.output()).isEqualTo(2);
            assertThat(lastJsonLine(r.output()).get("error").asText()).containsIgnoringCase("not authorized");
        }
    }
}
