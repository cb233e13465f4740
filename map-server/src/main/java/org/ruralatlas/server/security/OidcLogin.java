package org.ruralatlas.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.ruralatlas.server.error.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The viewer's sign-in through the province's identity provider ({@link OidcProperties#login()}):
 * the OpenID Connect authorization-code flow with PKCE, run by Spring Security's OAuth 2.0 client.
 * {@code GET /oauth2/authorization/province} sends the browser to the provider (state, nonce and
 * the PKCE verifier kept in a short session until it comes back); {@code GET
 * /login/oauth2/code/province} takes the code back, checks the state, exchanges the code (with the
 * verifier and the client's secret), checks the ID token (signature, issuer, audience, expiry,
 * nonce), maps its claims as a bearer token's ({@link OidcClaims}) and ends in the same session
 * cookie as a password sign-in ({@link SignedInSession}, a new session id, CSRF on writes), then
 * sends the browser to the viewer: always {@code /}, never where a parameter says. A person
 * without a RuralAtlas role, and any failure, gets no session: a browser's page goes back to the viewer
 * with the reason ({@code /?signin=norole}, {@code failed}, {@code away}), a script gets 401 problem+json. The provider's
 * OpenID configuration is read at the first sign-in, not at start (503 while it cannot be read:
 * {@link ProviderAway}). Nothing of this exists unless
 * configured.
 */
final class OidcLogin {

    private static final Logger LOG = LoggerFactory.getLogger(OidcLogin.class);

    static final String REGISTRATION = "province";
    /** Where the viewer sends the browser to sign in through the identity provider. */
    static final String START = "/oauth2/authorization/" + REGISTRATION;

    private OidcLogin() {}

    static void configure(HttpSecurity http, OidcProperties oidc) throws Exception {
        configure(http, oidc, new Registration(oidc));
    }

    static ClientRegistrationRepository registration(OidcProperties oidc) {
        return new Registration(oidc);
    }

    private static void configure(HttpSecurity http, OidcProperties oidc, ClientRegistrationRepository clients)
            throws Exception {
        http.addFilterBefore(new ProviderAway(clients), OAuth2AuthorizationRequestRedirectFilter.class);
        DefaultOAuth2AuthorizationRequestResolver requests =
                new DefaultOAuth2AuthorizationRequestResolver(clients, "/oauth2/authorization");
        requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        http.oauth2Login(o -> o.clientRegistrationRepository(clients)
                .authorizedClientRepository(new NoAuthorizedClients())
                .authorizationEndpoint(a -> a.authorizationRequestResolver(requests))
                // no generated page listing providers: the viewer offers the link
                .loginPage("/")
                .successHandler(
                        (request, response, authentication) -> signedIn(oidc, request, response, authentication))
                .failureHandler(OidcLogin::refused));
    }

    private static void signedIn(
            OidcProperties oidc, HttpServletRequest request, HttpServletResponse response, Authentication a)
            throws IOException {
        Optional<Caller> caller = a.getPrincipal() instanceof OidcUser user
                ? OidcClaims.caller(oidc, user.getClaims())
                : Optional.empty();
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        if (caller.isEmpty()) {
            refuse(
                    request,
                    response,
                    HttpStatus.UNAUTHORIZED,
                    "the identity provider gives this person no RuralAtlas role in " + oidc.roleClaim(),
                    "norole");
            return;
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(SignedInSession.OIDC_CALLER, caller.get());
        SignedInSession.CSRF.saveToken(SignedInSession.CSRF.generateToken(request), request, response);
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(request.getContextPath() + "/");
    }

    private static void refused(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String why = e instanceof OAuth2AuthenticationException o
                ? o.getError().getErrorCode()
                : "the sign-in could not be completed";
        HttpSession pending = request.getSession(false);
        if (pending != null && !SignedInSession.signedIn(pending)) {
            pending.invalidate();
        }
        refuse(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                "signing in through the identity provider failed: " + why,
                "failed");
    }

    /**
     * A refused sign-in: a browser's page (it asked for HTML) goes back to the viewer, {@code /?signin=code}, which
     * says it in the person's language, rather than to a problem document it would show raw; a script gets the
     * problem+json. Either way nothing is signed in.
     */
    static void refuse(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail, String code)
            throws IOException {
        LOG.info("sign-in through the identity provider refused ({}): {}", status.value(), detail);
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (request.getRequestedSessionId() != null && request.getSession(false) == null) {
            // the flow's pending session is gone: so is its cookie (a signed-in session refused a second sign-in stays)
            response.addHeader(HttpHeaders.SET_COOKIE, SignedInSession.expiredCookie(request));
        }
        if (asksForPage(request)) {
            response.setStatus(HttpStatus.SEE_OTHER.value());
            response.setHeader(HttpHeaders.LOCATION, request.getContextPath() + "/?signin=" + code);
            return;
        }
        Problems.write(response, Problems.of(status, detail, null, request));
    }

    /** Whether the request is a page's: its Accept names text/html (a browser's navigation), not only *&#47;*. */
    private static boolean asksForPage(HttpServletRequest request) {
        try {
            return MediaType.parseMediaTypes(request.getHeader(HttpHeaders.ACCEPT)).stream()
                    .anyMatch(t -> t.getQualityValue() > 0 && MediaType.TEXT_HTML.equalsTypeAndSubtype(t));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The one client registration, from the provider's OpenID configuration, read when first needed (retried until read). */
    private static final class Registration implements ClientRegistrationRepository {

        private final Supplier<ClientRegistration> registration;

        Registration(OidcProperties oidc) {
            this.registration = SingletonSupplier.of(() -> ClientRegistrations.fromIssuerLocation(
                            oidc.issuerUri().toString())
                    .registrationId(REGISTRATION)
                    .clientId(oidc.clientId())
                    .clientSecret(oidc.clientSecret())
                    .clientName(oidc.providerName())
                    .scope("openid")
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .build());
        }

        @Override
        public ClientRegistration findByRegistrationId(String registrationId) {
            return REGISTRATION.equals(registrationId) ? registration.get() : null;
        }
    }

    /**
     * 503 with {@code Retry-After} on the flow's routes while the provider's OpenID configuration
     * cannot be read (it is away), rather than the 500 Spring's filters would answer.
     */
    static final class ProviderAway extends OncePerRequestFilter {

        private static final RequestMatcher FLOW = new OrRequestMatcher(
                PathPatternRequestMatcher.withDefaults().matcher("/oauth2/authorization/**"),
                PathPatternRequestMatcher.withDefaults().matcher("/login/oauth2/code/**"));

        private final ClientRegistrationRepository clients;

        ProviderAway(ClientRegistrationRepository clients) {
            this.clients = clients;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (FLOW.matches(request)) {
                try {
                    clients.findByRegistrationId(REGISTRATION);
                } catch (RuntimeException e) {
                    response.setHeader(HttpHeaders.RETRY_AFTER, "5");
                    refuse(
                            request,
                            response,
                            HttpStatus.SERVICE_UNAVAILABLE,
                            "the identity provider cannot be reached now; try again shortly",
                            "away");
                    return;
                }
            }
            chain.doFilter(request, response);
        }
    }

    /** The provider's access token is not kept: RuralAtlas needs only who signed in. */
    private static final class NoAuthorizedClients implements OAuth2AuthorizedClientRepository {

        @Override
        @SuppressWarnings("unchecked")
        public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(
                String registrationId, Authentication principal, HttpServletRequest request) {
            return null;
        }

        @Override
        public void saveAuthorizedClient(
                OAuth2AuthorizedClient client,
                Authentication principal,
                HttpServletRequest request,
                HttpServletResponse response) {}

        @Override
        public void removeAuthorizedClient(
                String registrationId,
                Authentication principal,
                HttpServletRequest request,
                HttpServletResponse response) {}
    }
}
