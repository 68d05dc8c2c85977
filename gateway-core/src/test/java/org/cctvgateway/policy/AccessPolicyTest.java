package org.cctvgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.cctvgateway.ConfigException;
import org.cctvgateway.registry.SharingMode;
import org.cctvgateway.registry.SiteType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AccessPolicyTest {
    @TempDir
    Path dir;

    @Test
    void readsAgenciesWithTheirReachAndModes() {
        AccessPolicy p = AccessPolicy.parse("""
                agencies:
                  - name: police
                    siteTypes: [hotel, housing-society]
                  - name: fire
                    sites: [plaza-1]
                    cameras: [hotel-1/lobby]
                    sharingModes: [emergency-only]
                """, "test.yaml");

        AgencyGrant police = p.grant("police").orElseThrow();
        assertThat(police.siteTypes()).containsExactlyInAnyOrder(SiteType.HOTEL, SiteType.HOUSING_SOCIETY);
        assertThat(police.sharingModes()).isEqualTo(AgencyGrant.SERVABLE_MODES);
        AgencyGrant fire = p.grant("fire").orElseThrow();
        assertThat(fire.sites()).containsExactly("plaza-1");
        assertThat(fire.cameras()).containsExactly("hotel-1/lobby");
        assertThat(fire.sharingModes()).containsExactly(SharingMode.EMERGENCY_ONLY);
        assertThat(p.grant("army")).isEmpty();
        assertThat(p.present()).isTrue();
    }

    @Test
    void missingFileIsAPolicyThatGrantsNothing() {
        AccessPolicy p = AccessPolicy.load(dir.resolve("access-policy.yaml"));

        assertThat(p.present()).isFalse();
        assertThat(p.agencies()).isEmpty();
    }

    @Test
    void loadsTheShippedExample() {
        Path example = Path.of("../examples/config/access-policy.yaml");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(example),
                "example not found from " + Path.of("").toAbsolutePath());

        AccessPolicy p = AccessPolicy.load(example);

        assertThat(p.agencies()).extracting(AgencyGrant::name).contains("police");
    }

    @Test
    void reloadingPolicyFollowsEditsAndGrantsNothingWhileTheFileIsBroken() throws Exception {
        Path file = dir.resolve("access-policy.yaml");
        var policy = AccessPolicy.reloading(file, java.time.Duration.ZERO);
        assertThat(policy.get().present()).isFalse();

        org.cctvgateway.internal.AtomicFiles.write(file, "agencies:\n  - name: police\n".getBytes(),
                org.cctvgateway.internal.AtomicFiles.Permissions.DEFAULT);
        assertThat(policy.get().grant("police")).isPresent();

        org.cctvgateway.internal.AtomicFiles.write(file, "agencies:\n  - nme: police\n".getBytes(),
                org.cctvgateway.internal.AtomicFiles.Permissions.DEFAULT);
        AccessPolicy broken = policy.get();
        assertThat(broken.agencies()).isEmpty();
        assertThat(broken.problem()).get().asString().contains("unknown key 'nme'");
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("unknown key", "agencies:\n  - name: police\n    siteType: [hotel]\n",
                        Set.of("agencies[0]", "unknown key 'siteType'", "line 3")),
                Arguments.of("bad site type",
                        "agencies:\n  - name: police\n    siteTypes:\n      - hotel\n      - hotl\n",
                        Set.of("agencies[0].siteTypes[1]", "site type 'hotl' is not known", "line 5")),
                Arguments.of("bad mode", "agencies:\n  - name: police\n    sharingModes: [sometimes]\n",
                        Set.of("sharing mode 'sometimes' is not known", "line 3")),
                Arguments.of("off granted", "agencies:\n  - name: police\n    sharingModes: [off]\n",
                        Set.of("'off' cannot be granted", "line 2")),
                Arguments.of("bad camera", "agencies:\n  - name: police\n  - name: fire\n    cameras: [lobby]\n",
                        Set.of("agencies[1]", "camera 'lobby' is not of the form site/camera", "line 3")),
                Arguments.of("bad agency name", "agencies:\n  - name: Police\n", Set.of("'Police' is not valid")),
                Arguments.of("missing name", "agencies:\n  - sites: [a]\n", Set.of("name is missing")),
                Arguments.of("twice", "agencies:\n  - name: police\n  - name: fire\n  - name: police\n",
                        Set.of("agencies[2]", "listed twice", "line 4")),
                Arguments.of("top-level typo", "agency:\n  - name: police\n", Set.of("unknown key 'agency'", "line 1")),
                Arguments.of("not yaml", "agencies: [\n", Set.of("policy.yaml line 1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void rejectsBadFilesNamingPathAndLine(String name, String yaml, Set<String> expected) {
        assertThatThrownBy(() -> AccessPolicy.parse(yaml, "policy.yaml"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(expected));
    }
}
