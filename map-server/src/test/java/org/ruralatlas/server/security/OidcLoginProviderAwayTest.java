package org.ruralatlas.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The viewer's sign-in through an identity provider that cannot be reached: its flow's routes
 * answer 503 with Retry-After (not Spring's 500), other routes pass untouched, and nothing is
 * read from the provider before the first sign-in.
 */
class OidcLoginProviderAwayTest {

    @Test
    void theFlowsRoutesAnswer503WhileTheProviderIsAway() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        OidcProperties oidc = new OidcProperties(
                URI.create("http://127.0.0.1:" + closed), null, null, null, null, null, "viewer", "secret", null);
        // made without reaching the provider (a server starts while it is away)
        OidcLogin.ProviderAway filter = new OidcLogin.ProviderAway(OidcLogin.registration(oidc));
        for (String path : new String[] {"/oauth2/authorization/province", "/login/oauth2/code/province"}) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
            request.setServletPath(path);
            MockHttpServletResponse response = new MockHttpServletResponse();
            MockFilterChain chain = new MockFilterChain();
            filter.doFilter(request, response, chain);
            assertThat(response.getStatus()).as(path).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).isEqualTo("5");
            assertThat(response.getContentType()).startsWith("application/problem+json");
            assertThat(response.getContentAsString()).doesNotContain("Exception");
            assertThat(chain.getRequest()).as(path).isNull();
        }
        // a browser's page (it asks for HTML) goes back to the viewer, which says the provider is away
        MockHttpServletRequest page = new MockHttpServletRequest("GET", "/oauth2/authorization/province");
        page.setServletPath("/oauth2/authorization/province");
        page.addHeader("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        MockHttpServletResponse sent = new MockHttpServletResponse();
        MockFilterChain notPassed = new MockFilterChain();
        filter.doFilter(page, sent, notPassed);
        assertThat(sent.getStatus()).isEqualTo(303);
        assertThat(sent.getHeader("Location")).isEqualTo("/?signin=away");
        assertThat(sent.getHeader("Cache-Control")).isEqualTo("no-store");
        assertThat(notPassed.getRequest()).isNull();
        MockHttpServletRequest other = new MockHttpServletRequest("GET", "/collections");
        other.setServletPath("/collections");
        MockFilterChain passed = new MockFilterChain();
        filter.doFilter(other, new MockHttpServletResponse(), passed);
        assertThat(passed.getRequest()).isNotNull();
        assertThat(oidc.providerName()).isEqualTo("127.0.0.1");
    }
}
