package org.cctvgateway.vault;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;

/** AES-256-GCM and Argon2id through BouncyCastle's lightweight API; no state, no logging. */
final class VaultCrypto {
    static final int KEY_BYTES = 32;
    static final int NONCE_BYTES = 12;
    static final int SALT_BYTES = 16;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private VaultCrypto() {
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static byte[] argon2id(String passphrase, byte[] salt, Argon2Settings s) {
        Argon2Parameters p = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(s.memoryKiB())
                .withIterations(s.iterations()).withParallelism(s.parallelism()).build();
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(p);
        byte[] key = new byte[KEY_BYTES];
        char[] chars = passphrase.toCharArray();
        try {
            g.generateBytes(chars, key);
        } finally {
            java.util.Arrays.fill(chars, '\0');
        }
        return key;
    }

    /** Ciphertext followed by the 16-byte tag. */
    static byte[] seal(byte[] key, byte[] nonce, String aad, byte[] plaintext) {
        GCMModeCipher c = cipher(true, key, nonce, aad);
        byte[] out = new byte[c.getOutputSize(plaintext.length)];
        int n = c.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            c.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("GCM encryption cannot fail", e);
        }
        return out;
    }

    /** The plaintext, or null when the tag does not verify (wrong key, altered bytes or other AAD). */
    static byte[] open(byte[] key, byte[] nonce, String aad, byte[] sealed) {
        if (nonce.length != NONCE_BYTES || sealed.length < TAG_BITS / 8) {
            return null;
        }
        GCMModeCipher c = cipher(false, key, nonce, aad);
        byte[] out = new byte[c.getOutputSize(sealed.length)];
        int n = c.processBytes(sealed, 0, sealed.length, out, 0);
        try {
            c.doFinal(out, n);
            return out;
        } catch (InvalidCipherTextException e) {
            return null;
        }
    }

    private static GCMModeCipher cipher(boolean encrypt, byte[] key, byte[] nonce, String aad) {
        GCMModeCipher c = GCMBlockCipher.newInstance(AESEngine.newInstance());
        c.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce,
                aad.getBytes(StandardCharsets.UTF_8)));
        return c;
    }
}
