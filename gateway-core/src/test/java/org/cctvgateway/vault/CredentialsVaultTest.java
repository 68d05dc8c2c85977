package org.cctvgateway.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cctvgateway.GatewayException;
import org.cctvgateway.StorageException;
import org.cctvgateway.spi.Credentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CredentialsVaultTest {
    /** Cheap enough for tests; the default stays {@link Argon2Settings#STRONG}. */
    static final Argon2Settings FAST = new Argon2Settings(64, 1, 1);
    static final String PASSWORD = "Correct-Horse-7f3a9c";

    @TempDir
    Path data;

    static Stream<String> keyKinds() {
        return Stream.of("passphrase", "key-file");
    }

    private VaultKey key(String kind) {
        return kind.equals("passphrase") ? new VaultKey.Passphrase("river stone lantern")
                : VaultKey.defaultKeyFile(data);
    }

    private Path vaultFile() {
        return data.resolve("vault/vault.yaml");
    }

    @ParameterizedTest
    @MethodSource("keyKinds")
    void storesAndReadsBackCredentialsAcrossReopening(String kind) throws Exception {
        try (CredentialsVault v = CredentialsVault.open(data, key(kind), FAST)) {
            v.put("lobby", new Credentials("admin", PASSWORD));
            v.put("gate", new Credentials("viewer", "é-ünïcode-пароль"));
        }
        try (CredentialsVault v = CredentialsVault.open(data, key(kind), FAST)) {
            assertThat(v.get("lobby")).contains(new Credentials("admin", PASSWORD));
            assertThat(v.get("gate")).contains(new Credentials("viewer", "é-ünïcode-пароль"));
            assertThat(v.get("nope")).isEmpty();
            assertThat(v.cameraIds()).containsExactly("gate", "lobby");
            assertThat(v.remove("gate")).isTrue();
            assertThat(v.remove("gate")).isFalse();
        }
        try (CredentialsVault v = CredentialsVault.open(data, key(kind), FAST)) {
            assertThat(v.cameraIds()).containsExactly("lobby");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vaultFile()))).isEqualTo("rw-------");
        assertThat(Files.readString(vaultFile())).contains("kind: " + kind.replace("passphrase", "argon2id"));
    }

    @ParameterizedTest
    @MethodSource("keyKinds")
    void theVaultFileDoesNotContainThePassword(String kind) throws Exception {
        try (CredentialsVault v = CredentialsVault.open(data, key(kind), FAST)) {
            v.put("lobby", new Credentials("admin", PASSWORD));
            assertThat(v.toString()).doesNotContain(PASSWORD);
        }
        byte[] file = Files.readAllBytes(vaultFile());
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain(PASSWORD)
                .doesNotContain("river stone lantern").contains("user: admin");
    }

    @Test
    void aVaultOpenInOneProcessSeesWhatAnotherWroteSince() {
        try (CredentialsVault serving = CredentialsVault.open(data, key("key-file"), FAST);
             CredentialsVault enrolling = CredentialsVault.open(data, key("key-file"), FAST)) {
            assertThat(serving.get("cam-2")).isEmpty();
            enrolling.put("cam-2", new Credentials("operator", "Later-Added-Pw-77"));
            assertThat(serving.get("cam-2")).contains(new Credentials("operator", "Later-Added-Pw-77"));
            serving.put("cam-3", new Credentials("viewer", "Third-Pw-31"));
            assertThat(enrolling.cameraIds()).containsExactly("cam-2", "cam-3");
        }
    }

    @Test
    void aWrongPassphraseIsNamedAsSuch() {
        try (CredentialsVault v = CredentialsVault.open(data, new VaultKey.Passphrase("right one"), FAST)) {
            v.put("lobby", new Credentials("admin", PASSWORD));
        }
        assertThatThrownBy(() -> CredentialsVault.open(data, new VaultKey.Passphrase("wrong one"), FAST))
                .isInstanceOf(GatewayException.class).hasMessageContaining("the vault passphrase is wrong")
                .hasMessageNotContaining("wrong one");
    }

    @Test
    void anotherKeyFileDoesNotOpenTheVault() throws Exception {
        CredentialsVault.open(data, key("key-file"), FAST).close();
        Path other = data.resolve("other.key");
        Files.write(other, new byte[32]);
        Files.setPosixFilePermissions(other, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> CredentialsVault.open(data, new VaultKey.KeyFile(other), FAST))
                .isInstanceOf(GatewayException.class).hasMessageContaining("does not open the vault");
    }

    @Test
    void refusesAKeyOfTheOtherKind() {
        CredentialsVault.open(data, key("key-file"), FAST).close();
        assertThatThrownBy(() -> CredentialsVault.open(data, key("passphrase"), FAST))
                .isInstanceOf(GatewayException.class).hasMessageContaining("sealed with a key file");
    }

    @Test
    void createsTheKeyFileOwnerOnlyAndRefusesOneOthersMayRead() throws Exception {
        CredentialsVault.open(data, key("key-file"), FAST).close();
        Path keyFile = data.resolve("vault/vault.key");
        assertThat(Files.size(keyFile)).isEqualTo(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");

        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> CredentialsVault.open(data, key("key-file"), FAST))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining(keyFile.toString()).hasMessageContaining("rw-r--r--")
                .satisfies(e -> assertThat(((GatewayException) e).hint()).isEqualTo("chmod 600 " + keyFile));
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw--w----"));
        assertThatThrownBy(() -> CredentialsVault.open(data, key("key-file"), FAST))
                .isInstanceOf(GatewayException.class).hasMessageContaining("rw--w----");
    }

    @Test
    void aTamperedCiphertextFailsNamingTheCamera() throws Exception {
        try (CredentialsVault v = CredentialsVault.open(data, key("key-file"), FAST)) {
            v.put("lobby", new Credentials("admin", PASSWORD));
            v.put("gate", new Credentials("admin", PASSWORD));
        }
        String text = Files.readString(vaultFile());
        String ct = between(text, "lobby:", "ciphertext: ", "\n");
        char flipped = ct.charAt(2) == 'A' ? 'B' : 'A';
        Files.writeString(vaultFile(), text.replace(ct, ct.substring(0, 2) + flipped + ct.substring(3)));

        try (CredentialsVault v = CredentialsVault.open(data, key("key-file"), FAST)) {
            assertThatThrownBy(() -> v.get("lobby")).isInstanceOf(StorageException.class)
                    .hasMessageContaining("camera lobby").hasMessageContaining("does not decrypt");
            assertThat(v.get("gate")).contains(new Credentials("admin", PASSWORD));
        }
    }

    @Test
    void anEntryMovedToAnotherCameraOrUserDoesNotDecrypt() throws Exception {
        try (CredentialsVault v = CredentialsVault.open(data, key("key-file"), FAST)) {
            v.put("lobby", new Credentials("admin", PASSWORD));
        }
        String text = Files.readString(vaultFile());
        Files.writeString(vaultFile(), text.replace("  lobby:", "  gate:"));
        try (CredentialsVault v = CredentialsVault.open(data, key("key-file"), FAST)) {
            assertThatThrownBy(() -> v.get("gate")).isInstanceOf(StorageException.class)
                    .hasMessageContaining("camera gate");
        }
        Files.writeString(vaultFile(), text.replace("user: admin", "user: root"));
        try (CredentialsVault v = CredentialsVault.open(data, key("key-file"), FAST)) {
            assertThatThrownBy(() -> v.get("lobby")).isInstanceOf(StorageException.class);
        }
    }

    @Test
    void keepsTheArgon2SettingsOfTheFileAndDefaultsToTheStrongOnes() throws Exception {
        CredentialsVault.open(data, key("passphrase"), new Argon2Settings(128, 2, 1)).close();
        assertThat(Files.readString(vaultFile())).contains("memoryKiB: 128").contains("iterations: 2");
        // Opening with other settings for new vaults does not change how this one is opened.
        CredentialsVault.open(data, key("passphrase"), FAST).close();
        assertThat(Argon2Settings.STRONG).isEqualTo(new Argon2Settings(65536, 3, 1));
    }

    @Test
    void aNewPassphraseVaultUsesTheStrongSettingsByDefault() throws Exception {
        try (CredentialsVault v = CredentialsVault.open(data, key("passphrase"))) {
            v.put("lobby", new Credentials("admin", PASSWORD));
        }
        assertThat(Files.readString(vaultFile())).contains("memoryKiB: 65536").contains("iterations: 3")
                .contains("parallelism: 1");
        try (CredentialsVault v = CredentialsVault.open(data, key("passphrase"))) {
            assertThat(v.get("lobby")).contains(new Credentials("admin", PASSWORD));
        }
    }

    @Test
    void aDamagedFileIsNamedWithItsLine() throws Exception {
        CredentialsVault.open(data, key("key-file"), FAST).close();
        Files.writeString(vaultFile(), Files.readString(vaultFile()) + "extra: 1\n");
        assertThatThrownBy(() -> CredentialsVault.open(data, key("key-file"), FAST))
                .isInstanceOf(StorageException.class).hasMessageContaining("is damaged: line ")
                .hasMessageContaining("extra");
    }

    @Test
    void refusesCredentialsWithoutAUserOrForABadId() {
        try (CredentialsVault v = CredentialsVault.open(data, key("key-file"), FAST)) {
            assertThatThrownBy(() -> v.put("lobby", Credentials.none())).isInstanceOf(GatewayException.class)
                    .hasMessageContaining("no user name");
            assertThatThrownBy(() -> v.put("Lobby 1", new Credentials("a", PASSWORD)))
                    .isInstanceOf(GatewayException.class).hasMessageContaining("camera id 'Lobby 1'");
        }
    }

    @Test
    void resolvesTheKeyFromTheNamedVariableOrTheDefaultKeyFile() {
        assertThat(VaultKey.resolve(Optional.empty(), data, Map.<String, String>of()::get))
                .isEqualTo(new VaultKey.KeyFile(data.resolve("vault/vault.key")));
        VaultKey k = VaultKey.resolve(Optional.of("VAULT_PW"), data, Map.of("VAULT_PW", "s3cret words")::get);
        assertThat(k).isEqualTo(new VaultKey.Passphrase("s3cret words"));
        assertThat(k.toString()).doesNotContain("s3cret");
        assertThatThrownBy(() -> VaultKey.resolve(Optional.of("NOPE"), data, Map.<String, String>of()::get))
                .isInstanceOf(GatewayException.class).hasMessageContaining("NOPE").hasMessageContaining("not set");
        assertThatThrownBy(() -> VaultKey.resolve(Optional.of("EMPTY"), data, Map.of("EMPTY", "")::get))
                .isInstanceOf(GatewayException.class).hasMessageContaining("EMPTY").hasMessageContaining("empty");
    }

    @Test
    void aClosedVaultCannotBeUsed() {
        CredentialsVault v = CredentialsVault.open(data, key("key-file"), FAST);
        v.close();
        assertThatThrownBy(() -> v.put("lobby", new Credentials("a", "b"))).isInstanceOf(IllegalStateException.class);
    }

    private static String between(String text, String anchor, String start, String end) {
        int a = text.indexOf(anchor);
        int s = text.indexOf(start, a) + start.length();
        return text.substring(s, text.indexOf(end, s));
    }
}
