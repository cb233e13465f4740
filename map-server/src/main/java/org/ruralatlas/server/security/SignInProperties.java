package org.ruralatlas.server.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Browser sign-in ({@code ruralatlas.sign-in.*}): how many attempts an account name and a client
 * address may make, as token buckets that refill over {@code period}. Both are counted on every
 * attempt, so that guessing one account's password from many addresses, or many accounts' from
 * one address, is slowed alike; a success gives its attempts back.
 *
 * @param attemptsPerAccount attempts one account name may take per period (default 5)
 * @param attemptsPerAddress attempts one client address may take per period (default 20)
 * @param period how long the attempts take to come back (default 15 minutes)
 */
@ConfigurationProperties("ruralatlas.sign-in")
public record SignInProperties(Integer attemptsPerAccount, Integer attemptsPerAddress, Duration period) {

    public SignInProperties {
        attemptsPerAccount = attemptsPerAccount == null ? 5 : attemptsPerAccount;
        attemptsPerAddress = attemptsPerAddress == null ? 20 : attemptsPerAddress;
        period = period == null ? Duration.ofMinutes(15) : period;
        if (attemptsPerAccount < 1 || attemptsPerAddress < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException(
                    "ruralatlas.sign-in.attempts-per-account, attempts-per-address and period must be positive");
        }
    }
}
