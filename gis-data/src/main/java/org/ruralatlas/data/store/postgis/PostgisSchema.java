package org.ruralatlas.data.store.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationVersion;
import org.ruralatlas.data.store.FeatureStoreException;

/**
 * RuralAtlas's tables in the {@code ruralatlas} schema of a PostGIS database, versioned by Flyway.
 * The loader migrates; the server checks and refuses to start on a database it cannot serve,
 * saying in one sentence why and what to do.
 */
public final class PostgisSchema {

    /**
     * The newest migration in {@code db/migration/postgis}. A database already there needs no
     * Flyway, whose start-up costs a loader seconds; PostgisSchemaTest checks that Flyway agrees.
     */
    static final String VERSION = "26";

    private final DataSource dataSource;
    private final MigrationVersion target;
    private Flyway flyway;

    public PostgisSchema(DataSource dataSource) {
        this(dataSource, MigrationVersion.LATEST);
    }

    /** A schema that migrates no further than {@code target}: for tests of upgrades. */
    PostgisSchema(DataSource dataSource, MigrationVersion target) {
        this.dataSource = dataSource;
        this.target = target;
    }

    /** Flyway, made once the database has answered: a wrong URL is said without waiting for Flyway to load. */
    private Flyway flyway() {
        if (flyway == null) {
            flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .schemas(ItemsSql.SCHEMA)
                    .locations("classpath:db/migration/postgis")
                    .target(target)
                    .loggers("slf4j")
                    .load();
        }
        return flyway;
    }

    /** Creates or upgrades the schema (and the PostGIS extension, where the user may). */
    public void migrate() {
        connectable();
        createPostgis();
        if (!upToDate()) {
            try {
                flyway().migrate();
            } catch (FlywayException e) {
                // Flyway's first line names the script; the database's own reason is in the SQLException beneath
                throw new FeatureStoreException("migrating the RuralAtlas schema failed: " + databaseReason(e), e);
            }
        }
        postgisVersion();
    }

    /** True when the newest migration this version has is the last one applied, and none ever failed. */
    private boolean upToDate() {
        if (!MigrationVersion.LATEST.equals(target)) {
            return false;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT (SELECT version FROM \"ruralatlas\".\"flyway_schema_history\" WHERE version IS NOT NULL AND success"
                                + " ORDER BY installed_rank DESC LIMIT 1),"
                                + " EXISTS (SELECT FROM \"ruralatlas\".\"flyway_schema_history\" WHERE NOT success)");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return VERSION.equals(rs.getString(1)) && !rs.getBoolean(2);
        } catch (SQLException e) {
            return false; // no history yet: Flyway creates it
        }
    }

    /**
     * Checks that the database is reachable, has PostGIS, and has exactly the schema this version
     * needs; returns the PostGIS version. Every failure is a {@link FeatureStoreException} whose
     * message is one human sentence.
     */
    public String check() {
        connectable();
        String postgis = postgisVersion();
        if (upToDate()) {
            return postgis; // the newest migration applied and none failed: Flyway would say no more (and costs
            // seconds)
        }
        MigrationInfoService info;
        try {
            info = flyway().info();
        } catch (FlywayException e) {
            throw new FeatureStoreException(
                    "cannot read the RuralAtlas schema version: " + firstLine(e.getMessage()), e);
        }
        MigrationInfo current = info.current();
        if (current == null) {
            throw new FeatureStoreException(
                    "the database has no RuralAtlas schema yet: load data into it first "
                            + "(java -jar map-server/target/ruralatlas.jar load --db-url=…), or start with --ruralatlas.db.migrate=true");
        }
        MigrationInfo[] pending = info.pending();
        if (pending.length > 0) {
            throw new FeatureStoreException("the RuralAtlas schema is too old (version " + current.getVersion()
                    + ", this server needs " + latest(info) + "): run the loader to upgrade it, "
                    + "or start with --ruralatlas.db.migrate=true");
        }
        for (MigrationInfo applied : info.applied()) {
            if (applied.getState().isFailed()) {
                throw new FeatureStoreException("the RuralAtlas schema migration " + applied.getVersion()
                        + " failed earlier; repair the database before starting");
            }
            if (applied.getState() == org.flywaydb.core.api.MigrationState.FUTURE_SUCCESS) {
                throw new FeatureStoreException("the RuralAtlas schema (version " + current.getVersion()
                        + ") is newer than this server understands; upgrade RuralAtlas");
            }
        }
        return postgis;
    }

    private static MigrationVersion latest(MigrationInfoService info) {
        MigrationInfo[] all = info.all();
        return all[all.length - 1].getVersion();
    }

    private void connectable() {
        try (Connection c = dataSource.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot connect to the PostGIS database: " + reason(e), e);
        }
    }

    /**
     * The first thing migration V1 does, done first and alone: a user who may not create the
     * extension learns so at once, in the database's words, rather than after Flyway has loaded
     * and in its words ("Migration V1__layers.sql failed").
     */
    private void createPostgis() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public")) {
            ps.execute();
        } catch (SQLException e) {
            throw new FeatureStoreException(
                    "the PostGIS extension is missing and cannot be created: " + reason(e)
                            + "; run CREATE EXTENSION postgis; in the database as a superuser first",
                    e);
        }
    }

    private String postgisVersion() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT extversion FROM pg_extension WHERE extname = 'postgis'");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new FeatureStoreException("the database has no PostGIS extension: run CREATE EXTENSION postgis "
                        + "as a superuser (Debian package postgresql-15-postgis-3)");
            }
            return rs.getString(1);
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot check the PostGIS extension: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * The database's own reason for a failure, without the SQL text of a batch, in one line: the
     * driver's (connection refused, no such database, authentication failed) rather than the
     * pool's "connection is not available", with the server's hint when it gives one.
     */
    public static String reason(java.sql.SQLException e) {
        java.sql.SQLException cause = e;
        if (cause instanceof java.sql.SQLTransientConnectionException
                && cause.getCause() instanceof java.sql.SQLException driver) {
            cause = driver;
        }
        while (cause.getNextException() != null) {
            cause = cause.getNextException();
        }
        if (cause instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
            String hint = p.getServerErrorMessage().getHint();
            return firstLine(p.getServerErrorMessage().getMessage())
                    + (hint == null ? "" : " (" + firstLine(hint) + ")");
        }
        if (cause instanceof java.sql.SQLTransientConnectionException) {
            return "no connection within the pool's timeout (the database did not answer)";
        }
        return firstLine(cause.getMessage());
    }

    /** The reason of the first SQLException under {@code e}, else its own first line. */
    private static String databaseReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                return reason(sql);
            }
        }
        return firstLine(e.getMessage());
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String line = message.strip().lines().findFirst().orElse(message);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
