package org.cctvgateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cctvgateway.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StandardsLoaderTest {
    private static final String HEAD = """
            schema: 1
            id: site
            version: "1"
            title: Site
            doriEdition: "2025"
            rules:
            """;
    private final StandardsLoader loader = new StandardsLoader();

    private static String rule(String check) {
        return """
                  - id: r1
                    severity: fail
                    description: d
                    check: %s
                    fixHint: do it
                """.formatted(check);
    }

    @Test
    void bothBundledStandardsLoadUnderTheirNames() {
        assertThat(loader.bundledNames()).containsExactly("safe-city-baseline", "safe-city-evidence");
        StandardsProfile base = loader.bundled("safe-city-baseline");
        StandardsProfile evidence = loader.bundled("safe-city-evidence.yaml");
        assertThat(base.id()).isEqualTo(StandardsLoader.DEFAULT);
        assertThat(evidence.id()).isEqualTo("safe-city-evidence");
        assertThat(base.unknownFails()).isFalse();
        assertThat(evidence.unknownFails()).isTrue();
        assertThat(evidence.rules()).anySatisfy(r -> assertThat(r.check())
                .isEqualTo(new Check.MinResolution("main", 1920, 1080)));
        assertThat(evidence.rules()).anySatisfy(r -> assertThat(r.check())
                .isEqualTo(new Check.MinPixelDensity("main", DoriLevel.IDENTIFY)));
        assertThat(loader.resolve("safe-city-evidence")).isEqualTo(evidence);
        assertThat(base.rules()).anySatisfy(r -> {
            assertThat(r.id()).isEqualTo("weak-credentials");
            assertThat(r.severity()).isEqualTo(Severity.WARN);
            assertThat(r.check()).isEqualTo(new Check.MinPasswordStrength(PasswordStrength.Level.FAIR));
        });
        assertThat(evidence.rules()).anySatisfy(r -> {
            assertThat(r.id()).isEqualTo("weak-credentials");
            assertThat(r.severity()).isEqualTo(Severity.FAIL);
            assertThat(r.check()).isEqualTo(new Check.MinPasswordStrength(PasswordStrength.Level.STRONG));
        });
    }

    @Test
    void readsASiteFileWithEveryFieldAndEditionAndCaseInsensitiveEnums() {
        StandardsProfile p = loader.parse(HEAD + rule("{type: minPixelDensity, role: main, level: Identify}")
                .replace("severity: fail", "severity: WARN"), "site.yaml");
        assertThat(p.doriEdition()).isEqualTo(DoriEdition.IEC_62676_4_2025);
        assertThat(p.rules().get(0).severity()).isEqualTo(Severity.WARN);
        assertThat(p.rules().get(0).check()).isEqualTo(new Check.MinPixelDensity("main", DoriLevel.IDENTIFY));
        assertThat(p.description()).isEmpty();
    }

    @Test
    void resolvesAFilePath(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mine.yaml");
        Files.writeString(f, HEAD + rule("{type: ntpConfigured}"));
        assertThat(loader.resolve(f.toString()).id()).isEqualTo("site");
        assertThatThrownBy(() -> loader.resolve(dir.resolve("none.yaml").toString()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> loader.bundled("city")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("no bundled standard named 'city'");
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("unknown key", HEAD + rule("{type: ntpConfigured}") + "    colour: red\n",
                        "rules[0].colour", "unknown key 'colour' (site.yaml line 12)"),
                Arguments.of("unknown top key", "schema: 1\nauthor: me\n", "author", "line 2"),
                Arguments.of("bad severity", HEAD + rule("{type: ntpConfigured}").replace("fail", "fatal"),
                        "rules[0].severity", "line 8"),
                Arguments.of("bad threshold", HEAD + rule("{type: minResolution, role: main, width: 0, height: 9}"),
                        "rules[0].check", "width 0.0 is outside 1..16384 (site.yaml line 10)"),
                Arguments.of("bad role", HEAD + rule("{type: maxGop, role: side, seconds: 2}"),
                        "rules[0].check", "role 'side' is not main or sub"),
                Arguments.of("password level weak", HEAD + rule("{type: minPasswordStrength, level: weak}"),
                        "rules[0].check", "level weak accepts every password; use fair or strong"),
                Arguments.of("password level missing", HEAD + rule("{type: minPasswordStrength}"),
                        "rules[0].check", "level is missing"),
                Arguments.of("unknown check type", HEAD + rule("{type: maxBrightness}"),
                        "rules[0].check", "maxBrightness"),
                Arguments.of("bad edition", HEAD.replace("\"2025\"", "\"2020\"") + rule("{type: ntpConfigured}"),
                        "doriEdition", "doriEdition '2020' is not 2015 or 2025 (site.yaml line 5)"),
                Arguments.of("schema 2", HEAD.replace("schema: 1", "schema: 2") + rule("{type: ntpConfigured}"),
                        "schema", "2 is not supported (site.yaml line 1)"),
                Arguments.of("no schema", HEAD.replace("schema: 1\n", "") + rule("{type: ntpConfigured}"),
                        "schema", "is missing"),
                Arguments.of("no rules", HEAD + "  []\n", "", "rules is missing or empty"),
                Arguments.of("duplicate rule id", HEAD + rule("{type: ntpConfigured}") + rule("{type: clockWithin,"
                        + " seconds: 1}"), "", "rule id 'r1' is used twice"),
                Arguments.of("missing fix hint", HEAD + rule("{type: ntpConfigured}").replace("    fixHint: do it\n",
                        ""), "rules[0]", "fixHint is missing"),
                Arguments.of("not YAML", "schema: 1\nid: \"open\n", "", "not valid YAML"),
                Arguments.of("empty", "", "", "empty"),
                Arguments.of("only a comment", "# nothing\n", "", "empty"),
                Arguments.of("rules not a list", HEAD + "  r1\n", "rules", "line 6"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void rejectsBadFilesWithPathAndLine(String name, String yaml, String path, String message) {
        assertThatThrownBy(() -> loader.parse(yaml, "site.yaml")).isInstanceOfSatisfying(ConfigException.class,
                e -> {
                    assertThat(e.path()).isEqualTo(path);
                    assertThat(e.getMessage()).contains(message);
                    assertThat(e.hint()).isNotBlank();
                });
    }
}
