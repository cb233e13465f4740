package org.ruralatlas.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer …} through the chain's providers. A token that is
 * not accepted leaves the request anonymous, as if none had been sent: public reads still work
 * (a browser add-on's stray header breaks no map), and a protected route refuses it with 401
 * {@code error="invalid_token"} (see {@link ProblemEntryPoint}). Nothing is kept between
 * requests: no session, no cookie.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    /** Request attribute: why the bearer token was refused, for the entry point's answer. */
    static final String REFUSED = BearerTokenFilter.class.getName() + ".refused";

    private final AuthenticationManager authentication;
    private final SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();

    BearerTokenFilter(AuthenticationManager authentication) {
        this.authentication = authentication;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> token = BearerToken.fromHeader(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token.isPresent()) {
            try {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(authentication.authenticate(BearerToken.of(token.get())));
                SecurityContextHolder.setContext(context);
                contexts.saveContext(context, request, response);
            } catch (org.springframework.security.authentication.InternalAuthenticationServiceException e) {
                // the accounts' store or the identity provider is away: say so, rather than call a good token bad
                away(request, response, e.getMessage());
                return;
            } catch (AuthenticationException e) {
                request.setAttribute(REFUSED, e);
            }
        }
        chain.doFilter(request, response);
    }

    /** 503 with Retry-After: the accounts cannot be read now (a session's or a token's alike). */
    static void accountsAway(HttpServletRequest request, HttpServletResponse response) throws IOException {
        away(request, response, "the accounts cannot be read now");
    }

    /** 503 with Retry-After: what checks a credential cannot be reached now. */
    private static void away(HttpServletRequest request, HttpServletResponse response, String what) throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        org.ruralatlas.server.error.Problems.write(
                response,
                org.ruralatlas.server.error.Problems.of(
                        org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
                        what + "; try again shortly",
                        null,
                        request));
    }
}
