package org.ruralatlas.server.security;

import java.util.List;
import org.ruralatlas.data.account.Role;
import org.ruralatlas.server.web.RequestPaths;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * One filter chain for the whole server. Reads are public and anonymous; {@code /admin/**} and
 * the actuator (except health, which says only UP or DOWN to others) need the ADMIN role, proven
 * by a bearer token ({@link AdminTokenProvider}). No session or cookie is made but by signing in
 * from a browser ({@link SessionController}, or through the province's identity provider when
 * configured: {@link OidcLogin}); every write a session cookie authenticates needs that
 * session's CSRF token ({@link SignedInSession#COOKIE_WRITES}), while requests with a bearer token
 * (which a browser never sends on its own) need none. Responses keep their own
 * Cache-Control (tiles and webjars are cacheable) and may be framed (maps are embedded in other
 * sites). The edge is {@link EdgeFirewall}; every refusal is problem+json.
 *
 * <p>Accounts' API tokens ({@link AccountTokenProvider}) stand beside the admin token: writes of
 * features need an editor or an admin (an editor's provinces are checked where the feature is
 * known), {@code /account/**} any account, signed in either way; the review of the public's
 * proposals ({@code /proposals/**} but one proposal's status) a reviewer or an admin (a reviewer's
 * provinces are checked where the proposal is known).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SecurityConfiguration {

    /**
     * Where the chain (and its firewall) stands among the servlet filters: {@code spring.security.filter.order}, early,
     * so that the tile endpoint right after it skips the filters a tile does not need.
     */
    public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 8;

    /**
     * What a page may run: its own origin's scripts only (no inline script, handler or
     * {@code eval}), no plugins, no {@code <base>} elsewhere, forms posting home. Styles, images
     * and tiles stay open (basemaps, data-URI QR codes); pages may still be embedded in a
     * province's portal. Every page's own {@code <meta>} says the same.
     */
    static final String CONTENT_SECURITY_POLICY =
            "script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

    /** Everything that administers: routes and their path spellings are matched as Spring MVC routes them. */
    static final RequestMatcher ADMIN = RequestPaths.pattern("/admin/**");
    /**
     * Writes of features (OGC API – Features Part 4): any method but the safe ones on a
     * collection's items, in any spelling that Spring MVC routes there.
     */
    static final RequestMatcher FEATURE_WRITES = new OrRequestMatcher(java.util.stream.Stream.of(
                    HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE)
            .<RequestMatcher>map(m -> PathPatternRequestMatcher.withDefaults().matcher(m, "/collections/*/items/**"))
            .toList());
    /** Imports into a collection and their jobs, any method: editors and administrators only. */
    static final RequestMatcher IMPORTS = RequestPaths.pattern("/collections/*/imports/**");
    /**
     * The public's proposals under review: the queue and every decision, any method and spelling
     * under {@code /proposals}; only one proposal's status ({@link #PROPOSAL_STATUS}) is public.
     */
    static final RequestMatcher PROPOSAL_REVIEWS = RequestPaths.pattern("/proposals/**");
    /** One proposal's status, read by anyone (its proposer); reviewers see more of it there. */
    static final RequestMatcher PROPOSAL_STATUS = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/proposals/*"),
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.HEAD, "/proposals/*"));
    /** A signed-in caller's own account and tokens. */
    static final RequestMatcher OWN_ACCOUNT = RequestPaths.pattern("/account/**");
    /** The actuator beyond health: metrics, info, the health details. */
    static final RequestMatcher ACTUATOR = RequestPaths.pattern("/actuator/**");

    @Bean
    SecurityFilterChain ruralAtlasChain(
            HttpSecurity http,
            AdminProperties admin,
            List<AuthenticationProvider> providers,
            SignedInSessions sessions,
            SecurityFilterProperties filter,
            OidcProperties oidc)
            throws Exception {
        if (filter.getOrder() != FILTER_ORDER) {
            throw new IllegalStateException("spring.security.filter.order must be " + FILTER_ORDER
                    + " (SecurityConfiguration.FILTER_ORDER), not " + filter.getOrder()
                    + ": the tile endpoint must run right after the firewall");
        }
        ProblemEntryPoint refusals = new ProblemEntryPoint(admin, new OrRequestMatcher(ADMIN, ACTUATOR));
        http.csrf(c -> c.csrfTokenRepository(SignedInSession.CSRF)
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(SignedInSession.COOKIE_WRITES)
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                // sessions are made by SessionController alone (a new id at each sign-in), never by Spring Security
                .sessionManagement(s ->
                        s.sessionCreationPolicy(SessionCreationPolicy.STATELESS).sessionFixation(f -> f.none()))
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .headers(h -> h.cacheControl(c -> c.disable())
                        .frameOptions(f -> f.disable())
                        .contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r ->
                                r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .addFilterBefore(
                        new BearerTokenFilter(new ProviderManager(providers)), AnonymousAuthenticationFilter.class)
                .addFilterBefore(new SessionFilter(sessions), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a.requestMatchers(ADMIN)
                        .hasRole(AdminTokenProvider.ADMIN)
                        .requestMatchers(FEATURE_WRITES, IMPORTS)
                        .hasAnyRole(Role.ADMIN.name(), Role.EDITOR.name())
                        .requestMatchers(PROPOSAL_STATUS)
                        .permitAll()
                        .requestMatchers(PROPOSAL_REVIEWS)
                        .hasAnyRole(Role.ADMIN.name(), Role.REVIEWER.name())
                        .requestMatchers(OWN_ACCOUNT)
                        .authenticated()
                        .requestMatchers(
                                RequestPaths.pattern("/actuator/health"), RequestPaths.pattern("/actuator/health/**"))
                        .permitAll()
                        .requestMatchers(ACTUATOR)
                        .hasRole(AdminTokenProvider.ADMIN)
                        .anyRequest()
                        .permitAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(refusals).accessDeniedHandler(refusals));
        if (oidc.login()) {
            OidcLogin.configure(http, oidc);
        }
        return http.build();
    }

    /**
     * The firewall guards every request; tiles then skip the chain's filters (no session, no
     * token, nothing to authorise on a public tile): through them a cached tile cost 35–40 % more.
     */
    @Bean
    WebSecurityCustomizer edge() {
        return web -> web.httpFirewall(new EdgeFirewall())
                .requestRejectedHandler(new FirewallRejections())
                .ignoring()
                .requestMatchers(RequestPaths.pattern("/tiles/**"), RequestPaths.pattern("/collections/*/tiles/**"));
    }
}
