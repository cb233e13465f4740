package org.ruralatlas.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Bearer scheme in any case (RFC 9110 §11.1), and nothing else taken for a token. */
class BearerTokenTest {

    @Test
    void readsTheTokenWhateverTheCaseOfTheScheme() {
        for (String scheme : new String[] {"Bearer", "bearer", "BEARER", "bEArer"}) {
            assertThat(BearerToken.fromHeader(scheme + " abc.def-123")).contains("abc.def-123");
        }
        assertThat(BearerToken.fromHeader("  Bearer   abc  ")).contains("abc");
    }

    @Test
    void takesNoOtherSchemeAndNoEmptyToken() {
        assertThat(BearerToken.fromHeader(null)).isEmpty();
        assertThat(BearerToken.fromHeader("Bearer")).isEmpty();
        assertThat(BearerToken.fromHeader("Bearer ")).isEmpty();
        assertThat(BearerToken.fromHeader("Basic YWRtaW46YWRtaW4=")).isEmpty();
        assertThat(BearerToken.fromHeader("Bearerabc")).isEmpty();
        assertThat(BearerToken.fromHeader("Token abc")).isEmpty();
    }

    @Test
    void anAcceptedTokenKeepsNoSecret() {
        BearerToken accepted = BearerToken.accepted("admin", java.util.List.of());
        assertThat(accepted.isAuthenticated()).isTrue();
        assertThat(accepted.getCredentials()).isNull();
        assertThat(BearerToken.of("secret").isAuthenticated()).isFalse();
    }
}
