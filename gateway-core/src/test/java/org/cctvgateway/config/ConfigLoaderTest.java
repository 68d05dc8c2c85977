package org.cctvgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.cctvgateway.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void shippedCommentedFileLoadsEqualToTheDefaults() {
        Path shipped = Path.of("..", "examples", "config", "gateway.yaml");
        assertThat(shipped).exists();
        assertThat(loader.load(shipped)).isEqualTo(GatewayConfig.defaults());
    }

    @Test
    void emptyDocumentGivesTheDefaults() {
        assertThat(loader.parse("", "test")).isEqualTo(GatewayConfig.defaults());
        assertThat(loader.parse("# nothing\n", "test")).isEqualTo(GatewayConfig.defaults());
    }

    @Test
    void readsAStreamWithDefaultsFilledIn() {
        GatewayConfig c = loader.parse("""
                streams:
                  - site: hotel-01
                    camera: lobby
                    url: rtsp://127.0.0.1:8554/cam
                    passwordEnv: LOBBY_PW
                ingest:
                  backoffMax: 2m
                """, "test");
        assertThat(c.streams()).singleElement().satisfies(s -> {
            assertThat(s.path()).isEqualTo("hotel-01/lobby/main");
            assertThat(s.transport()).isEqualTo("tcp");
            assertThat(s.passwordEnv()).isEqualTo("LOBBY_PW");
        });
        assertThat(c.ingest().backoffMax()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.ingest().backoffInitial()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void writtenConfigReadsBackEqual() {
        GatewayConfig c = loader.parse("""
                dataDir: /var/lib/cctv-gateway
                server: {port: 9000, sessionTimeout: 90s}
                streams:
                  - {site: s1, camera: c1, profile: sub, url: "rtsp://10.0.0.2/x", transport: udp}
                """, "test");
        assertThat(loader.parse(loader.write(c), "round trip")).isEqualTo(c);
    }

    static Stream<Arguments> badDocuments() {
        return Stream.of(
                Arguments.of("unknown top-level key", "sever:\n  port: 1\n", "sever: unknown key 'sever' (test line 1)"),
                Arguments.of("unknown nested key", "server:\n  prot: 1\n", "server.prot: unknown key 'prot' (test line 2)"),
                Arguments.of("unknown key in a list item",
                        "streams:\n  - site: a\n    camera: b\n    url: rtsp://h/x\n    pasword: x\n",
                        "streams[0].pasword: unknown key 'pasword' (test line 5)"),
                Arguments.of("bad duration", "ingest:\n  connectTimeout: 10 sec\n",
                        "ingest.connectTimeout: '10 sec' has unit 'sec'"),
                Arguments.of("port out of range", "server:\n  port: 70000\n",
                        "server.port: 70000 is not a port number"),
                Arguments.of("bad scheme", "streams:\n  - {site: a, camera: b, url: 'htp://h/x'}\n",
                        "streams[0].url: scheme 'htp' is not rtsp or rtsps"),
                Arguments.of("bad camera id", "streams:\n  - {site: a, camera: 'Lobby Cam', url: 'rtsp://h/x'}\n",
                        "streams[0].camera: 'Lobby Cam' must be"),
                Arguments.of("duplicate path", "streams:\n  - {site: a, camera: b, url: 'rtsp://h/x'}\n"
                        + "  - {site: a, camera: b, url: 'rtsp://h/y'}\n", "streams[1]: path a/b/main is already used"),
                Arguments.of("client cert without CA", "server:\n  tls: {requireClientCertificate: true}\n",
                        "server.tls.requireClientCertificate: needs server.tls.clientCa"),
                Arguments.of("broken YAML", "server: [\n", "not valid YAML"),
                Arguments.of("string for a number", "server:\n  port: eighty\n", "server.port:"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badDocuments")
    void rejectsBadDocumentsNamingTheKeyPath(String name, String yaml, String expected) {
        assertThatThrownBy(() -> loader.parse(yaml, "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(expected);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> loader.parse("server: {port: 65536}\nadmin: {port: -1}\n", "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.port")
                .hasMessageContaining("admin.port");
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.yaml does not exist");
    }

    @Test
    void oversizedFileIsRefused(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.yaml");
        Files.writeString(big, "#".repeat(ConfigLoader.MAX_BYTES + 1));
        assertThatThrownBy(() -> loader.load(big)).hasMessageContaining("limit is " + ConfigLoader.MAX_BYTES);
    }

    @Test
    void sizesAreReadInBinaryUnits() {
        assertThat(loader.parse("server: {viewerSendBuffer: 64KiB}", "t").server().viewerSendBuffer()).isEqualTo(65536);
        assertThat(loader.parse("server: {viewerSendBuffer: 2MiB}", "t").server().viewerSendBuffer()).isEqualTo(2 << 20);
        assertThat(loader.parse("server: {viewerSendBuffer: 0}", "t").server().viewerSendBuffer()).isZero();
        assertThatThrownBy(() -> loader.parse("server: {viewerSendBuffer: 64KB}", "t"))
                .hasMessageContaining("server.viewerSendBuffer: '64KB' has unit 'KB'; use B, KiB, MiB or GiB");
        assertThatThrownBy(() -> loader.parse("server: {viewerSendBuffer: 1GiB}", "t"))
                .hasMessageContaining("server.viewerSendBuffer: 1GiB is outside 0..64MiB");
        for (String s : new String[] {"1500B", "512KiB", "4MiB", "1GiB"}) {
            assertThat(HumanSize.format(HumanSize.parse(s))).isEqualTo(s);
        }
    }

    @Test
    void humanDurationsRoundTrip() {
        for (String s : new String[] {"500ms", "10s", "2m", "3h", "90d"}) {
            assertThat(HumanDuration.format(HumanDuration.parse(s))).isEqualTo(s);
        }
        assertThatThrownBy(() -> HumanDuration.parse("-5s")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HumanDuration.parse("")).isInstanceOf(IllegalArgumentException.class);
    }
}
