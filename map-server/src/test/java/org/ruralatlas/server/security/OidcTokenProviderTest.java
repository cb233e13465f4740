package org.ruralatlas.server.security;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;

/**
 * The identity provider away: a well-formed, signed-looking token cannot be checked, which is a
 * 503 (InternalAuthenticationServiceException, see BearerTokenFilter), not a 401 that would call a
 * good token bad; a token that is no JWT at all is still a 401.
 */
class OidcTokenProviderTest {

    private static String part(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTokenThatCannotBeCheckedWhileTheIssuerIsAwayIsNotCalledBad() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        OidcTokenProvider provider = new OidcTokenProvider(new OidcProperties(
                URI.create("http://127.0.0.1:" + closed), null, null, null, null, null, null, null, null));
        String jwt = part("{\"alg\":\"RS256\",\"kid\":\"k1\"}") + "."
                + part("{\"iss\":\"http://127.0.0.1:" + closed + "\",\"sub\":\"x\",\"exp\":4102444800}") + "."
                + part("not-a-signature");
        assertThatThrownBy(() -> provider.authenticate(BearerToken.of(jwt)))
                .isInstanceOf(InternalAuthenticationServiceException.class);
        assertThatThrownBy(() -> provider.authenticate(BearerToken.of("not-a-jwt")))
                .isInstanceOf(BadCredentialsException.class);
    }
}
