package org.ruralatlas.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.store.FeatureStoreException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its session cookie ({@link SignedInSession}): the account is read
 * from the store on every such request, so a disabled account's session ends at once, and so does
 * one signed in before the account's password changed ({@link SignedInSessions}; the session is
 * then dropped). A session signed in through the identity provider ({@link OidcLogin}) keeps the
 * caller its claims gave. A request with {@code Authorization}, without a session, or a write that needs
 * no account ({@link SignedInSession#authenticates}) passes untouched:
 * this filter never makes a session.
 */
final class SessionFilter extends OncePerRequestFilter {

    private final SignedInSessions sessions;
    private final SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();

    SessionFilter(SignedInSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean byCookie = SignedInSession.authenticates(request);
        String name = byCookie ? SignedInSession.account(request) : null;
        Caller oidc = byCookie ? SignedInSession.oidcCaller(request) : null;
        if (oidc != null) {
            signIn(authentication(oidc), request, response);
        } else if (name != null) {
            Optional<Account> account;
            try {
                account = sessions.account(request.getSession(), name);
            } catch (FeatureStoreException e) {
                BearerTokenFilter.accountsAway(request, response);
                return;
            }
            if (account.isPresent()) {
                signIn(authentication(Caller.of(account.get())), request, response);
            } else {
                request.getSession().invalidate();
            }
        }
        chain.doFilter(request, response);
    }

    private void signIn(
            UsernamePasswordAuthenticationToken authentication,
            HttpServletRequest request,
            HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        // known to the request's repository, so that session management does not take it for a new sign-in
        // (which would change the session id and drop the CSRF token on every request)
        contexts.saveContext(context, request, response);
    }

    static UsernamePasswordAuthenticationToken authentication(Caller c) {
        UsernamePasswordAuthenticationToken t = UsernamePasswordAuthenticationToken.authenticated(
                c.name(),
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + c.role().name())));
        t.setDetails(c);
        return t;
    }
}
