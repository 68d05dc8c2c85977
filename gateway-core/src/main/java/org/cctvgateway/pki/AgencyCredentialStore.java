package org.cctvgateway.pki;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cctvgateway.GatewayException;
import org.cctvgateway.StorageException;
import org.cctvgateway.internal.AtomicFiles;
import org.cctvgateway.internal.FileLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-agency RTSP Digest credentials, for players that cannot present a client certificate, in
 * {@code pki/agency-credentials.yaml} (mode 0600). The user name is the agency name; the secret is 24
 * random letters and digits (about 143 bits), returned once by {@link #create} and stored only as the
 * Digest HA1 values for {@link #realm()} (RFC 7616 §3.4.2: {@code H(user ":" realm ":" secret)}) with
 * MD5 and SHA-256, since ffmpeg and most players only do MD5. One secret per agency: creating a new one
 * replaces the old.
 *
 * <p>{@link #digestSecrets} is for the RTSPS server on every new session: it reads the file again only
 * when it changed (see {@link ReloadingFile}), so a revocation made by the {@code pki} command takes
 * effect for new sessions within the check interval, without a restart. Thread-safe.
 */
public final class AgencyCredentialStore {
    /** The Digest realm the gateway announces, unless configured otherwise. */
    public static final String DEFAULT_REALM = "cctv-gateway";
    /** The algorithms HA1 values are kept for, by their RFC 7616 names. */
    public static final List<String> ALGORITHMS = List.of("MD5", "SHA-256");
    /** Length of a generated secret. */
    public static final int SECRET_LENGTH = 24;

    private static final Logger LOG = LoggerFactory.getLogger(AgencyCredentialStore.class);
    private static final String HEADER = "# Agency RTSP Digest credentials (HA1 hashes only). Written by "
            + "'cctv-gateway pki'; do not edit.\n";

    private final Path file;
    private final String realm;
    private final ReloadingFile<List<AgencyCredential>> snapshot;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param realm the Digest realm the server announces; HA1 values of another realm never match
     * @param checkInterval how often {@link #digestSecrets} looks at the file for changes
     */
    public AgencyCredentialStore(Path dataDir, String realm, Duration checkInterval) {
        this.file = file(dataDir);
        this.realm = Objects.requireNonNull(realm, "realm");
        if (realm.isEmpty() || realm.contains("\"")) {
            throw new IllegalArgumentException("realm must be non-empty and free of quotes, was '" + realm + "'");
        }
        this.snapshot = new ReloadingFile<>(file, AgencyCredentialStore::read, checkInterval);
    }

    /** A store with {@link #DEFAULT_REALM} and {@link ReloadingFile#DEFAULT_CHECK_INTERVAL}. */
    public static AgencyCredentialStore open(Path dataDir) {
        return new AgencyCredentialStore(dataDir, DEFAULT_REALM, ReloadingFile.DEFAULT_CHECK_INTERVAL);
    }

    /** {@code <dataDir>/pki/agency-credentials.yaml}. */
    public static Path file(Path dataDir) {
        return GatewayCa.directory(dataDir).resolve("agency-credentials.yaml");
    }

    /**
     * A new secret for {@code agency}, replacing any earlier one. {@link #toString()} of the result
     * leaves the secret out.
     *
     * @param replaced whether the agency had working credentials that stop working now
     */
    public record NewSecret(AgencyCredential credential, String username, String secret, boolean replaced) {
        public NewSecret {
            Objects.requireNonNull(credential, "credential");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "NewSecret[" + credential + ", user " + username + (replaced ? ", replaced" : "") + "]";
        }
    }

    /** Makes a secret for {@code agency} and stores its HA1 values; the secret is returned, never stored. */
    public synchronized NewSecret create(String agency, Clock clock) {
        return FileLocks.withLock(file.resolveSibling("agency-credentials.lock"), () -> {
            AgencyNames.require(agency);
            String secret = Secrets.base62(random, SECRET_LENGTH);
            Map<String, String> ha1 = new LinkedHashMap<>();
            for (String alg : ALGORITHMS) {
                ha1.put(alg, ha1(alg, agency, realm, secret));
            }
            AgencyCredential made = new AgencyCredential(agency, realm, ha1,
                    clock.instant().truncatedTo(ChronoUnit.SECONDS), Optional.empty());
            List<AgencyCredential> all = new ArrayList<>();
            boolean replaced = false;
            for (AgencyCredential c : snapshot.reload()) {
                if (c.agency().equals(agency)) {
                    replaced |= c.active();
                } else {
                    all.add(c);
                }
            }
            all.add(made);
            write(all);
            LOG.info("{} Digest credentials for agency {}", replaced ? "replaced" : "created", agency);
            return new NewSecret(made, agency, secret, replaced);
        });
    }

    /**
     * Revokes the credentials of {@code agency}.
     *
     * @return the credentials as now recorded, or empty when the agency had none that worked
     */
    public synchronized Optional<AgencyCredential> revoke(String agency, Clock clock) {
        return FileLocks.withLock(file.resolveSibling("agency-credentials.lock"), () -> {
            AgencyNames.require(agency);
            List<AgencyCredential> all = new ArrayList<>();
            AgencyCredential changed = null;
            for (AgencyCredential c : snapshot.reload()) {
                if (c.agency().equals(agency) && c.active()) {
                    changed = new AgencyCredential(c.agency(), c.realm(), c.ha1(), c.created(),
                            Optional.of(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
                    all.add(changed);
                } else {
                    all.add(c);
                }
            }
            if (changed == null) {
                return Optional.empty();
            }
            write(all);
            LOG.info("revoked Digest credentials of agency {}", agency);
            return Optional.of(changed);
        });
    }

    /** Every agency's credentials on record, revoked ones included. */
    public List<AgencyCredential> list() {
        return snapshot.reload();
    }

    /**
     * The HA1 values to check a Digest response of {@code username} against, by algorithm name
     * ({@code MD5}, {@code SHA-256}); empty when the user is unknown, revoked, or was set up for
     * another realm. Cheap: no file I/O unless the check interval is over.
     */
    public Optional<Map<String, String>> digestSecrets(String username) {
        for (AgencyCredential c : snapshot.get()) {
            if (c.agency().equals(username)) {
                return c.active() && c.realm().equals(realm) ? Optional.of(c.ha1()) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    public String realm() {
        return realm;
    }

    /** {@code hex(H(user ":" realm ":" secret))}, lower case, for {@code MD5} or {@code SHA-256}. */
    public static String ha1(String algorithm, String user, String realm, String secret) {
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("algorithm must be one of " + ALGORITHMS + ", was " + algorithm);
        }
        try {
            byte[] d = MessageDigest.getInstance(algorithm)
                    .digest((user + ":" + realm + ":" + secret).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is required of every Java runtime", e);
        }
    }

    private void write(List<AgencyCredential> all) {
        List<Entry> entries = all.stream().map(Entry::of).toList();
        PkiYaml.write(file, HEADER, new FileForm(entries), AtomicFiles.Permissions.OWNER_ONLY);
        snapshot.reload();
    }

    private static List<AgencyCredential> read(Path file) {
        Optional<FileForm> form = PkiYaml.read(file, FileForm.class);
        if (form.isEmpty() || form.get().credentials() == null) {
            return List.of();
        }
        List<AgencyCredential> out = new ArrayList<>();
        List<Entry> entries = form.get().credentials();
        for (int i = 0; i < entries.size(); i++) {
            try {
                out.add(entries.get(i).toValue());
            } catch (RuntimeException e) {
                throw new StorageException(file + ": credentials[" + i + "] is not valid: " + e.getMessage(),
                        "restore the file from a backup, or revoke and issue that agency's credentials again", e);
            }
        }
        return List.copyOf(out);
    }

    record FileForm(List<Entry> credentials) {
    }

    @JsonPropertyOrder({"agency", "realm", "ha1", "created", "revokedAt"})
    record Entry(String agency, String realm, Map<String, String> ha1, String created, String revokedAt) {
        static Entry of(AgencyCredential c) {
            return new Entry(c.agency(), c.realm(), new java.util.TreeMap<>(c.ha1()), c.created().toString(),
                    c.revokedAt().map(Instant::toString).orElse(null));
        }

        AgencyCredential toValue() {
            if (ha1 == null || created == null) {
                throw new GatewayException("ha1 or created is missing", "");
            }
            return new AgencyCredential(agency, realm, ha1, Instant.parse(created),
                    Optional.ofNullable(revokedAt).map(Instant::parse));
        }
    }
}
