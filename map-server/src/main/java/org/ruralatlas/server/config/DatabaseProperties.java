package org.ruralatlas.server.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The PostGIS database ({@code ruralatlas.db.*}, or {@code RURALATLAS_DB_*}). Without a URL the
 * server runs on the embedded GeoPackage.
 *
 * @param url JDBC URL, {@code jdbc:postgresql://host:port/database}
 * @param user database user
 * @param password database password
 * @param migrate create or upgrade the schema at start instead of refusing an old one
 * @param poolSize the most connections the server opens
 * @param statementTimeout longest a query may run before it is cancelled
 * @param connectionTimeout longest a request waits for a database connection before it gets 503
 *     with Retry-After: short, so that when the database is away requests are answered at once
 *     rather than after a wait (at least 250 ms)
 */
@ConfigurationProperties("ruralatlas.db")
public record DatabaseProperties(
        String url,
        String user,
        String password,
        @DefaultValue("false") boolean migrate,
        @DefaultValue("16") int poolSize,
        @DefaultValue("30s") Duration statementTimeout,
        @DefaultValue("500ms") Duration connectionTimeout) {

    public DatabaseProperties {
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("ruralatlas.db.connection-timeout must be at least 250ms");
        }
    }

    public boolean configured() {
        return url != null && !url.isBlank();
    }
}
