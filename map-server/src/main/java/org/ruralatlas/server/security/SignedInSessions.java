package org.ruralatlas.server.security;

import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.AccountStore;
import org.springframework.stereotype.Component;

/**
 * The accounts' browser sessions on this server ({@link SignedInSession}, kept in its memory): each
 * session holds its account's password generation at sign-in, and a change of the password
 * moves the account to the next one, so that every other session of the account ends at its next
 * request ({@link SessionFilter}). Only accounts whose password changed since start are counted.
 * Other servers of a cluster keep their own sessions and do not hear of the change.
 */
@Component
public class SignedInSessions {

    /** The session attribute holding the account's password generation when it signed in. */
    static final String GENERATION = SignedInSessions.class.getName() + ".generation";

    private final AccountStore accounts;
    private final ConcurrentHashMap<String, Long> generations = new ConcurrentHashMap<>();

    public SignedInSessions(AccountStore accounts) {
        this.accounts = accounts;
    }

    AccountStore accounts() {
        return accounts;
    }

    /** Marks a session the account has just signed in. */
    void started(HttpSession session, String name) {
        session.setAttribute(SignedInSession.ACCOUNT, name);
        session.setAttribute(GENERATION, generation(name));
    }

    /** Whether the session was signed in since the account's last change of password. */
    boolean current(HttpSession session, String name) {
        return session.getAttribute(GENERATION) instanceof Long g && g == generation(name);
    }

    /** The account's password changed: its sessions end, but {@code kept} (the one that changed it, or null). */
    void passwordChanged(String name, HttpSession kept) {
        long next = generations.merge(name, 1L, Long::sum);
        if (kept != null) {
            kept.setAttribute(GENERATION, next);
        }
    }

    /** The enabled account of that name. */
    Optional<Account> account(String name) {
        return accounts.account(name).filter(a -> !a.disabled());
    }

    private long generation(String name) {
        return generations.getOrDefault(name, 0L);
    }
}
