package org.ruralatlas.server.security;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Accounts and API tokens ({@code ruralatlas.accounts.*}).
 *
 * @param path SQLite file of the accounts when the embedded GeoPackage serves (PostGIS keeps them
 *     in its own tables); unset: beside the GeoPackage ({@code <file>.accounts.sqlite})
 * @param tokenLifetime how long a new API token is valid when its creator asks for no shorter
 *     time; at most this long in any case
 */
@ConfigurationProperties("ruralatlas.accounts")
public record AccountProperties(Path path, Duration tokenLifetime) {

    public AccountProperties {
        tokenLifetime = tokenLifetime == null ? Duration.ofDays(90) : tokenLifetime;
        if (tokenLifetime.isNegative() || tokenLifetime.isZero()) {
            throw new IllegalArgumentException("ruralatlas.accounts.token-lifetime must be positive");
        }
    }
}
