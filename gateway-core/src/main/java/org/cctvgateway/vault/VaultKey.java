package org.cctvgateway.vault;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.cctvgateway.GatewayException;

/**
 * Where the vault key comes from: a passphrase (stretched with Argon2id) or a key file of 32 random
 * bytes that only its owner may read. {@code toString()} never shows a passphrase.
 */
public sealed interface VaultKey permits VaultKey.Passphrase, VaultKey.KeyFile {
    /** A passphrase, never empty. */
    record Passphrase(String value) implements VaultKey {
        public Passphrase {
            Objects.requireNonNull(value, "value");
            if (value.isEmpty()) {
                throw new GatewayException("the vault passphrase is empty", "give a passphrase of several words");
            }
        }

        @Override
        public String toString() {
            return "Passphrase[***]";
        }
    }

    /** A key file; created with mode 0600 when the vault is created, refused when others may read it. */
    record KeyFile(Path path) implements VaultKey {
        public KeyFile {
            Objects.requireNonNull(path, "path");
        }
    }

    /** The default key file of a data directory: {@code DATA/vault/vault.key}. */
    static KeyFile defaultKeyFile(Path dataDir) {
        return new KeyFile(dataDir.resolve(CredentialsVault.DIR).resolve(CredentialsVault.KEY_FILE_NAME));
    }

    /** {@link #resolve(Optional, Path, Function)} with the process environment. */
    static VaultKey resolve(Optional<String> passphraseEnv, Path dataDir) {
        return resolve(passphraseEnv, dataDir, System::getenv);
    }

    /**
     * The key the command line asked for: the passphrase in the environment variable named by
     * {@code passphraseEnv}, or else the default key file of {@code dataDir}.
     *
     * @param env reads an environment variable (a map's {@code get} in tests)
     * @throws GatewayException when the variable is not set or is empty, naming it
     */
    static VaultKey resolve(Optional<String> passphraseEnv, Path dataDir, Function<String, String> env) {
        if (passphraseEnv.isEmpty()) {
            return defaultKeyFile(dataDir);
        }
        String name = passphraseEnv.get();
        String value = env.apply(name);
        if (value == null) {
            throw new GatewayException("environment variable " + name + " (the vault passphrase) is not set",
                    "export " + name + " first, or leave out --vault-passphrase-env to use the key file "
                            + defaultKeyFile(dataDir).path());
        }
        if (value.isEmpty()) {
            throw new GatewayException("environment variable " + name + " (the vault passphrase) is empty",
                    "put the passphrase in " + name);
        }
        return new Passphrase(value);
    }
}
