package org.cctvgateway.validation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/**
 * The short, documented list of factory default logins of the makes the gateway supports, bundled as
 * {@code default-credentials.yaml} (each entry cites its source). The credential check tries these against the
 * camera being enrolled only, and reports the account, never the password.
 */
public final class DefaultCredentials {
    private record Document(int schema, List<DefaultCredential> credentials) {
    }

    private DefaultCredentials() {
    }

    /** Every bundled entry, in file order (make-specific ones first, then generic ones). */
    public static List<DefaultCredential> load() {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try (InputStream in = DefaultCredentials.class.getResourceAsStream("default-credentials.yaml")) {
            if (in == null) {
                throw new IllegalStateException("default-credentials.yaml is missing from the jar");
            }
            return List.copyOf(mapper.readValue(in, Document.class).credentials());
        } catch (IOException e) {
            throw new IllegalStateException("bundled default-credentials.yaml cannot be read", e);
        }
    }

    /**
     * The entries worth trying on a camera of {@code manufacturer} (as its adapter reports it, any case): that
     * make's entries then the generic ones; every entry when the make is unknown or empty.
     */
    public static List<DefaultCredential> forMake(String manufacturer) {
        String m = manufacturer.toLowerCase(Locale.ROOT);
        List<DefaultCredential> all = load();
        boolean known = !m.isBlank() && all.stream().anyMatch(c -> !c.make().equals("generic") && m.contains(c.make()));
        if (!known) {
            return all;
        }
        return all.stream().filter(c -> c.make().equals("generic") || m.contains(c.make())).toList();
    }
}
