package org.cctvgateway.pki;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.cctvgateway.StorageException;
import org.cctvgateway.internal.AtomicFiles;
import org.cctvgateway.internal.YamlMappers;

/** Reads and writes the small YAML records files under {@code pki/}, with size and depth limits. */
final class PkiYaml {
    static final int MAX_BYTES = 8 << 20;

    private static final ObjectMapper MAPPER = mapper();

    private PkiYaml() {
    }

    static ObjectMapper mapper() {
        return YamlMappers.hardened(MAX_BYTES, 16, false);
    }

    /** The parsed file, or empty when it does not exist or is blank. */
    static <T> Optional<T> read(Path file, Class<T> type) {
        String text;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new StorageException(file + " is " + Files.size(file) + " bytes, limit is " + MAX_BYTES,
                        "this is not a file the gateway wrote; restore it from a backup", null);
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("could not read " + file + ": " + e.getMessage(),
                    "check that it is readable by this user", e);
        }
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readValue(text, type));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " line " + e.getLocation().getLineNr();
            throw new StorageException(file + where + " cannot be read: " + firstLine(e.getOriginalMessage()),
                    "restore it from a backup; the gateway writes it atomically, so it was edited by hand", e);
        }
    }

    static void write(Path file, String header, Object value, AtomicFiles.Permissions permissions) {
        try {
            String text = header + MAPPER.writeValueAsString(value);
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8), permissions);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("records cannot be written as YAML", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int cut = s.indexOf('\n');
        return cut > 0 ? s.substring(0, cut) : s;
    }
}
