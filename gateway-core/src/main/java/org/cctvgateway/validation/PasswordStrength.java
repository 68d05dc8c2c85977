package org.cctvgateway.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Judges the password the operator gave for a camera, without keeping it: {@link #assess} returns a level and the
 * reasons in plain words, and the password goes nowhere else (not into the result, a log or an exception).
 *
 * <p>The judgement follows the spirit of NIST SP 800-63B: length and not being guessable matter, composition
 * rules little. A password is {@link Level#WEAK} when it is shorter than {@value #MIN_LENGTH} characters, only
 * digits, contains the user name, is (or is built on) a very common password ({@code common-passwords.txt}, a short
 * hand-written list of the passwords every guessing tool tries first), is the factory default of a make, is one
 * character repeated, a simple run ({@code 123456}, {@code abcdef}, a keyboard row) or uses fewer than 4 different
 * characters. Otherwise it is {@link Level#FAIR} when it is shorter than {@value #GOOD_LENGTH} characters or, under
 * 16 characters, uses one kind of character only; otherwise {@link Level#STRONG}.
 */
public final class PasswordStrength {
    /** Shorter than this is weak. */
    public static final int MIN_LENGTH = 10;
    /** Shorter than this is fair at best. */
    public static final int GOOD_LENGTH = 12;
    /** From this length on, one kind of character is enough (a long passphrase in lower case is fine). */
    static final int PASSPHRASE_LENGTH = 16;

    private static final List<String> KEYBOARD_ROWS = List.of("qwertyuiop", "asdfghjkl", "zxcvbnm", "1234567890",
            "qwertzuiop", "azertyuiop", "1qaz2wsx3edc");

    /** How strong, in order: a rule asking for {@code FAIR} accepts {@code FAIR} and {@code STRONG}. */
    public enum Level {
        WEAK, FAIR, STRONG
    }

    /**
     * The judgement of one login's password. Never holds the password.
     *
     * @param username the user name the password belongs to (not secret: reports name accounts)
     * @param reasons why it is not {@code STRONG}, in plain words ({@code "shorter than 10 characters"}); empty
     *     exactly when the level is {@code STRONG}
     * @param factoryDefault the password is the factory default of a make in the list it was judged against
     */
    public record Assessment(String username, Level level, List<String> reasons, boolean factoryDefault) {
        public Assessment {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(level, "level");
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty() != (level == Level.STRONG)) {
                throw new IllegalArgumentException("a " + level + " password must " + (level == Level.STRONG
                        ? "have no reasons" : "come with its reasons"));
            }
        }
    }

    private PasswordStrength() {
    }

    /**
     * Judges {@code password} of {@code username} against the common list and {@code vendorDefaults} (usually
     * {@link DefaultCredentials#forMake} of the camera's make).
     */
    public static Assessment assess(String username, String password, List<DefaultCredential> vendorDefaults) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(vendorDefaults, "vendorDefaults");
        List<String> weak = new ArrayList<>();
        String lower = password.toLowerCase(Locale.ROOT);
        int length = password.codePointCount(0, password.length());
        if (length == 0) {
            return new Assessment(username, Level.WEAK, List.of("empty"), false);
        }
        if (length < MIN_LENGTH) {
            weak.add("shorter than " + MIN_LENGTH + " characters");
        }
        if (password.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            weak.add("only digits");
        }
        String user = username.toLowerCase(Locale.ROOT).trim();
        if (user.length() >= 3 && lower.contains(user)) {
            weak.add("contains the user name");
        }
        weak.addAll(commonReasons(lower));
        String defaultMake = null;
        for (DefaultCredential d : vendorDefaults) {
            if (!d.password().isEmpty() && d.password().equalsIgnoreCase(password)) {
                defaultMake = d.make();
                break;
            }
        }
        if (defaultMake != null) {
            weak.add(defaultMake.equals("generic") ? "same as a common factory default"
                    : "same as the factory default of " + capitalised(defaultMake) + " cameras");
        }
        long distinct = password.codePoints().distinct().count();
        if (distinct == 1 && length > 1) {
            weak.add("one character repeated");
        } else if (isRun(lower)) {
            weak.add("a simple sequence (counting up or down, the alphabet or a keyboard row)");
        } else if (distinct < 4 && length > 1) {
            weak.add("fewer than 4 different characters");
        }
        if (!weak.isEmpty()) {
            return new Assessment(username, Level.WEAK, weak, defaultMake != null);
        }
        List<String> fair = new ArrayList<>();
        if (length < GOOD_LENGTH) {
            fair.add("shorter than " + GOOD_LENGTH + " characters");
        }
        if (length < PASSPHRASE_LENGTH && kinds(password) == 1) {
            fair.add("only one kind of character (add capitals, digits or symbols, or make it longer)");
        }
        return new Assessment(username, fair.isEmpty() ? Level.STRONG : Level.FAIR, fair, false);
    }

    /** "a common password", or "built on a common password" when a common one is wrapped in digits or symbols. */
    private static List<String> commonReasons(String lower) {
        Set<String> common = Common.PASSWORDS;
        if (common.contains(lower) || common.contains(unleet(lower))) {
            return List.of("a common password");
        }
        String core = stripNonLetters(lower);
        if (core.length() >= 4 && (common.contains(core) || common.contains(unleet(core))
                || common.contains(stripNonLetters(unleet(lower))))) {
            return List.of("a common password with a few characters added");
        }
        return List.of();
    }

    /** Undoes the usual letter-for-digit swaps ({@code p@ssw0rd}). */
    static String unleet(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '0': b.append('o'); break;
                case '1': case '!': b.append('i'); break;
                case '3': b.append('e'); break;
                case '4': case '@': b.append('a'); break;
                case '5': case '$': b.append('s'); break;
                case '7': b.append('t'); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }

    /** Drops digits and symbols from both ends: {@code "!admin2024"} gives {@code "admin"}. */
    static String stripNonLetters(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && !Character.isLetter(s.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    /** Every step up or down by one ({@code 4567}, {@code fedcba}), or a stretch of a keyboard row. */
    static boolean isRun(String lower) {
        if (lower.length() < 4) {
            return false;
        }
        int step = lower.charAt(1) - lower.charAt(0);
        boolean run = step == 1 || step == -1;
        for (int i = 2; run && i < lower.length(); i++) {
            run = lower.charAt(i) - lower.charAt(i - 1) == step;
        }
        if (run) {
            return true;
        }
        String reversed = new StringBuilder(lower).reverse().toString();
        for (String row : KEYBOARD_ROWS) {
            if (row.contains(lower) || row.contains(reversed)) {
                return true;
            }
        }
        return false;
    }

    private static int kinds(String s) {
        boolean lowerCase = false;
        boolean upperCase = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (Character.isLowerCase(c)) {
                lowerCase = true;
            } else if (Character.isUpperCase(c)) {
                upperCase = true;
            } else {
                other = true;
            }
        }
        return (lowerCase ? 1 : 0) + (upperCase ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    private static String capitalised(String make) {
        return make.isEmpty() ? make : make.substring(0, 1).toUpperCase(Locale.ROOT) + make.substring(1);
    }

    /** The bundled list, read once; immutable. */
    private static final class Common {
        static final Set<String> PASSWORDS = load();

        private static Set<String> load() {
            try (InputStream in = PasswordStrength.class.getResourceAsStream("common-passwords.txt")) {
                if (in == null) {
                    throw new IllegalStateException("common-passwords.txt is missing from the jar");
                }
                Set<String> out = new HashSet<>();
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String t = line.strip();
                    if (!t.isEmpty() && !t.startsWith("#")) {
                        out.add(t.toLowerCase(Locale.ROOT));
                    }
                }
                return Set.copyOf(out);
            } catch (IOException e) {
                throw new IllegalStateException("bundled common-passwords.txt cannot be read", e);
            }
        }
    }

    /** The size of the bundled list (for tests and the documentation). */
    static int commonListSize() {
        return Common.PASSWORDS.size();
    }
}
