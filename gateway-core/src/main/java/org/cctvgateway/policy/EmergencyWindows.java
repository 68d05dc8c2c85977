package org.cctvgateway.policy;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cctvgateway.GatewayException;
import org.cctvgateway.StorageException;
import org.cctvgateway.internal.AtomicFiles;
import org.cctvgateway.internal.FileLocks;
import org.cctvgateway.internal.YamlMappers;
import org.cctvgateway.pki.ReloadingFile;

/**
 * The record of emergency windows in {@code <dataDir>/emergency.yaml}: every window ever opened,
 * ended ones included, rewritten atomically on each change. {@link #openFor} is meant for the server
 * on each request and re-reads the file only when it changed (see {@link ReloadingFile}), so a window
 * opened or closed by the {@code emergency} command takes effect without a restart. Each mutating
 * method returns the window it changed, for the caller's audit record. Thread-safe within a process.
 */
public final class EmergencyWindows {
    /** The longest window that can be opened at once; a longer emergency is opened again, on record. */
    public static final Duration MAX_DURATION = Duration.ofDays(7);
    /** The longest reason or case number kept. */
    public static final int MAX_TEXT = 500;

    private static final String HEADER = "# Emergency windows. Written by 'cctv-gateway emergency'; do not edit.\n";
    private static final int MAX_BYTES = 8 << 20;
    private static final ObjectMapper MAPPER = mapper();

    private final Path file;
    private final ReloadingFile<List<EmergencyWindow>> snapshot;
    private final SecureRandom random = new SecureRandom();

    public EmergencyWindows(Path file, Duration checkInterval) {
        this.file = Objects.requireNonNull(file, "file");
        this.snapshot = new ReloadingFile<>(file, EmergencyWindows::read, checkInterval);
    }

    /** The store at {@code <dataDir>/emergency.yaml}, checked for changes once a second. */
    public static EmergencyWindows open(Path dataDir) {
        return new EmergencyWindows(dataDir.resolve("emergency.yaml"), ReloadingFile.DEFAULT_CHECK_INTERVAL);
    }

    /**
     * Opens a window for {@code siteId} from now for {@code duration}.
     *
     * @throws GatewayException for an invalid site id, an empty reason or case number, or a duration
     *     outside 1 minute to {@link #MAX_DURATION}
     */
    public synchronized EmergencyWindow open(String siteId, String reason, String caseNumber, Duration duration,
                                             Optional<String> openedBy, Clock clock) {
        return FileLocks.withLock(file.resolveSibling("emergency.lock"), () -> {
            if (siteId == null || !AgencyGrant.ID.matcher(siteId).matches()) {
                throw new GatewayException("site id '" + siteId + "' is not valid",
                        "use the site's id as 'cctv-gateway sites list' shows it (a-z, 0-9, '-', '_')");
            }
            String why = text("reason", reason);
            String caseRef = text("case number", caseNumber);
            if (duration.compareTo(Duration.ofMinutes(1)) < 0 || duration.compareTo(MAX_DURATION) > 0) {
                throw new GatewayException("an emergency window of " + duration.toMinutes() + " minutes is outside "
                        + "1 minute to " + MAX_DURATION.toDays() + " days", "give e.g. --for 2h");
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            byte[] id = new byte[4];
            random.nextBytes(id);
            EmergencyWindow w = new EmergencyWindow("em-" + HexFormat.of().formatHex(id), siteId, why, caseRef, now,
                    now.plus(duration), openedBy.map(String::strip).filter(s -> !s.isEmpty()), Optional.empty());
            List<EmergencyWindow> all = new ArrayList<>(snapshot.reload());
            all.add(w);
            write(all);
            return w;
        });
    }

    /**
     * Closes the window {@code id} now.
     *
     * @return the window as now recorded, or empty when it had already ended
     * @throws GatewayException when there is no window with that id
     */
    public synchronized Optional<EmergencyWindow> closeById(String id, Clock clock) {
        return FileLocks.withLock(file.resolveSibling("emergency.lock"), () -> {
            List<EmergencyWindow> all = snapshot.reload();
            if (all.stream().noneMatch(w -> w.id().equals(id))) {
                throw new GatewayException("there is no emergency window " + id,
                        "see 'cctv-gateway emergency list --all' for the ids on record");
            }
            return close(all, w -> w.id().equals(id), clock).stream().findFirst();
        });
    }

    /** Closes every window open now for {@code siteId}; returns them (empty when none was open). */
    public synchronized List<EmergencyWindow> closeSite(String siteId, Clock clock) {
        return FileLocks.withLock(file.resolveSibling("emergency.lock"), () -> {
            return close(snapshot.reload(), w -> w.siteId().equals(siteId), clock);
        });
    }

    /** Every window on record, in the order opened. */
    public List<EmergencyWindow> all() {
        return snapshot.reload();
    }

    /** The windows open at {@code now}, read fresh from the file. */
    public List<EmergencyWindow> active(Instant now) {
        return snapshot.reload().stream().filter(w -> w.isOpenAt(now)).toList();
    }

    /** The windows open at {@code now} for {@code siteId}; cheap, for the server's per-request check. */
    public List<EmergencyWindow> openFor(String siteId, Instant now) {
        return snapshot.get().stream().filter(w -> w.siteId().equals(siteId) && w.isOpenAt(now)).toList();
    }

    private List<EmergencyWindow> close(List<EmergencyWindow> all, java.util.function.Predicate<EmergencyWindow> which,
                                        Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<EmergencyWindow> out = new ArrayList<>();
        List<EmergencyWindow> changed = new ArrayList<>();
        for (EmergencyWindow w : all) {
            if (which.test(w) && w.isOpenAt(now)) {
                EmergencyWindow c = w.closed(now);
                out.add(c);
                changed.add(c);
            } else {
                out.add(w);
            }
        }
        if (!changed.isEmpty()) {
            write(out);
        }
        return List.copyOf(changed);
    }

    private static String text(String what, String value) {
        String v = value == null ? "" : value.strip().replaceAll("\\s+", " ");
        if (v.isEmpty()) {
            throw new GatewayException("the " + what + " is empty", "an emergency window is opened on record; "
                    + "say why and under which case");
        }
        if (v.length() > MAX_TEXT) {
            throw new GatewayException("the " + what + " is " + v.length() + " characters, limit is " + MAX_TEXT,
                    "shorten it and refer to the case file for details");
        }
        return v;
    }

    private void write(List<EmergencyWindow> all) {
        try {
            String text = HEADER + MAPPER.writeValueAsString(new FileForm(all.stream().map(Entry::of).toList()));
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), AtomicFiles.Permissions.DEFAULT);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("emergency windows cannot be written as YAML", e);
        }
        snapshot.reload();
    }

    private static List<EmergencyWindow> read(Path file) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new StorageException(file + " is " + Files.size(file) + " bytes, limit is " + MAX_BYTES,
                        "move old windows out of it into an archive", null);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StorageException("could not read " + file + ": " + e.getMessage(),
                    "check that it is readable by this user", e);
        }
        if (text.isBlank()) {
            return List.of();
        }
        FileForm form;
        try {
            form = MAPPER.readValue(text, FileForm.class);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
            throw new StorageException(file + where + " cannot be read: " + e.getOriginalMessage().lines().findFirst()
                    .orElse(""), "restore it from a backup; the gateway writes it atomically", e);
        }
        List<EmergencyWindow> out = new ArrayList<>();
        List<Entry> entries = form == null || form.windows() == null ? List.of() : form.windows();
        for (int i = 0; i < entries.size(); i++) {
            try {
                out.add(entries.get(i).toValue());
            } catch (RuntimeException e) {
                throw new StorageException(file + ": windows[" + i + "] is not valid: " + e.getMessage(),
                        "restore the file from a backup", e);
            }
        }
        return List.copyOf(out);
    }

    private static ObjectMapper mapper() {
        return YamlMappers.hardened(MAX_BYTES, 16, false);
    }

    record FileForm(List<Entry> windows) {
    }

    @JsonPropertyOrder({"id", "site", "reason", "caseNumber", "opened", "until", "openedBy", "closedAt"})
    record Entry(String id, String site, String reason, String caseNumber, String opened, String until,
                 String openedBy, String closedAt) {
        static Entry of(EmergencyWindow w) {
            return new Entry(w.id(), w.siteId(), w.reason(), w.caseNumber(), w.opened().toString(),
                    w.until().toString(), w.openedBy().orElse(null), w.closedAt().map(Instant::toString).orElse(null));
        }

        EmergencyWindow toValue() {
            if (opened == null || until == null) {
                throw new IllegalArgumentException("opened or until is missing");
            }
            return new EmergencyWindow(id, site, reason, caseNumber, Instant.parse(opened), Instant.parse(until),
                    Optional.ofNullable(openedBy), Optional.ofNullable(closedAt).map(Instant::parse));
        }
    }
}
