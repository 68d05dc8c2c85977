package org.cctvgateway.cli;

import org.cctvgateway.testing.ExternalProcess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as scripts see it: exit codes, one-line errors, JSON lines. */
class CommandLineIT {
    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
        List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).filter(l -> !l.matches("^\\d\\d:\\d\\d:\\d\\d.*")).toList();
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void badConfigurationIsOneLineNamingTheKeyAndExitsOne() throws Exception {
        Path cfg = tmp.resolve("gateway.yaml");
        Files.writeString(cfg, "server:\n  prot: 8322\nstreams:\n  - {site: a, camera: b, url: 'htp://x/y'}\n");
        Run r = run("serve", "--config", cfg.toString(), "--duration", "1s");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().satisfies(l -> assertThat(l)
                .startsWith("error: server.prot: unknown key").contains("line 2").contains("known keys here"));
    }

    @Test
    void invalidValuesAreAllReportedOnOneLine() throws Exception {
        Path cfg = tmp.resolve("gateway.yaml");
        Files.writeString(cfg, "streams:\n  - {site: a, camera: 'Lobby Cam', url: 'htp://x/y'}\n");
        Run r = run("serve", "--config", cfg.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().satisfies(l -> assertThat(l)
                .contains("streams[0].camera").contains("streams[0].url: scheme 'htp' is not rtsp or rtsps"));
    }

    @Test
    void missingConfigurationFileIsNamed() {
        Run r = run("serve", "--config", tmp.resolve("nope.yaml").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.errLines()).singleElement().satisfies(l -> assertThat(l).contains("nope.yaml does not exist"));
    }

    @Test
    void portInUseIsOneClearLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path cfg = tmp.resolve("gateway.yaml");
            Files.writeString(cfg, "dataDir: " + tmp.resolve("data") + "\nserver: {bind: 127.0.0.1, port: "
                    + taken.getLocalPort() + "}\nadmin: {port: 0}\n");
            Run r = run("serve", "--config", cfg.toString(), "--duration", "1s");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.errLines()).singleElement().satisfies(l -> assertThat(l)
                    .startsWith("error: ").contains("port " + taken.getLocalPort()).contains("already in use"));
        }
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitTwo() {
        Run r = run("simulate", "--camras", "2");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("'--camras'").contains("Possible solutions: --cameras");
    }

    @Test
    void serveWithoutConfigurationSaysHowToAddACamera() throws Exception {
        Path cfg = tmp.resolve("gateway.yaml");
        Files.writeString(cfg, "dataDir: " + tmp.resolve("data") + "\nserver: {bind: 127.0.0.1, port: 0}\nadmin: {port: 0}\n");
        Run r = run("serve", "--config", cfg.toString(), "--duration", "1s");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("No cameras to re-publish yet").contains("cctv-gateway enroll HOST --site ID")
                .contains("examples/config/gateway.yaml");
    }

    @Test
    void simulateJsonPrintsOneLinePerCameraThatFfprobeCanOpen() throws Exception {
        PipedLines lines = new PipedLines();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(lines.writer(),
                new PrintWriter(new StringWriter(), true), "simulate", "--json", "--cameras", "2", "--port", "0",
                "--duration", "20s"));
        List<JsonNode> cams = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            cams.add(new ObjectMapper().readTree(lines.next(Duration.ofSeconds(30))));
        }
        assertThat(cams).extracting(c -> c.path("camera").asText()).containsExactly("cam-1", "cam-2");
        String url = cams.get(1).path("url").asText();
        assertThat(url).matches("rtsp://127\\.0\\.0\\.1:\\d+/live");
        try (ExternalProcess probe = ExternalProcess.start("ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                "-show_entries", "stream=codec_name", "-of", "csv=p=0", url)) {
            ExternalProcess.Result r = probe.await(Duration.ofSeconds(30));
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout().trim()).isEqualTo("h264");
        }
        assertThat(exit.get(40, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void demoEnrollsTwoCamerasRefusesTheFailingOneAndItsWatchCommandWorksOnlyWithTheCertificate()
            throws Exception {
        PipedLines lines = new PipedLines();
        Path data = tmp.resolve("demo-data");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(lines.writer(),
                new PrintWriter(new StringWriter(), true), "demo", "--json", "--port", "0", "--admin-port", "0",
                "--data-dir", data.toString(), "--sample", "2s", "--duration", "45s"));
        List<JsonNode> cameras = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            cameras.add(new ObjectMapper().readTree(lines.next(Duration.ofSeconds(60))));
        }
        assertThat(cameras).extracting(s -> s.path("site").asText() + "/" + s.path("camera").asText())
                .containsExactly("hotel-1/lobby", "plaza-1/entrance", "school-1/gate");
        assertThat(cameras).extracting(s -> s.path("enrolled").asBoolean()).containsExactly(true, true, false);
        JsonNode school = cameras.get(2);
        assertThat(school.path("verdict").asText()).isEqualTo("fail");
        assertThat(school.path("failing").toString()).isEqualTo("[\"main-resolution\"]");
        assertThat(school.path("url").isMissingNode()).isTrue();
        JsonNode lobby = cameras.get(0);
        assertThat(lobby.path("state").asText()).isEqualTo("streaming");
        assertThat(lobby.path("url").asText()).matches("rtsps://127\\.0\\.0\\.1:\\d+/hotel-1/lobby/main");

        // Without the agency's certificate the stream is refused.
        ExternalProcess.Result anonymous = ExternalProcess.run(List.of("ffprobe", "-v", "error", "-show_entries",
                "stream=codec_name", "-of", "csv=p=0", lobby.path("url").asText()), Duration.ofSeconds(30));
        assertThat(anonymous.exitCode()).isNotZero();
        assertThat(anonymous.stderr()).contains("401");

        // The printed connector command, on a free port, then the printed player command as ffprobe.
        int listen;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listen = s.getLocalPort();
        }
        List<String> connect = new ArrayList<>(List.of(lobby.path("connect").asText()
                .replace("127.0.0.1:8554", "127.0.0.1:" + listen).split(" ")));
        assertThat(connect.get(1)).isEqualTo("connect");
        connect = new ArrayList<>(connect.subList(1, connect.size()));
        connect.addAll(List.of("--duration", "20s"));
        String[] connectArgs = connect.toArray(new String[0]);
        PipedLines connectOut = new PipedLines();
        CompletableFuture<Integer> connector = CompletableFuture.supplyAsync(() -> Main.run(connectOut.writer(),
                new PrintWriter(new StringWriter(), true), connectArgs));
        assertThat(connectOut.next(Duration.ofSeconds(20))).startsWith("Listening on rtsp://127.0.0.1:" + listen);
        String watch = lobby.path("watch").asText().replace("127.0.0.1:8554", "127.0.0.1:" + listen);
        List<String> cmd = new ArrayList<>(List.of(watch.replaceFirst("^ffplay", "ffprobe -v error -show_entries "
                + "stream=codec_name,width,height -of csv=p=0").split(" ")));
        ExternalProcess.Result r = ExternalProcess.run(cmd, Duration.ofSeconds(30));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().trim()).isEqualTo("h264,1280,720");

        assertThat(connector.get(40, TimeUnit.SECONDS)).isZero();
        assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
        Run verify = run("audit", "verify", "--data-dir", data.toString());
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
        Run show = run("audit", "show", "--data-dir", data.toString(), "--json", "--limit", "1000");
        assertThat(show.out()).contains("\"type\":\"enrollment.refused\"").contains("\"type\":\"stream.session\"")
                .contains("\"type\":\"access.refused\"").contains("\"certificate.issued\"");
    }
}
