package org.ruralatlas.server.security;

import java.security.SecureRandom;
import java.util.Optional;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.AccountStore;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Accounts' passwords for browser sign-in: bcrypt hashes in the account store (Spring Security's
 * crypto), made here so that the store never sees a password. A password is chosen by the server
 * and shown once, as API tokens are; an account may then choose its own ({@link #weakness}). An unknown, disabled or password-less account costs one
 * bcrypt check like a known one, so that the time of a refusal says nothing about the name.
 */
@Component
public class Passwords {

    /** Long enough that no rate of guessing matters: 20 characters of 55, over 110 bits. */
    static final int GENERATED_LENGTH = 20;

    private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(10, RANDOM);
    private final AccountStore accounts;
    /** What an unknown name is checked against: a hash of a password nobody knows. */
    private final String decoy;

    public Passwords(AccountStore accounts) {
        this.accounts = accounts;
        this.decoy = encoder.encode(generate());
    }

    /** The enabled account of that name when the password is its own; empty for any other case. */
    public Optional<Account> check(String name, String password) {
        Optional<String> hash = name.matches(Account.NAME_PATTERN) ? accounts.passwordHash(name) : Optional.empty();
        // bcrypt reads 72 bytes at most; a longer password is no password of ours (checked all the same, for the time)
        boolean fits = password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 72;
        boolean matches = encoder.matches(fits ? password : "", hash.orElse(decoy)) && fits;
        return matches && hash.isPresent() ? accounts.account(name).filter(a -> !a.disabled()) : Optional.empty();
    }

    /** Gives the account a new password, returned here only; empty when there is no such account. */
    public Optional<String> reset(String name) {
        String password = generate();
        return accounts.setPasswordHash(name, encoder.encode(password)) ? Optional.of(password) : Optional.empty();
    }

    /** Sets the password its account chose ({@link #weakness} first); false when there is no such account. */
    public boolean change(String name, String password) {
        return accounts.setPasswordHash(name, encoder.encode(password));
    }

    /** The shortest password an account may choose. */
    static final int MIN_LENGTH = 12;

    /**
     * Why a password an account chose is too weak, or empty: under {@value #MIN_LENGTH} characters,
     * over bcrypt's 72 bytes (UTF-8; the rest would be ignored), fewer than 5 different characters,
     * or holding the account's name.
     */
    static Optional<String> weakness(String password, String name) {
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("a password has at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            return Optional.of("a password has at most 72 bytes in UTF-8");
        }
        if (password.codePoints().distinct().count() < 5) {
            return Optional.of("a password has at least 5 different characters");
        }
        if (password.toLowerCase(java.util.Locale.ROOT).contains(name.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("a password does not contain the account's name");
        }
        return Optional.empty();
    }

    private static String generate() {
        StringBuilder s = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
