package org.cctvgateway.pki;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cctvgateway.StorageException;

/**
 * Property: reading an operator-supplied PEM file yields certificates or a key, or fails with
 * {@link StorageException} naming the file; never another exception.
 */
class PemFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void readsAnyFileOrRejectsIt(byte[] data) throws IOException {
        Path file = Files.createTempFile("pem-fuzz", ".pem");
        try {
            Files.write(file, data);
            try {
                assertThat(Pem.readCertificates(file)).isNotEmpty();
            } catch (StorageException expected) {
                assertThat(expected.getMessage()).contains(file.toString());
            }
            try {
                assertThat(Pem.readPrivateKey(file)).isNotNull();
            } catch (StorageException expected) {
                assertThat(expected.getMessage()).contains(file.toString());
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
