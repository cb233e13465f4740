package org.ruralatlas.data.survey;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.ruralatlas.data.store.FeatureStoreException;

/**
 * Survey responses in a SQL table: {@code ruralatlas.survey_responses} in PostGIS (created by the
 * V5 migration) or a table of the same shape in a SQLite file next to the embedded GeoPackage.
 * Each response is one INSERT in its own transaction; a second response of a device in a period
 * is refused by the table's unique key, so duplicates never count, whatever the concurrency.
 */
public final class SurveyStore implements AutoCloseable {

    private static final String COLUMNS = "response_id, period, commune_code, submitted_on, device_hash, overall, "
            + String.join(", ", SurveyResponse.TOPICS);

    private final DataSource dataSource;
    private final String table;
    private final String settings;

    private SurveyStore(DataSource dataSource, String table, String settings) {
        this.dataSource = dataSource;
        this.table = table;
        this.settings = settings;
    }

    /** The PostGIS table of the RuralAtlas schema (migrated by Flyway). */
    public static SurveyStore postgis(DataSource dataSource) {
        return new SurveyStore(dataSource, "ruralatlas.survey_responses", "ruralatlas.survey_settings");
    }

    /** A SQLite file, created with its table when missing. */
    public static SurveyStore sqlite(java.nio.file.Path file) {
        org.sqlite.SQLiteDataSource ds = new org.sqlite.SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        ds.setBusyTimeout(10_000);
        ds.setJournalMode("WAL");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
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
            s.execute("CREATE INDEX IF NOT EXISTS survey_responses_commune_idx ON survey_responses (commune_code, period)");
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot open the survey file " + file + ": " + e.getMessage(), e);
        }
        return new SurveyStore(ds, "survey_responses", "survey_settings");
    }

    /**
     * The store's persistent secret called {@code name}: created at random on first use (the
     * first writer wins under concurrency), the same for every server on this store afterwards.
     */
    public String secret(String name) {
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO " + settings
                        + " (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING");
                PreparedStatement select = c.prepareStatement("SELECT value FROM " + settings + " WHERE name = ?")) {
            insert.setString(1, name);
            insert.setString(2, java.util.HexFormat.of().formatHex(random));
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

    /** Stores a response; false when this device already answered in this period (nothing written). */
    public boolean insert(SurveyResponse r) {
        String sql = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?"
                + ", ?".repeat(SurveyResponse.TOPICS.size()) + ") ON CONFLICT (period, device_hash) DO NOTHING";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(true);
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
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new FeatureStoreException("storing a survey response failed: " + e.getMessage(), e);
        }
    }

    /** Closes the connection pool, when the store was given one. */
    @Override
    public void close() {
        if (dataSource instanceof AutoCloseable pool) {
            try {
                pool.close();
            } catch (Exception e) {
                throw new FeatureStoreException("closing the survey store failed: " + e.getMessage(), e);
            }
        }
    }

    /** Aggregates per commune for a period ({@code communeCode} null: every commune), by commune code. */
    public List<SurveyAggregate> aggregates(String period, String communeCode) {
        StringBuilder sql = new StringBuilder("SELECT commune_code, count(*), sum(CASE WHEN overall >= 4 THEN 1 ELSE 0 END)");
        for (String t : SurveyResponse.TOPICS) {
            sql.append(", avg(").append(t).append(")");
        }
        sql.append(" FROM ").append(table).append(" WHERE period = ?");
        if (communeCode != null) {
            sql.append(" AND commune_code = ?");
        }
        sql.append(" GROUP BY commune_code ORDER BY commune_code");
        List<SurveyAggregate> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
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
        } catch (SQLException e) {
            throw new FeatureStoreException("reading survey results failed: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Streams the responses of a period (optionally one commune) as open data: commune, period,
     * date and ratings only; neither the response id nor the device hash ever leaves the store.
     */
    public void export(String period, String communeCode, Consumer<SurveyResponse> each) {
        String sql = "SELECT period, commune_code, submitted_on, overall, " + String.join(", ", SurveyResponse.TOPICS)
                + " FROM " + table + " WHERE period = ?" + (communeCode != null ? " AND commune_code = ?" : "")
                + " ORDER BY commune_code, submitted_on, overall, " + String.join(", ", SurveyResponse.TOPICS);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
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
                    each.accept(new SurveyResponse(null, rs.getString(1), rs.getString(2),
                            java.time.LocalDate.parse(rs.getString(3)), null, rs.getInt(4), topics));
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new FeatureStoreException("exporting survey responses failed: " + e.getMessage(), e);
        }
    }
}
