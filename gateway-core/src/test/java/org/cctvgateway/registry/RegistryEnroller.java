package org.cctvgateway.registry;

import java.nio.file.Path;

/**
 * A child process for {@link RegistryStoreTest}: enrolls {@code COUNT} cameras named
 * {@code PREFIX-i} at site hotel-1 of the registry in {@code DATA-DIR}, each change its own
 * read-change-write, as separate {@code enroll} commands do.
 */
public final class RegistryEnroller {
    private RegistryEnroller() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        String prefix = args[2];
        RegistryStore store = RegistryStore.open(data);
        for (int i = 0; i < count; i++) {
            store.enrollCamera(Samples.camera(prefix + "-" + i, "hotel-1"));
        }
    }
}
