package org.cctvgateway.vault;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.cctvgateway.GatewayException;
import org.cctvgateway.StorageException;
import org.cctvgateway.config.YamlLines;
import org.cctvgateway.internal.AtomicFiles;
import org.cctvgateway.internal.FileLocks;
import org.cctvgateway.internal.YamlMappers;
import org.cctvgateway.registry.Ids;
import org.cctvgateway.spi.Credentials;

/**
 * Camera passwords, encrypted at rest in {@code DATA/vault/vault.yaml} (mode 0600).
 *
 * <p>File layout: {@code formatVersion}, {@code kdf} ({@code kind: argon2id} with its memory, iterations,
 * parallelism and salt, or {@code kind: key-file}), {@code keyCheck} (an AES-GCM tag over nothing, so a
 * wrong key is named as such instead of failing on every entry) and {@code entries}
 * ({@code CAMERA-ID: {user, nonce, ciphertext}}). Each password is sealed with AES-256-GCM under a fresh
 * random 96-bit nonce, with the authenticated data {@code cctv-gateway/vault/v1/camera/ID/user/USER}:
 * an entry moved to another camera, or whose user name was edited, does not decrypt.
 *
 * <p>The user name is kept in clear (but authenticated): it is not the secret, and an operator rotating
 * passwords or answering an audit can see which account each camera uses without the key.
 *
 * <p>Every change is written with {@link AtomicFiles} before the method returns. Thread-safe.
 * {@link #close()} wipes the key from memory.
 */
public final class CredentialsVault implements AutoCloseable {
    /** The folder under the data directory. */
    public static final String DIR = "vault";
    /** The vault file in {@link #DIR}. */
    public static final String FILE_NAME = "vault.yaml";
    /** The default key file in {@link #DIR}. */
    public static final String KEY_FILE_NAME = "vault.key";
    /** The lock file beside the vault, held by each change from re-reading the vault to writing it. */
    public static final String LOCK_FILE_NAME = "vault.lock";
    /** The file layout this code writes. */
    public static final int FORMAT_VERSION = 1;

    static final String KIND_ARGON2ID = "argon2id";
    static final String KIND_KEY_FILE = "key-file";
    private static final int MAX_BYTES = 8 << 20;
    private static final String KEY_CHECK_AAD = "cctv-gateway/vault/v" + FORMAT_VERSION + "/key-check";
    private static final ObjectMapper MAPPER = mapper();

    record Doc(Integer formatVersion, Kdf kdf, String keyCheck, Map<String, Entry> entries) {
    }

    record Kdf(String kind, Integer memoryKiB, Integer iterations, Integer parallelism, String salt) {
    }

    record Entry(String user, String nonce, String ciphertext) {
    }

    private final Path file;
    private final Kdf kdf;
    private final String keyCheck;
    private final TreeMap<String, Entry> entries;
    private byte[] key;
    private byte[] lastSeen;

    private CredentialsVault(Path file, Kdf kdf, String keyCheck, Map<String, Entry> entries, byte[] key) {
        this.file = file;
        this.kdf = kdf;
        this.keyCheck = keyCheck;
        this.entries = new TreeMap<>(entries);
        this.key = key;
    }

    /** Opens (or creates, with {@link Argon2Settings#STRONG}) the vault of {@code dataDir}. */
    public static CredentialsVault open(Path dataDir, VaultKey key) {
        return open(dataDir, key, Argon2Settings.STRONG);
    }

    /**
     * Opens the vault of {@code dataDir} with {@code key}, or creates an empty one sealed with it when there
     * is none yet (a key file that does not exist is then created, 32 random bytes, mode 0600).
     *
     * @param forNewVault the Argon2id cost for a new passphrase vault; an existing vault uses its own
     * @throws GatewayException when the key is wrong, of the other kind, or a key file others may read
     */
    public static CredentialsVault open(Path dataDir, VaultKey key, Argon2Settings forNewVault) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(forNewVault, "forNewVault");
        Path file = dataDir.resolve(DIR).resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return create(file, key, forNewVault);
        }
        Doc doc = read(file);
        byte[] k = derive(file, doc.kdf(), key);
        byte[] check = decode(file, "keyCheck", doc.keyCheck());
        if (check.length < VaultCrypto.NONCE_BYTES || VaultCrypto.open(k, Arrays.copyOf(check,
                VaultCrypto.NONCE_BYTES), KEY_CHECK_AAD, Arrays.copyOfRange(check, VaultCrypto.NONCE_BYTES,
                check.length)) == null) {
            Arrays.fill(k, (byte) 0);
            if (key instanceof VaultKey.Passphrase) {
                throw new GatewayException("the vault passphrase is wrong (" + file + ")",
                        "check the passphrase in the variable named by --vault-passphrase-env");
            }
            throw new GatewayException("the key file " + ((VaultKey.KeyFile) key).path() + " does not open the vault "
                    + file, "use the key file made with this vault; restore it from your backup");
        }
        return new CredentialsVault(file, doc.kdf(), doc.keyCheck(), doc.entries() == null ? Map.of()
                : doc.entries(), k);
    }

    private static CredentialsVault create(Path file, VaultKey key, Argon2Settings settings) {
        ensurePrivateDir(file.getParent());
        Kdf kdf;
        byte[] k;
        if (key instanceof VaultKey.Passphrase p) {
            byte[] salt = VaultCrypto.random(VaultCrypto.SALT_BYTES);
            kdf = new Kdf(KIND_ARGON2ID, settings.memoryKiB(), settings.iterations(), settings.parallelism(),
                    b64(salt));
            k = VaultCrypto.argon2id(p.value(), salt, settings);
        } else {
            Path keyFile = ((VaultKey.KeyFile) key).path();
            if (!Files.exists(keyFile)) {
                byte[] fresh = VaultCrypto.random(VaultCrypto.KEY_BYTES);
                AtomicFiles.write(keyFile, fresh, AtomicFiles.Permissions.OWNER_ONLY);
                Arrays.fill(fresh, (byte) 0);
            }
            kdf = new Kdf(KIND_KEY_FILE, null, null, null, null);
            k = readKeyFile(keyFile);
        }
        byte[] nonce = VaultCrypto.random(VaultCrypto.NONCE_BYTES);
        byte[] tag = VaultCrypto.seal(k, nonce, KEY_CHECK_AAD, new byte[0]);
        CredentialsVault v = new CredentialsVault(file, kdf, b64(concat(nonce, tag)), Map.of(), k);
        v.save(v.entries);
        return v;
    }

    private static byte[] derive(Path file, Kdf kdf, VaultKey key) {
        if (kdf == null || kdf.kind() == null) {
            throw broken(file, "kdf.kind is missing");
        }
        if (kdf.kind().equals(KIND_ARGON2ID)) {
            if (!(key instanceof VaultKey.Passphrase p)) {
                throw new GatewayException("the vault " + file + " is sealed with a passphrase, and none was given",
                        "give --vault-passphrase-env VAR with the passphrase in VAR");
            }
            if (kdf.memoryKiB() == null || kdf.iterations() == null || kdf.parallelism() == null) {
                throw broken(file, "kdf needs memoryKiB, iterations and parallelism");
            }
            Argon2Settings s = new Argon2Settings(kdf.memoryKiB(), kdf.iterations(), kdf.parallelism());
            return VaultCrypto.argon2id(p.value(), decode(file, "kdf.salt", kdf.salt()), s);
        }
        if (kdf.kind().equals(KIND_KEY_FILE)) {
            if (!(key instanceof VaultKey.KeyFile f)) {
                throw new GatewayException("the vault " + file + " is sealed with a key file, not a passphrase",
                        "leave out --vault-passphrase-env; the key is read from " + VaultKey.defaultKeyFile(
                                file.getParent().getParent()).path());
            }
            if (!Files.exists(f.path())) {
                throw new GatewayException("the vault key file " + f.path() + " does not exist, so the vault " + file
                        + " cannot be opened", "restore the key file from your backup");
            }
            return readKeyFile(f.path());
        }
        throw broken(file, "kdf.kind '" + kdf.kind() + "' is not argon2id or key-file");
    }

    /** Reads a key file after checking that only its owner may read or write it. */
    static byte[] readKeyFile(Path keyFile) {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(keyFile);
                for (PosixFilePermission p : perms) {
                    if (p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_")) {
                        throw new GatewayException("the vault key file " + keyFile + " has mode "
                                + PosixFilePermissions.toString(perms) + "; others than its owner may use it",
                                "chmod 600 " + keyFile);
                    }
                }
            }
            byte[] k = Files.readAllBytes(keyFile);
            if (k.length != VaultCrypto.KEY_BYTES) {
                int n = k.length;
                Arrays.fill(k, (byte) 0);
                throw new GatewayException("the vault key file " + keyFile + " is " + n + " bytes, not "
                        + VaultCrypto.KEY_BYTES,
                        "this is not a key file the gateway made; restore it from your backup");
            }
            return k;
        } catch (IOException e) {
            throw new StorageException("the vault key file " + keyFile + " cannot be read: " + e.getMessage(),
                    "check that it exists and belongs to the user running the gateway", e);
        }
    }

    /** The vault file. */
    public Path file() {
        return file;
    }

    /**
     * Stores the credentials of a camera, replacing any earlier ones, and writes the vault before returning.
     *
     * @throws GatewayException when the id is not a valid camera id or the credentials have no user name
     */
    public synchronized void put(String cameraId, Credentials credentials) {
        FileLocks.withLock(file.resolveSibling(LOCK_FILE_NAME), () -> {
            Ids.check("camera id", cameraId);
            refresh();
            Objects.requireNonNull(credentials, "credentials");
            if (credentials.isEmpty()) {
                throw new GatewayException("no user name to store for camera " + cameraId,
                        "give --user with the camera's account");
            }
            byte[] k = key();
            byte[] nonce = VaultCrypto.random(VaultCrypto.NONCE_BYTES);
            byte[] plain = credentials.password().getBytes(StandardCharsets.UTF_8);
            byte[] sealed;
            try {
                sealed = VaultCrypto.seal(k, nonce, aad(cameraId, credentials.username()), plain);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
            TreeMap<String, Entry> next = new TreeMap<>(entries);
            next.put(cameraId, new Entry(credentials.username(), b64(nonce), b64(sealed)));
            save(next);
            return null;
        });
    }

    /**
     * The credentials of a camera, when any are stored.
     *
     * @throws StorageException when the entry does not decrypt (altered, or moved from another camera)
     */
    public synchronized Optional<Credentials> get(String cameraId) {
        refresh();
        Entry e = entries.get(cameraId);
        if (e == null) {
            return Optional.empty();
        }
        byte[] k = key();
        byte[] plain = null;
        if (e.user() != null && e.nonce() != null && e.ciphertext() != null) {
            try {
                plain = VaultCrypto.open(k, Base64.getDecoder().decode(e.nonce()), aad(cameraId, e.user()),
                        Base64.getDecoder().decode(e.ciphertext()));
            } catch (IllegalArgumentException bad) {
                plain = null;
            }
        }
        if (plain == null) {
            throw new StorageException("the vault entry for camera " + cameraId + " in " + file + " does not decrypt: "
                    + "it was altered, or copied from another camera", "store the camera's password again "
                    + "(enroll it again); if other entries fail too, restore the vault from your backup", null);
        }
        try {
            return Optional.of(new Credentials(e.user(), new String(plain, StandardCharsets.UTF_8)));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Removes a camera's credentials; false when there were none. Writes the vault before returning. */
    public synchronized boolean remove(String cameraId) {
        return FileLocks.withLock(file.resolveSibling(LOCK_FILE_NAME), () -> {
            key();
            refresh();
            if (!entries.containsKey(cameraId)) {
                return false;
            }
            TreeMap<String, Entry> next = new TreeMap<>(entries);
            next.remove(cameraId);
            save(next);
            return true;
        });
    }

    /** The ids of the cameras with stored credentials, sorted. */
    public synchronized List<String> cameraIds() {
        refresh();
        return List.copyOf(entries.keySet());
    }

    /** Wipes the key from memory; the vault cannot be used afterwards. */
    @Override
    public synchronized void close() {
        if (key != null) {
            Arrays.fill(key, (byte) 0);
            key = null;
        }
    }

    @Override
    public synchronized String toString() {
        return "CredentialsVault[file=" + file + ", kdf=" + kdf.kind() + ", entries=" + entries.size() + "]";
    }

    private byte[] key() {
        if (key == null) {
            throw new IllegalStateException("the vault " + file + " is closed");
        }
        return key;
    }

    /**
     * Takes in the entries another process (the command line, while {@code serve} runs) wrote since
     * this vault last read or wrote the file. The file is small; it is compared byte for byte.
     *
     * @throws GatewayException when the vault was re-created under another key meanwhile
     */
    private void refresh() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StorageException("the vault " + file + " cannot be read: " + e.getMessage(),
                    "check that it belongs to the user running the gateway", e);
        }
        if (Arrays.equals(bytes, lastSeen)) {
            return;
        }
        Doc doc = read(file);
        if (!Objects.equals(doc.kdf(), kdf) || !Objects.equals(doc.keyCheck(), keyCheck)) {
            throw new GatewayException("the vault " + file + " was re-created under another key while in use",
                    "restart the gateway with the new vault's key");
        }
        entries.clear();
        if (doc.entries() != null) {
            entries.putAll(doc.entries());
        }
        lastSeen = bytes;
    }

    private void save(TreeMap<String, Entry> next) {
        Doc doc = new Doc(FORMAT_VERSION, kdf, keyCheck, next);
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the vault cannot be written as YAML", e);
        }
        ensurePrivateDir(file.getParent());
        AtomicFiles.write(file, bytes, AtomicFiles.Permissions.OWNER_ONLY);
        lastSeen = bytes;
        entries.clear();
        entries.putAll(next);
    }

    private static void ensurePrivateDir(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new StorageException("cannot create the vault folder " + dir + ": " + e.getMessage(),
                    "check that the data directory is writable by this user", e);
        }
    }

    private static Doc read(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw broken(file, "it is larger than " + MAX_BYTES + " bytes");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StorageException("the vault " + file + " cannot be read: " + e.getMessage(),
                    "check that it belongs to the user running the gateway", e);
        }
        Doc doc;
        try {
            doc = MAPPER.readValue(text, Doc.class);
        } catch (JsonMappingException e) {
            int line = YamlLines.lineOf(text, e.getPath(), MAX_BYTES);
            throw broken(file, (line > 0 ? "line " + line + ": " : "") + YamlLines.pathOf(e.getPath()) + ": "
                    + YamlLines.firstLine(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw broken(file, (loc == null ? "" : "line " + loc.getLineNr() + ": ") + "not valid YAML: "
                    + YamlLines.firstLine(e.getOriginalMessage()));
        }
        if (doc == null || doc.formatVersion() == null) {
            throw broken(file, "formatVersion is missing");
        }
        if (doc.formatVersion() != FORMAT_VERSION) {
            throw new GatewayException("the vault " + file + " has format version " + doc.formatVersion()
                    + "; this gateway reads version " + FORMAT_VERSION, "use the gateway release that wrote it");
        }
        return doc;
    }

    private static GatewayException broken(Path file, String what) {
        return new StorageException("the vault " + file + " is damaged: " + what,
                "restore vault.yaml from your backup", null);
    }

    private static byte[] decode(Path file, String field, String text) {
        if (text == null) {
            throw broken(file, field + " is missing");
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw broken(file, field + " is not base64");
        }
    }

    static String aad(String cameraId, String user) {
        return "cctv-gateway/vault/v" + FORMAT_VERSION + "/camera/" + cameraId + "/user/" + user;
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static ObjectMapper mapper() {
        return YamlMappers.hardened(MAX_BYTES, 16, true);
    }
}
