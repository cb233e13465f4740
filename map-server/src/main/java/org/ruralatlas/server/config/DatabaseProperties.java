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
 */
@ConfigurationProperties("ruralatlas.db")
public record DatabaseProperties(
        String url,
        String user,
        String password,
        @DefaultValue("false") boolean migrate,
        @DefaultValue("16") int poolSize,
        @DefaultValue("30s") Duration statementTimeout) {

    public boolean configured() {
        return url != null && !url.isBlank();
    }
}
