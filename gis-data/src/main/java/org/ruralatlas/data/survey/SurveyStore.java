package org.ruralatlas.data.survey;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.postgis.ReadRoute;
import org.sqlite.SQLiteDataSource;

/**
 * Survey responses in a SQL table: {@code ruralatlas.survey_responses} in PostGIS (created by the
 * V5 migration) or a table of the same shape in a SQLite file next to the embedded GeoPackage.
 * A second response of a device in a period is refused by the table's unique key, so duplicates
 * never count, whatever the concurrency.
 *
 * <p>The current commune's {@code satisfaction_pct} is the satisfaction share of the most recent
 * period with responses for it; it is written in the same transaction as the response, so both
 * are stored or neither. In PostGIS that is one database. For the embedded store the GeoPackage
 * is ATTACHed to the SQLite file and one transaction writes both (an error rolls back both); both
 * files are in WAL mode so that readers of the map never wait for a response being written, and
 * WAL commits each file on its own, so a crash between the two commits could keep one without the
 * other: the responses are the record and {@link #reconcile()}, run at every start, recomputes the
 * communes' values from them.
 */
public final class SurveyStore implements AutoCloseable {

    private static final String COLUMNS = "response_id, period, commune_code, submitted_on, device_hash, overall, "
            + String.join(", ", SurveyResponse.TOPICS);

    private final DataSource dataSource;
    /** Where aggregates are read: a standby while one serves (so statistics go on with the primary away), else {@code dataSource}. */
    private final ReadRoute reads;

    private final String table;
    private final String settings;
    private final String challenges;
    private final String communes;
    private final Path geopackage;

    private SurveyStore(ReadRoute reads, String table, String settings, String communes, Path geopackage) {
        this.reads = reads;
        this.dataSource = reads.primary();
        this.table = table;
        this.settings = settings;
        this.challenges = geopackage == null ? "ruralatlas.used_challenges" : "used_challenges";
        this.communes = communes;
        this.geopackage = geopackage;
    }

    /** The PostGIS table of the RuralAtlas schema (migrated by Flyway), beside the communes layer. */
    public static SurveyStore postgis(DataSource dataSource) {
        return postgis(ReadRoute.primaryOnly(dataSource));
    }

    /** The same, with aggregates read on the standbys of {@code reads} while one serves (writes on its primary). */
    public static SurveyStore postgis(ReadRoute reads) {
        return new SurveyStore(
                reads, "ruralatlas.survey_responses", "ruralatlas.survey_settings", "ruralatlas.communes", null);
    }

    /**
     * A SQLite file, created with its table when missing, keeping the communes of the GeoPackage
     * {@code geopackage} up to date. Writes take the write lock at BEGIN (IMMEDIATE), so two
     * responses never deadlock upgrading a read lock.
     */
    public static SurveyStore sqlite(Path file, Path geopackage) {
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        ds.setBusyTimeout(10_000);
        ds.setJournalMode("WAL");
        ds.setTransactionMode("IMMEDIATE");
        SurveyStore store = new SurveyStore(
                ReadRoute.primaryOnly(ds),
                "survey_responses",
                "survey_settings",
                "gpkg.communes",
                geopackage.toAbsolutePath());
        try (Connection c = store.connect();
                Statement s = c.createStatement()) {
            StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS survey_responses ("
                    + "response_id TEXT PRIMARY KEY, period TEXT NOT NULL, commune_code TEXT NOT NULL, "
                    + "submitted_on TEXT NOT NULL, device_hash TEXT NOT NULL, "
                    + "overall INTEGER NOT NULL CHECK (overall BETWEEN 1 AND 5)");
            for (String t : SurveyResponse.TOPICS) {
                ddl.append(", ").append(t).append(" INTEGER CHECK (").append(t).append(" BETWEEN 1 AND 5)");
            }
            ddl.append(", UNIQUE (period, device_hash))");
            s.execute(ddl.toString());
            s.execute("CREATE TABLE IF NOT EXISTS survey_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute(
                    "CREATE TABLE IF NOT EXISTS used_challenges (challenge_id TEXT PRIMARY KEY, expires_at INTEGER NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS used_challenges_expires_idx ON used_challenges (expires_at)");
            s.execute(
                    "CREATE INDEX IF NOT EXISTS survey_responses_commune_idx ON survey_responses (commune_code, period)");
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot open the survey file " + file + ": " + e.getMessage(), e);
        }
        return store;
    }

    /** A connection; for the embedded store with the GeoPackage attached as {@code gpkg} and its R-tree functions. */
    private Connection connect() throws SQLException {
        Connection c = dataSource.getConnection();
        if (geopackage != null) {
            try (PreparedStatement attach = c.prepareStatement("ATTACH DATABASE ? AS gpkg")) {
                attach.setString(1, geopackage.toString());
                attach.execute();
                org.ruralatlas.data.store.geopackage.GeoPackageSqlFunctions.register(c);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    /**
     * The store's persistent secret called {@code name}: created at random on first use (the
     * first writer wins under concurrency), the same for every server on this store afterwards.
     */
    public String secret(String name) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO " + settings + " (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING");
                PreparedStatement select = c.prepareStatement("SELECT value FROM " + settings + " WHERE name = ?")) {
            insert.setString(1, name);
            insert.setString(2, HexFormat.of().formatHex(random));
            insert.executeUpdate();
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("reading the survey key failed: " + e.getMessage(), e);
        }
    }

    /**
     * Records that the challenge {@code id} has been used; false when it already was, by this
     * server or another on the same store, before or after a restart (the table's key decides,
     * whatever the concurrency). Rows of expired challenges are deleted on the way.
     */
    public boolean useChallenge(String id, java.time.Instant expires) {
        boolean postgis = geopackage == null;
        try (Connection c = dataSource.getConnection();
                PreparedStatement clean = c.prepareStatement("DELETE FROM " + challenges + " WHERE expires_at < ?");
                PreparedStatement use = c.prepareStatement("INSERT INTO " + challenges
                        + " (challenge_id, expires_at) VALUES (?, ?) ON CONFLICT (challenge_id) DO NOTHING")) {
            java.time.Instant now = java.time.Instant.now();
            if (postgis) {
                clean.setObject(1, java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC));
                use.setObject(2, java.time.OffsetDateTime.ofInstant(expires, java.time.ZoneOffset.UTC));
            } else {
                clean.setLong(1, now.getEpochSecond());
                use.setLong(2, expires.getEpochSecond());
            }
            clean.executeUpdate();
            use.setString(1, id);
            return use.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new FeatureStoreException("recording a used survey challenge failed: " + e.getMessage(), e);
        }
    }

    /** Stores a response; false when this device already answered in this period (nothing written). */
    public boolean insert(SurveyResponse r) {
        String sql = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?"
                + ", ?".repeat(SurveyResponse.TOPICS.size()) + ") ON CONFLICT (period, device_hash) DO NOTHING";
        try {
            return transaction(c -> insert(c, sql, r));
        } catch (SQLException e) {
            throw new FeatureStoreException("storing a survey response failed: " + e.getMessage(), e);
        }
    }

    /** The response's INSERT, then its commune's satisfaction when it was stored. */
    private boolean insert(Connection c, String sql, SurveyResponse r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, r.responseId());
            ps.setString(2, r.period());
            ps.setString(3, r.communeCode());
            if (table.startsWith("ruralatlas.")) {
                ps.setObject(4, r.submittedOn());
            } else {
                ps.setString(4, r.submittedOn().toString());
            }
            ps.setString(5, r.deviceHash());
            ps.setInt(6, r.overall());
            int i = 7;
            for (String t : SurveyResponse.TOPICS) {
                Integer v = r.topics().get(t);
                if (v == null) {
                    ps.setNull(i++, java.sql.Types.INTEGER);
                } else {
                    ps.setInt(i++, v);
                }
            }
            boolean stored = ps.executeUpdate() == 1;
            if (stored) {
                refreshSatisfaction(c, r.communeCode());
            }
            return stored;
        }
    }

    /**
     * Brings every current commune with responses to the satisfaction of its latest period, in
     * one transaction (for responses stored before communes carried it); the number of communes changed.
     */
    public int reconcile() {
        try {
            return transaction(c -> {
                List<String> codes = new ArrayList<>();
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery(
                                "SELECT DISTINCT commune_code FROM " + table + " ORDER BY commune_code")) {
                    while (rs.next()) {
                        codes.add(rs.getString(1));
                    }
                }
                int changed = 0;
                for (String code : codes) {
                    changed += refreshSatisfaction(c, code) ? 1 : 0;
                }
                return changed;
            });
        } catch (SQLException e) {
            throw new FeatureStoreException("updating the communes' satisfaction failed: " + e.getMessage(), e);
        }
    }

    /** Work inside one transaction. */
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in one transaction on a fresh connection: all of it commits, or none. */
    private <T> T transaction(Work<T> work) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    /**
     * Sets the current commune's {@code satisfaction_pct} to the share of its most recent period
     * with responses, inside the caller's transaction; true when it changed. In PostGIS the
     * commune's row is locked before the responses are counted, so concurrent responses to one
     * commune count one after the other and the last commit carries them all (SQLite writers
     * hold the write lock from BEGIN). No UPDATE runs when the value stands, so layer versions
     * and tiles move only on a real change.
     */
    private boolean refreshSatisfaction(Connection c, String commune) throws SQLException {
        Double current;
        try (PreparedStatement ps = c.prepareStatement("SELECT satisfaction_pct FROM " + communes
                + " WHERE code = ? AND valid_to IS NULL" + (geopackage == null ? " FOR UPDATE" : ""))) {
            ps.setString(1, commune);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                double v = rs.getDouble(1);
                current = rs.wasNull() ? null : v;
            }
        }
        Double pct;
        try (PreparedStatement ps =
                c.prepareStatement("SELECT period, count(*), sum(CASE WHEN overall >= 4 THEN 1 ELSE 0 END) FROM "
                        + table + " WHERE commune_code = ? GROUP BY period ORDER BY period DESC LIMIT 1")) {
            ps.setString(1, commune);
            try (ResultSet rs = ps.executeQuery()) {
                pct = rs.next()
                        ? new SurveyAggregate(commune, rs.getString(1), rs.getLong(2), rs.getLong(3), Map.of())
                                .satisfactionPct()
                        : null;
            }
        }
        if (java.util.Objects.equals(current, pct)) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + communes + " SET satisfaction_pct = ? WHERE code = ?"
                + " AND valid_to IS NULL AND satisfaction_pct IS DISTINCT FROM ?")) {
            ps.setObject(1, pct, java.sql.Types.DOUBLE);
            ps.setString(2, commune);
            ps.setObject(3, pct, java.sql.Types.DOUBLE);
            ps.executeUpdate();
        }
        if (geopackage != null) {
            // GeoPackage writers keep last_change: the store's layer version (ETag, Last-Modified) reads it
            try (PreparedStatement ps = c.prepareStatement("UPDATE gpkg.gpkg_contents SET last_change = "
                    + "strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = 'communes'")) {
                ps.executeUpdate();
            }
        }
        return true;
    }

    /** Closes the connection pool, when the store was given one. */
    @Override
    public void close() {
        reads.close();
    }

    /** Aggregates per commune for a period ({@code communeCode} null: every commune), by commune code. */
    public List<SurveyAggregate> aggregates(String period, String communeCode) {
        StringBuilder sql =
                new StringBuilder("SELECT commune_code, count(*), sum(CASE WHEN overall >= 4 THEN 1 ELSE 0 END)");
        for (String t : SurveyResponse.TOPICS) {
            sql.append(", avg(").append(t).append(")");
        }
        sql.append(" FROM ").append(table).append(" WHERE period = ?");
        if (communeCode != null) {
            sql.append(" AND commune_code = ?");
        }
        sql.append(" GROUP BY commune_code ORDER BY commune_code");
        try {
            return reads.read(c -> aggregates(c, sql.toString(), period, communeCode));
        } catch (SQLException e) {
            throw new FeatureStoreException("reading survey results failed: " + e.getMessage(), e);
        }
    }

    private static List<SurveyAggregate> aggregates(
            Connection connection, String sql, String period, String communeCode) throws SQLException {
        List<SurveyAggregate> out = new ArrayList<>();
        try (Connection c = connection;
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, period);
            if (communeCode != null) {
                ps.setString(2, communeCode);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Double> means = new LinkedHashMap<>();
                    int i = 4;
                    for (String t : SurveyResponse.TOPICS) {
                        double v = rs.getDouble(i++);
                        means.put(t, rs.wasNull() ? null : Math.round(v * 100) / 100.0);
                    }
                    out.add(new SurveyAggregate(rs.getString(1), period, rs.getLong(2), rs.getLong(3), means));
                }
            }
        }
        return out;
    }

    /**
     * Streams the responses of a period (optionally one commune) as open data: commune, period,
     * date and ratings only; neither the response id nor the device hash ever leaves the store.
     * Read on a standby while one serves, as the aggregates are (so the export goes on while the
     * primary is away); a standby that fails before the first row leaves it to the primary, one
     * that fails once rows are out cuts the export (sending them again would repeat them).
     */
    public void export(String period, String communeCode, Consumer<SurveyResponse> each) {
        String sql = "SELECT period, commune_code, submitted_on, overall, " + String.join(", ", SurveyResponse.TOPICS)
                + " FROM " + table + " WHERE period = ?" + (communeCode != null ? " AND commune_code = ?" : "")
                + " ORDER BY commune_code, submitted_on, overall, " + String.join(", ", SurveyResponse.TOPICS);
        long[] sent = {0};
        try {
            reads.read(c -> {
                try {
                    export(c, sql, period, communeCode, r -> {
                        each.accept(r);
                        sent[0]++;
                    });
                } catch (SQLException e) {
                    if (sent[0] > 0) {
                        throw new FeatureStoreException(
                                "exporting survey responses failed after " + sent[0] + " rows: " + e.getMessage(), e);
                    }
                    throw e;
                }
                return null;
            });
        } catch (SQLException e) {
            throw new FeatureStoreException("exporting survey responses failed: " + e.getMessage(), e);
        }
    }

    private void export(
            Connection connection, String sql, String period, String communeCode, Consumer<SurveyResponse> each)
            throws SQLException {
        try (Connection c = connection;
                PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(geopackage != null); // PostgreSQL streams with a fetch size only inside a transaction
            ps.setFetchSize(500);
            ps.setString(1, period);
            if (communeCode != null) {
                ps.setString(2, communeCode);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Integer> topics = new LinkedHashMap<>();
                    int i = 5;
                    for (String t : SurveyResponse.TOPICS) {
                        int v = rs.getInt(i++);
                        topics.put(t, rs.wasNull() ? null : v);
                    }
                    each.accept(new SurveyResponse(
                            null,
                            rs.getString(1),
                            rs.getString(2),
                            java.time.LocalDate.parse(rs.getString(3)),
                            null,
                            rs.getInt(4),
                            topics));
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }
}
