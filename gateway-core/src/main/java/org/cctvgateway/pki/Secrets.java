package org.cctvgateway.pki;

import java.security.SecureRandom;

/** Random secrets people may have to type: letters and digits only, no quoting trouble in shells. */
final class Secrets {
    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Secrets() {
    }

    /** {@code length} characters from [A-Za-z0-9], each about 5.95 bits. */
    static String base62(SecureRandom random, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }
}
