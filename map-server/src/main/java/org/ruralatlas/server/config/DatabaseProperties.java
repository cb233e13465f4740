package org.ruralatlas.server.config;

import java.time.Duration;
import java.util.List;
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
 * @param readUrls JDBC URLs of PostgreSQL streaming standbys of {@code url} ({@code pg_basebackup
 *     -R}, hot_standby on) that serve reads: items, tiles, downloads, statistics. Each is used with
 *     {@code user} and {@code password} unless its URL carries {@code user=} and {@code password=}
 *     of its own (URL parameters win). Writes and change notifications stay on {@code url}.
 * @param maxReplicaLag the most a standby may lag behind the primary and still serve reads;
 *     beyond it (or while it does not answer) its reads go to the primary until it has caught up
 * @param replicaWait the longest a write through the server waits, before it answers, for the
 *     standbys to replay it (so that its author reads it back); a standby that has not replayed
 *     it by then serves no reads until it has
 */
@ConfigurationProperties("ruralatlas.db")
public record DatabaseProperties(
        String url,
        String user,
        String password,
        @DefaultValue("false") boolean migrate,
        @DefaultValue("16") int poolSize,
        @DefaultValue("30s") Duration statementTimeout,
        @DefaultValue("500ms") Duration connectionTimeout,
        List<String> readUrls,
        @DefaultValue("5s") Duration maxReplicaLag,
        @DefaultValue("2s") Duration replicaWait) {

    public DatabaseProperties {
        if (connectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("ruralatlas.db.connection-timeout must be at least 250ms");
        }
        readUrls = readUrls == null
                ? List.of()
                : readUrls.stream()
                        .filter(u -> u != null && !u.isBlank())
                        .map(String::strip)
                        .toList();
        for (String u : readUrls) {
            if (!u.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("ruralatlas.db.read-urls must be PostgreSQL JDBC URLs "
                        + "(jdbc:postgresql://host:port/database), not '" + hidePassword(u) + "'");
            }
        }
        if (maxReplicaLag.isNegative() || replicaWait.isNegative()) {
            throw new IllegalArgumentException(
                    "ruralatlas.db.max-replica-lag and ruralatlas.db.replica-wait must not be negative");
        }
    }

    /** A JDBC URL fit for logs and health details: its password parameter masked. */
    public static String hidePassword(String url) {
        return url.replaceAll("password=[^&]*", "password=***");
    }

    public boolean configured() {
        return url != null && !url.isBlank();
    }
}
