package org.cctvgateway.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultCredentialsTest {
    @Test
    void loadsTheDocumentedListWithSources() {
        List<DefaultCredential> all = DefaultCredentials.load();
        assertThat(all).extracting(DefaultCredential::make)
                .contains("hikvision", "dahua", "axis", "uniview", "hanwha", "generic");
        assertThat(all).allSatisfy(c -> assertThat(c.source()).isNotBlank());
        assertThat(all).anySatisfy(c -> {
            assertThat(c.make()).isEqualTo("axis");
            assertThat(c.username()).isEqualTo("root");
            assertThat(c.password()).isEqualTo("pass");
        });
        assertThat(all).anySatisfy(c -> assertThat(c.password()).isEmpty());
    }

    @Test
    void forMakeTriesThatMakeThenGenericOnes() {
        assertThat(DefaultCredentials.forMake("HIKVISION")).extracting(DefaultCredential::make)
                .containsOnly("hikvision", "generic");
        assertThat(DefaultCredentials.forMake("")).hasSameSizeAs(DefaultCredentials.load());
    }

    @Test
    void toStringNeverShowsThePassword() {
        DefaultCredential c = new DefaultCredential("dahua", "admin", "s3cret-default", "manual");
        assertThat(c.toString()).contains("admin").doesNotContain("s3cret-default");
    }
}
