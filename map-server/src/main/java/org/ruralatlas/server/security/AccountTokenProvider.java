package org.ruralatlas.server.security;

import java.util.List;
import java.util.Optional;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.StoreCircuit;
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
 * the details are its {@link Caller}. While the primary is away the token is checked on a standby.
 * Asked before {@link AdminTokenProvider}, whose refusal while
 * administration is off ends the search.
 */
@Component
@Order(0)
public class AccountTokenProvider implements AuthenticationProvider {

    private final AccountStore accounts;
    private final StoreCircuit circuit;

    public AccountTokenProvider(AccountStore accounts, StoreCircuit circuit) {
        this.accounts = accounts;
        this.circuit = circuit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String given = ((BearerToken) authentication).token();
        if (given == null || !given.startsWith(AccountStore.PREFIX)) {
            throw new BadCredentialsException("not an account's token");
        }
        Account account;
        try {
            account = find(given).orElseThrow(() -> new BadCredentialsException("the bearer token is not valid"));
        } catch (FeatureStoreException e) {
            throw new InternalAuthenticationServiceException("the accounts cannot be read now", e);
        }
        BearerToken accepted = BearerToken.accepted(
                account.name(),
                List.of(new SimpleGrantedAuthority("ROLE_" + account.role().name())));
        accepted.setDetails(Caller.of(account));
        return accepted;
    }

    /**
     * On the primary; while it is away (only reads get this far then: WritesWhileAway), on a serving
     * standby, whose replay of a revocation may lag (see {@link AccountStore#authenticateOnStandby}).
     */
    private Optional<Account> find(String token) {
        if (!circuit.available()) {
            return accounts.authenticateOnStandby(token);
        }
        try {
            return accounts.authenticate(token);
        } catch (FeatureStoreException e) {
            // the primary went away before the circuit noticed
            circuit.suspect();
            if (!circuit.readable()) {
                throw e;
            }
            return accounts.authenticateOnStandby(token);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerToken.class.isAssignableFrom(authentication);
    }
}
