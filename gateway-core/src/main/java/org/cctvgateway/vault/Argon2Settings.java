package org.cctvgateway.vault;

import org.cctvgateway.GatewayException;

/**
 * The cost of deriving the vault key from a passphrase with Argon2id (RFC 9106). Stored in the vault
 * file, so a vault made with these settings opens with them even after the defaults are raised.
 *
 * @param memoryKiB memory per derivation, KiB; at least 8 per lane, at most 4 GiB
 * @param iterations passes over the memory, 1..64
 * @param parallelism lanes, 1..16
 */
public record Argon2Settings(int memoryKiB, int iterations, int parallelism) {
    /**
     * The default for new vaults: 64 MiB, 3 passes, 1 lane (the second recommended option of RFC 9106
     * section 4 with its memory lowered to fit a small gateway box; about a quarter second on one core).
     */
    public static final Argon2Settings STRONG = new Argon2Settings(64 * 1024, 3, 1);

    public Argon2Settings {
        if (parallelism < 1 || parallelism > 16) {
            throw new GatewayException("Argon2 parallelism " + parallelism + " is outside 1..16",
                    "use 1 unless the gateway has cores to spare");
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > 4 * 1024 * 1024) {
            throw new GatewayException("Argon2 memory " + memoryKiB + " KiB is outside " + 8 * parallelism
                    + "..4194304 KiB", "the default is 65536 KiB (64 MiB)");
        }
        if (iterations < 1 || iterations > 64) {
            throw new GatewayException("Argon2 iterations " + iterations + " is outside 1..64", "the default is 3");
        }
    }
}
