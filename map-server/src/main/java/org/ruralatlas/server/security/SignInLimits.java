package org.ruralatlas.server.security;

import org.ruralatlas.server.cluster.Cluster;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.flow.Allowance;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The attempts at a password ({@link SignInProperties}): signing in ({@link SessionController})
 * and proving the current password when changing it ({@link AccountController}) take from the
 * same buckets, per account name and per client address; a success gives its attempt back.
 */
@Component
public class SignInLimits {

    private final Allowance perAccount;
    private final Allowance perAddress;

    public SignInLimits(SignInProperties properties, Cluster cluster) {
        this.perAccount = cluster.allowance(
                "sign-in-account",
                properties.attemptsPerAccount(),
                properties.attemptsPerAccount(),
                properties.period());
        this.perAddress = cluster.allowance(
                "sign-in-address",
                properties.attemptsPerAddress(),
                properties.attemptsPerAddress(),
                properties.period());
    }

    /** Takes an attempt of the account and of the address, or answers 429 with Retry-After when either has none left. */
    void take(String account, String address) {
        long wait = Math.max(perAddress.take(address), perAccount.take(account));
        if (wait > 0) {
            throw ApiException.retryLater(
                    HttpStatus.TOO_MANY_REQUESTS,
                    wait,
                    "too many password attempts for this account or from this address; try again in " + wait + " s");
        }
    }

    void giveBack(String account, String address) {
        perAddress.giveBack(address);
        perAccount.giveBack(account);
    }
}
