package org.ruralatlas.server.security;

import java.util.List;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.AccountStore;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Accepts an account's API token ({@code ra_…}): the store finds it by its digest, unexpired,
 * unrevoked, of an enabled account. The authorities are the account's role ({@code ROLE_EDITOR}…);
 * the details are its {@link Caller}. Asked before {@link AdminTokenProvider}, whose refusal while
 * administration is off ends the search.
 */
@Component
@Order(0)
public class AccountTokenProvider implements AuthenticationProvider {

    private final AccountStore accounts;

    public AccountTokenProvider(AccountStore accounts) {
        this.accounts = accounts;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String given = ((BearerToken) authentication).token();
        if (given == null || !given.startsWith(AccountStore.PREFIX)) {
            throw new BadCredentialsException("not an account's token");
        }
        Account account;
        try {
            account = accounts.authenticate(given).orElseThrow(() -> new BadCredentialsException("the bearer token is not valid"));
        } catch (org.ruralatlas.data.store.FeatureStoreException e) {
            throw new InternalAuthenticationServiceException("the accounts cannot be read now", e);
        }
        BearerToken accepted = BearerToken.accepted(account.name(),
                List.of(new SimpleGrantedAuthority("ROLE_" + account.role().name())));
        accepted.setDetails(Caller.of(account));
        return accepted;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerToken.class.isAssignableFrom(authentication);
    }
}
