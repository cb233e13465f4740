package org.ruralatlas.server.security;

import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.io.Sha256;
import org.springframework.stereotype.Component;

/**
 * The accounts' browser sessions ({@link SignedInSession}): each session holds a fingerprint of its account's
 * password hash at sign-in, and {@link SessionFilter} compares it with the stored one on every request. A change of
 * the password (by the account itself or an administrator's reset) thus ends every other session of the account at
 * its next request, on every server of a cluster, since they share the account store; so does disabling it. The
 * session that changed it takes the new fingerprint and stays signed in. The hash itself never enters a session.
 */
@Component
public class SignedInSessions {

    /** The session attribute holding the fingerprint of the account's password hash when it signed in. */
    static final String GENERATION = SignedInSessions.class.getName() + ".generation";

    private final AccountStore accounts;

    public SignedInSessions(AccountStore accounts) {
        this.accounts = accounts;
    }

    AccountStore accounts() {
        return accounts;
    }

    /** Marks a session the account has just signed in. */
    void started(HttpSession session, String name) {
        session.setAttribute(SignedInSession.ACCOUNT, name);
        session.setAttribute(GENERATION, current(name));
    }

    /**
     * The session's account, when it was signed in with the account's current password and the account is enabled:
     * one read of the store per request.
     */
    Optional<Account> account(HttpSession session, String name) {
        Object held = session.getAttribute(GENERATION);
        return accounts.withPassword(name)
                .filter(a -> fingerprint(a.passwordHash()).equals(held))
                .map(AccountStore.WithPassword::account);
    }

    /** The account's password changed: its sessions end, but {@code kept} (the one that changed it, or null). */
    void passwordChanged(String name, HttpSession kept) {
        if (kept != null) {
            kept.setAttribute(GENERATION, current(name));
        }
    }

    /** A digest of the account's stored password hash; null for an account with none, or disabled, or unknown. */
    private String current(String name) {
        return accounts.passwordHash(name).map(SignedInSessions::fingerprint).orElse(null);
    }

    private static String fingerprint(String passwordHash) {
        return Sha256.hex(passwordHash, 16);
    }
}
