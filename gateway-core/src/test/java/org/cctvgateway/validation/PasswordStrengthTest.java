package org.cctvgateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.cctvgateway.validation.PasswordStrength.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PasswordStrengthTest {
    private static final String SEQUENCE = "a simple sequence (counting up or down, the alphabet or a keyboard row)";
    private static final List<DefaultCredential> HIKVISION = DefaultCredentials.forMake("HIKVISION");

    /** One judgement: the reasons listed must all be given, and no others. */
    record Case(String name, String user, String password, Level level, List<String> reasons) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("factory default of the make", "admin", "12345", Level.WEAK, List.of(
                        "shorter than 10 characters", "only digits", "a common password",
                        "same as the factory default of Hikvision cameras", SEQUENCE)),
                new Case("common word", "operator", "password", Level.WEAK, List.of("shorter than 10 characters",
                        "a common password")),
                new Case("long digit run", "operator", "1234567890", Level.WEAK, List.of("only digits",
                        "a common password", SEQUENCE)),
                new Case("repeated digit", "operator", "888888", Level.WEAK, List.of("shorter than 10 characters",
                        "only digits", "a common password", "one character repeated")),
                new Case("digits only but long and random", "operator", "58203917465", Level.WEAK,
                        List.of("only digits")),
                new Case("user name inside", "guard-office", "Guard-Office-2024!", Level.WEAK,
                        List.of("contains the user name")),
                new Case("common word dressed up", "operator", "P@ssw0rd2024!", Level.WEAK,
                        List.of("a common password with a few characters added")),
                new Case("swapped letters of a common word", "operator", "Adm1n1strator", Level.WEAK,
                        List.of("a common password")),
                new Case("keyboard row", "operator", "qwertyuiop", Level.WEAK, List.of("a common password",
                        SEQUENCE)),
                new Case("few different characters", "operator", "abababababab", Level.WEAK,
                        List.of("fewer than 4 different characters")),
                new Case("short", "operator", "Kx9zQ", Level.WEAK, List.of("shorter than 10 characters")),
                new Case("ten characters, mixed", "operator", "Tb7#qLm2vR", Level.FAIR,
                        List.of("shorter than 12 characters")),
                new Case("twelve lower-case letters", "operator", "glrmbtquvexo", Level.FAIR, List.of(
                        "only one kind of character (add capitals, digits or symbols, or make it longer)")),
                new Case("long passphrase in lower case", "operator", "copper kettle orbit lantern", Level.STRONG,
                        List.of()),
                new Case("twelve mixed characters", "operator", "Tb7#qLm2vR!x", Level.STRONG, List.of()),
                new Case("the simulator's login", "operator", "Sim-Camera-Pw-7319", Level.STRONG, List.of()),
                new Case("empty", "admin", "", Level.WEAK, List.of("empty")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesEachPasswordWithItsReasons(Case c) {
        PasswordStrength.Assessment a = PasswordStrength.assess(c.user(), c.password(), HIKVISION);
        assertThat(a.level()).as(a.reasons().toString()).isEqualTo(c.level());
        assertThat(a.reasons()).containsExactlyInAnyOrderElementsOf(c.reasons());
        assertThat(a.username()).isEqualTo(c.user());
    }

    @Test
    void aFactoryDefaultIsFlaggedAsSuchForTheMakesItWasJudgedAgainst() {
        assertThat(PasswordStrength.assess("root", "pass", DefaultCredentials.forMake("AXIS")).factoryDefault())
                .isTrue();
        assertThat(PasswordStrength.assess("root", "pass", DefaultCredentials.forMake("AXIS")).reasons())
                .contains("same as the factory default of Axis cameras");
        assertThat(PasswordStrength.assess("admin", "admin", DefaultCredentials.forMake("Hikvision")).reasons())
                .contains("same as a common factory default");
        assertThat(PasswordStrength.assess("root", "pass", List.of()).factoryDefault()).isFalse();
        assertThat(PasswordStrength.assess("admin", "Tb7#qLm2vR!x", HIKVISION).factoryDefault()).isFalse();
    }

    @Test
    void theAssessmentNeverHoldsThePassword() {
        String secret = "Zq-Unique-Secret-4471";
        PasswordStrength.Assessment a = PasswordStrength.assess("operator", secret, HIKVISION);
        assertThat(a.toString()).doesNotContain(secret);
        assertThat(a.reasons()).noneSatisfy(r -> assertThat(r).contains(secret));
    }

    @Test
    void anAssessmentStatesReasonsExactlyWhenNotStrong() {
        assertThatThrownBy(() -> new PasswordStrength.Assessment("a", Level.WEAK, List.of(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordStrength.Assessment("a", Level.STRONG, List.of("short"), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBundledListIsShortAndHoldsTheUsualSuspects() {
        assertThat(PasswordStrength.commonListSize()).isBetween(100, 400);
        for (String p : List.of("123456", "password", "admin", "12345678", "qwerty", "111111", "888888", "666666",
                "abc123", "hikvision")) {
            assertThat(PasswordStrength.assess("u", p, List.of()).reasons()).as(p).contains("a common password");
        }
    }

    @Test
    void helpersUndoSwapsStripEndsAndSpotRuns() {
        assertThat(PasswordStrength.unleet("p@ssw0rd")).isEqualTo("password");
        assertThat(PasswordStrength.stripNonLetters("!!admin2024")).isEqualTo("admin");
        assertThat(PasswordStrength.stripNonLetters("2024")).isEmpty();
        assertThat(PasswordStrength.isRun("fedcba")).isTrue();
        assertThat(PasswordStrength.isRun("lkjhgf")).isTrue();
        assertThat(PasswordStrength.isRun("13579")).isFalse();
        assertThat(PasswordStrength.isRun("abc")).isFalse();
    }
}
