package org.ruralatlas.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.AccountStore;
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
 * from the store on every such request, so a disabled account's session ends at once (the session
 * is then dropped). A request with {@code Authorization}, without a session, or a write that needs
 * no account ({@link SignedInSession#authenticates}) passes untouched:
 * this filter never makes a session.
 */
final class SessionFilter extends OncePerRequestFilter {

    private final AccountStore accounts;
    private final SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();

    SessionFilter(AccountStore accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String name = SignedInSession.authenticates(request) ? SignedInSession.account(request) : null;
        if (name != null) {
            Optional<Account> account;
            try {
                account = accounts.account(name).filter(a -> !a.disabled());
            } catch (FeatureStoreException e) {
                BearerTokenFilter.accountsAway(request, response);
                return;
            }
            if (account.isPresent()) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(authentication(account.get()));
                SecurityContextHolder.setContext(context);
                // known to the request's repository, so that session management does not take it for a new sign-in
                // (which would change the session id and drop the CSRF token on every request)
                contexts.saveContext(context, request, response);
            } else {
                request.getSession().invalidate();
            }
        }
        chain.doFilter(request, response);
    }

    static UsernamePasswordAuthenticationToken authentication(Account a) {
        UsernamePasswordAuthenticationToken t = UsernamePasswordAuthenticationToken.authenticated(
                a.name(),
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + a.role().name())));
        t.setDetails(Caller.of(a));
        return t;
    }
}
