package org.cctvgateway.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.cctvgateway.GatewayException;
import org.cctvgateway.registry.SharingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What enroll refuses before it touches a camera, and how it reads consent and placement. */
class EnrollCommandTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path data;

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of("unknown site", List.of("--site", "nowhere"), "site nowhere is not on record"),
                Arguments.of("sharing without who consented", List.of("--site", "hotel-1", "--sharing", "continuous"),
                        "--sharing and --consent-by go together"),
                Arguments.of("unknown sharing mode", List.of("--site", "hotel-1", "--sharing", "always",
                        "--consent-by", "A. Khan"), "sharing mode 'always' is not known"),
                Arguments.of("bearing alone", List.of("--site", "hotel-1", "--bearing", "90"),
                        "--bearing, --hfov and --distance go together"),
                Arguments.of("password variable unset", List.of("--site", "hotel-1", "--user", "admin",
                        "--password-env", "ENROLL_TEST_UNSET_VARIABLE"), "ENROLL_TEST_UNSET_VARIABLE is not set"),
                Arguments.of("camera id with capitals", List.of("--site", "hotel-1", "--camera-id", "Lobby"),
                        "Lobby"),
                Arguments.of("bad location", List.of("--site", "hotel-1", "--location", "91,74"), "91"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommandLines")
    void aBadCommandLineIsOneErrorLineAndStoresNothing(String name, List<String> options, String message)
            throws Exception {
        assertThat(SitesCommandTest.run("sites", "add", "--data-dir", data.toString(), "--id", "hotel-1", "--name",
                "Grand Hotel", "--type", "hotel").exit()).isZero();
        byte[] registry = Files.readAllBytes(data.resolve("registry.yaml"));
        List<String> args = new java.util.ArrayList<>(List.of("enroll", "127.0.0.1:9", "--data-dir", data.toString(),
                "--timeout", "1s"));
        args.addAll(options);

        SitesCommandTest.Run r = SitesCommandTest.run(args.toArray(new String[0]));

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().lines().filter(l -> l.startsWith("error: ")).toList()).singleElement()
                .satisfies(l -> assertThat(l).contains(message));
        assertThat(Files.readAllBytes(data.resolve("registry.yaml"))).isEqualTo(registry);
        assertThat(data.resolve("vault")).doesNotExist();
    }

    @Test
    void anUnreachableCameraIsNotEnrolledAndSaysSo() throws Exception {
        SitesCommandTest.run("sites", "add", "--data-dir", data.toString(), "--id", "hotel-1", "--name", "Grand Hotel",
                "--type", "hotel");
        byte[] registry = Files.readAllBytes(data.resolve("registry.yaml"));

        SitesCommandTest.Run r = SitesCommandTest.run("enroll", "127.0.0.1:9", "--data-dir", data.toString(), "--site",
                "hotel-1", "--timeout", "1s", "--sample", "1s");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("error: ");
        assertThat(Files.readAllBytes(data.resolve("registry.yaml"))).isEqualTo(registry);
    }

    @Test
    void theChosenProfilesAreMeasuredAndRecordedAndAnUnknownOneIsNamed() throws Exception {
        SitesCommandTest.run("sites", "add", "--data-dir", data.toString(), "--id", "hotel-1", "--name", "Grand Hotel",
                "--type", "hotel");
        io.netty.channel.MultiThreadIoEventLoopGroup group = org.cctvgateway.rtsp.transport.Transports
                .newEventLoopGroup(1);
        try (org.cctvgateway.cli.simulator.CameraSimulator sim = org.cctvgateway.cli.simulator.CameraSimulator.start(1,
                "127.0.0.1", 0, org.cctvgateway.cli.simulator.Clip.bundledHd(),
                java.util.Optional.of(new org.cctvgateway.spi.Credentials("admin", "Sim-Camera-Pw-4471x")),
                new org.cctvgateway.cli.simulator.CameraSimulator.OnvifOptions(0, java.util.Optional.empty()), group,
                io.micrometer.core.instrument.Clock.SYSTEM)) {
            String onvif = "127.0.0.1:" + sim.cameras().get(0).onvif().orElseThrow().port();

            SitesCommandTest.Run unknown = enroll(onvif, "--data-dir", data.toString(), "--site", "hotel-1",
                    "--user", "admin", "--password-env", "CAM_PW", "--main-profile", "nosuch", "--sample", "1s",
                    "--no-credential-check");
            SitesCommandTest.Run chosen = enroll(onvif, "--data-dir", data.toString(), "--site", "hotel-1",
                    "--user", "admin", "--password-env", "CAM_PW", "--camera-id", "lobby", "--main-profile",
                    "profile_main", "--sub-profile", "none", "--sample", "1s", "--no-credential-check",
                    "--accept-warnings");

            assertThat(unknown.exit()).isEqualTo(1);
            assertThat(unknown.err()).contains("the camera has no stream profile 'nosuch'")
                    .contains("choose one of [profile_main]");
            assertThat(chosen.exit()).as(chosen.out() + chosen.err()).isZero();
            org.cctvgateway.registry.Camera lobby = org.cctvgateway.registry.RegistryStore.open(data).snapshot()
                    .camera("lobby").orElseThrow();
            assertThat(lobby.streams().main()).isEqualTo("profile_main");
            assertThat(lobby.streams().sub()).isEmpty();
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Runs enroll with CAM_PW set, as a user's shell would give it. */
    private static SitesCommandTest.Run enroll(String... args) {
        EnrollCommand command = new EnrollCommand();
        command.environment = name -> name.equals("CAM_PW") ? "Sim-Camera-Pw-4471x" : null;
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(command);
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        int exit = cli.execute(args);
        return new SitesCommandTest.Run(exit, out.toString(), err.toString());
    }

    @Test
    void consentReadsModeWhoAndExpiryAsADateAnInstantOrADuration() {
        assertThat(EnrollCommand.consent(null, null, null, null, NOW)).isEmpty();
        assertThat(EnrollCommand.consent("emergency-only", "A. Khan", "2027-12-31", "form 17", NOW)).hasValueSatisfying(
                c -> {
                    assertThat(c.mode()).isEqualTo(SharingMode.EMERGENCY_ONLY);
                    assertThat(c.consentedBy()).isEqualTo("A. Khan");
                    assertThat(c.expiresAt()).contains(Instant.parse("2028-01-01T00:00:00Z"));
                    assertThat(c.note()).isEqualTo("form 17");
                });
        assertThat(EnrollCommand.expiry("2027-06-01T12:00:00Z", NOW)).contains(Instant.parse("2027-06-01T12:00:00Z"));
        assertThat(EnrollCommand.expiry("30d", NOW)).contains(NOW.plusSeconds(30L * 86400));
        assertThatThrownBy(() -> EnrollCommand.expiry("next year", NOW)).isInstanceOf(GatewayException.class)
                .hasMessageContaining("'next year' is not a date");
        assertThatThrownBy(() -> EnrollCommand.consent(null, null, "2027-12-31", null, NOW))
                .isInstanceOf(GatewayException.class).hasMessageContaining("need --sharing and --consent-by");
        assertThatThrownBy(() -> EnrollCommand.consent("continuous", "A. Khan", "2020-01-01", null, NOW))
                .isInstanceOf(GatewayException.class).hasMessageContaining("is not after");
    }
}
