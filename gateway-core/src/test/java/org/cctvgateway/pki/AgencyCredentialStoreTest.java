package org.cctvgateway.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgencyCredentialStoreTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;

    @Test
    void ha1MatchesTheRfc2617Example() {
        assertThat(AgencyCredentialStore.ha1("MD5", "Mufasa", "testrealm@host.com", "Circle Of Life"))
                .isEqualTo("939e7578ed9e3c518a452acee763bce9");
    }

    @Test
    void createdSecretIsStoredOnlyAsHa1ForTheRealm() throws Exception {
        AgencyCredentialStore store = new AgencyCredentialStore(data, "cctv-gateway", Duration.ZERO);

        AgencyCredentialStore.NewSecret made = store.create("police", CLOCK);

        assertThat(made.username()).isEqualTo("police");
        assertThat(made.secret()).matches("[A-Za-z0-9]{24}");
        assertThat(made.toString()).doesNotContain(made.secret());
        Map<String, String> ha1 = store.digestSecrets("police").orElseThrow();
        assertThat(ha1).containsEntry("MD5", AgencyCredentialStore.ha1("MD5", "police", "cctv-gateway", made.secret()))
                .containsEntry("SHA-256",
                        AgencyCredentialStore.ha1("SHA-256", "police", "cctv-gateway", made.secret()));
        Path file = AgencyCredentialStore.file(data);
        assertThat(Files.readString(file)).doesNotContain(made.secret()).contains(ha1.get("SHA-256"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void revocationIsSeenByAnotherStoreReadingTheSameFile() {
        AgencyCredentialStore writer = new AgencyCredentialStore(data, "cctv-gateway", Duration.ZERO);
        AgencyCredentialStore server = new AgencyCredentialStore(data, "cctv-gateway", Duration.ZERO);
        writer.create("police", CLOCK);
        writer.create("fire", CLOCK);
        assertThat(server.digestSecrets("police")).isPresent();

        assertThat(writer.revoke("police", CLOCK)).get().extracting(AgencyCredential::active).isEqualTo(false);

        assertThat(server.digestSecrets("police")).isEmpty();
        assertThat(server.digestSecrets("fire")).isPresent();
        assertThat(writer.revoke("police", CLOCK)).isEmpty();
    }

    @Test
    void newSecretReplacesTheOldOne() {
        AgencyCredentialStore store = new AgencyCredentialStore(data, "cctv-gateway", Duration.ZERO);
        AgencyCredentialStore.NewSecret first = store.create("police", CLOCK);

        AgencyCredentialStore.NewSecret second = store.create("police", CLOCK);

        assertThat(second.replaced()).isTrue();
        assertThat(first.replaced()).isFalse();
        assertThat(store.digestSecrets("police").orElseThrow().get("MD5"))
                .isEqualTo(AgencyCredentialStore.ha1("MD5", "police", "cctv-gateway", second.secret()));
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void unknownUserAndOtherRealmGiveNothing() {
        new AgencyCredentialStore(data, "other-realm", Duration.ZERO).create("police", CLOCK);
        AgencyCredentialStore store = new AgencyCredentialStore(data, "cctv-gateway", Duration.ZERO);

        assertThat(store.digestSecrets("police")).isEmpty();
        assertThat(store.digestSecrets("nobody")).isEmpty();
    }
}
