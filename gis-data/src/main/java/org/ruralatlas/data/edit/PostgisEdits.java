package org.ruralatlas.data.edit;

import static org.ruralatlas.data.store.FeatureRows.quote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.store.FeatureRows;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.PropertyValues;

/**
 * Edits in PostGIS: the feature's row is read {@code FOR UPDATE}, so a second edit of it waits and
 * then sees the first one's result. The audit rows are written by the layer tables' own triggers
 * (migration V11), for these writes and for any other program's; this class only tells them who
 * writes, in the transaction-local setting {@code ruralatlas.actor}.
 */
public final class PostgisEdits implements FeatureEdits {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final int ATTEMPTS = 3;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PostgisEdits.class);

    private final DataSource dataSource;
    private final int timeoutSeconds;
    private final CommuneStanding standing;

    /**
     * Edits through a pool of their own: an edit holds its connection (and the row's lock) while
     * its checks read the provinces through the store's pool; sharing one pool, concurrent edits
     * would each hold a connection and wait for a second. An assessment's write moves the standing of the
     * commune it names, a feature of {@code communes}, in its transaction ({@link CommuneStanding}).
     */
    public PostgisEdits(DataSource dataSource, int timeoutSeconds, Layer communes) {
        this.dataSource = dataSource;
        this.timeoutSeconds = timeoutSeconds;
        this.standing = new CommuneStanding(communes);
    }

    /**
     * The edit in one transaction, tried again (at most {@value #ATTEMPTS} times in all) when PostgreSQL broke a
     * deadlock by ending it or could not serialise it: another program's transaction that holds a commune and
     * then wants the row this edit holds is a deadlock no order of ours avoids. Each try reads the row afresh, so
     * {@code decide} judges (an {@code If-Match} included) what the others committed meanwhile.
     */
    @Override
    public Optional<Feature> edit(
            Layer layer,
            String id,
            String actor,
            Function<Optional<Feature>, Optional<Feature>> decide,
            Alongside alongside) {
        for (int attempt = 1; ; attempt++) {
            try {
                return attempt(layer, id, actor, decide, alongside);
            } catch (FeatureStoreException e) {
                if (attempt == ATTEMPTS || !(e.getCause() instanceof SQLException s) || !retryable(s)) {
                    throw e;
                }
                tryAgain("editing " + layer.id() + " " + id, s, attempt);
            }
        }
    }

    /** A deadlock broken by ending this transaction (40P01) or a serialisation failure (40001). */
    private static boolean retryable(SQLException e) {
        return "40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState());
    }

    /**
     * Says in the log that PostgreSQL ended {@code what} (an operator should know of deadlocks), then pauses a
     * short, random while (up to 20, 40 … ms), so that two retried transactions do not meet again at once.
     */
    private static void tryAgain(String what, SQLException ended, int attempt) {
        LOG.warn(
                "{} ended by PostgreSQL ({}), try {} of {}: trying again",
                what,
                ended.getSQLState(),
                attempt,
                ATTEMPTS);
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 20L << (attempt - 1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeatureStoreException(what + " interrupted", e);
        }
    }

    private Optional<Feature> attempt(
            Layer layer,
            String id,
            String actor,
            Function<Optional<Feature>, Optional<Feature>> decide,
            Alongside alongside) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement("SELECT set_config('ruralatlas.actor', ?, true)")) {
                    ps.setString(1, actor);
                    ps.execute();
                }
                Optional<Feature> current = read(c, layer, id, true);
                Optional<Feature> next = decide.apply(current);
                if (current.isEmpty() && next.isEmpty()) {
                    c.rollback();
                    return Optional.empty();
                }
                write(c, layer, id, current.isPresent(), next);
                if (CommuneStanding.moves(layer)) {
                    follow(c, layer, CommuneStanding.units(current, next));
                }
                if (alongside != null) {
                    alongside.write(c, Store.POSTGIS, lastRevision(c, layer, id));
                }
                Optional<Feature> stored = next.isEmpty() ? Optional.empty() : read(c, layer, id, false);
                c.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new EditConflictException("a feature " + id + " was created meanwhile");
            }
            refusal(e);
            throw new FeatureStoreException("editing " + layer.id() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * COPY into a temporary table (no constraint: a repeated id is found, not fatal), then the
     * ids that exist already or come twice are counted, and only when there are none one
     * {@code INSERT … SELECT} moves the rows into the layer: its statement triggers audit them
     * with the actor and announce them once, at commit. A killed server's transaction is rolled
     * back by PostgreSQL: the layer is as it was.
     */
    @Override
    public Inserted insertAll(
            Layer layer,
            String actor,
            java.util.Iterator<Feature> features,
            java.util.function.BooleanSupplier commit) {
        String staging = quote("import_" + layer.id());
        String id = quote(layer.idProperty());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (java.sql.Statement s = c.createStatement()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT set_config('ruralatlas.actor', ?, true)")) {
                    ps.setString(1, actor);
                    ps.execute();
                }
                s.execute("CREATE TEMP TABLE " + staging + " (LIKE " + table(layer) + ") ON COMMIT DROP");
                long rows = org.ruralatlas.data.store.postgis.PostgisWriter.copy(c, layer, staging, features);
                s.execute("ANALYZE " + staging);
                String conflicting =
                        "SELECT " + id + " FROM " + staging + " s WHERE EXISTS (SELECT FROM " + table(layer)
                                + " t WHERE t." + id + " = s." + id + ") UNION ALL SELECT " + id + " FROM " + staging
                                + " GROUP BY " + id + " HAVING count(*) > 1";
                List<String> ids = new ArrayList<>();
                long conflicts = conflicts(s, id, conflicting, ids);
                boolean write = conflicts == 0 && commit.getAsBoolean();
                if (write) {
                    String columns =
                            FeatureRows.propertyColumns(layer) + (layer.hasGeometry() ? ", " + quote("geom") : "");
                    write = insertRetried(
                            c,
                            s,
                            "INSERT INTO " + table(layer) + " (" + columns + ") SELECT " + columns + " FROM " + staging,
                            layer);
                    if (!write) {
                        // another writer committed one of these ids after they were counted: counted again, it is
                        // reported as any id that existed before
                        conflicts = conflicts(s, id, conflicting, ids);
                        if (conflicts == 0) {
                            throw new EditConflictException(
                                    "an id of the file was written meanwhile by another writer");
                        }
                    }
                }
                if (write) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return new Inserted(rows, conflicts, List.copyOf(ids), write);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            refusal(e);
            throw new FeatureStoreException("importing into " + layer.id() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The import's one write into the layer, tried again from a savepoint (at most {@value #ATTEMPTS} times) when
     * PostgreSQL ends it to break a deadlock: the rolled-back statement releases what it held (so the other
     * transaction goes on) and the staging table, copied once, is kept. False, with nothing written, when an id
     * was taken meanwhile (a writer that committed it after the ids were counted).
     */
    private static boolean insertRetried(Connection c, java.sql.Statement s, String insert, Layer layer)
            throws SQLException {
        for (int attempt = 1; ; attempt++) {
            java.sql.Savepoint before = c.setSavepoint();
            try {
                s.executeUpdate(insert);
                c.releaseSavepoint(before);
                return true;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    c.rollback(before);
                    return false;
                }
                if (attempt == ATTEMPTS || !retryable(e)) {
                    throw e;
                }
                c.rollback(before);
                tryAgain("importing into " + layer.id(), e, attempt);
            }
        }
    }

    /** How many ids of the staging table exist already or come twice ({@code conflicting}); the first ones into {@code ids}. */
    private static long conflicts(java.sql.Statement s, String id, String conflicting, List<String> ids)
            throws SQLException {
        ids.clear();
        long conflicts = 0;
        try (ResultSet rs = s.executeQuery(
                "SELECT " + id + ", count(*) OVER () FROM (" + conflicting + ") x LIMIT " + Inserted.MAX_CONFLICTS)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
                conflicts = rs.getLong(2);
            }
        }
        return conflicts;
    }

    /** Throws {@link EditRefusedException} when the database refused the values (a data or constraint error). */
    private static void refusal(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("22") || state.startsWith("23")) {
            throw new EditRefusedException("the database refused the values: "
                    + String.valueOf(e.getMessage())
                            .lines()
                            .findFirst()
                            .orElse("")
                            .replaceFirst("^ERROR: ", ""));
        }
    }

    private Optional<Feature> read(Connection c, Layer layer, String id, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + FeatureRows.propertyColumns(layer) + (layer.hasGeometry() ? ", ST_AsBinary(\"geom\")" : "")
                        + " FROM " + table(layer)
                        + " WHERE " + quote(layer.idProperty()) + " = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setQueryTimeout(timeoutSeconds);
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                WKBReader wkb = new WKBReader();
                return rs.next()
                        ? Optional.of(FeatureRows.read(layer, rs, bytes -> decode(wkb, bytes)))
                        : Optional.empty();
            }
        }
    }

    private void write(Connection c, Layer layer, String id, boolean exists, Optional<Feature> next)
            throws SQLException {
        if (next.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM " + table(layer) + " WHERE " + quote(layer.idProperty()) + " = ?")) {
                ps.setQueryTimeout(timeoutSeconds);
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return;
        }
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (PropertySpec p : layer.properties()) {
            columns.add(quote(p.name()));
            values.add(p.type().isJson() ? "CAST(? AS jsonb)" : "?");
        }
        if (layer.hasGeometry()) {
            columns.add(quote("geom"));
            values.add("ST_SetSRID(ST_GeomFromWKB(?), 4326)");
        }
        String sql;
        if (exists) {
            List<String> sets = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                sets.add(columns.get(i) + " = " + values.get(i));
            }
            sql = "UPDATE " + table(layer) + " SET " + String.join(", ", sets) + " WHERE " + quote(layer.idProperty())
                    + " = ?";
        } else {
            sql = "INSERT INTO " + table(layer) + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", values) + ")";
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(timeoutSeconds);
            Feature f = next.get();
            int i = 1;
            for (PropertySpec p : layer.properties()) {
                ps.setObject(i++, PropertyValues.toColumn(p, f.properties().get(p.name())));
            }
            if (layer.hasGeometry()) {
                ps.setBytes(i++, new WKBWriter(2).write(f.geometry()));
            }
            if (exists) {
                ps.setString(i, id);
            }
            ps.executeUpdate();
        }
    }

    /**
     * The standing of each commune version in {@code units} set from its newest assessment, on this transaction's
     * connection: the commune's row is held first ({@code FOR UPDATE}), so that a concurrent assessment of it waits
     * here and then reads this one's (READ COMMITTED: each statement sees what committed before it), and the
     * newest is read after. The communes' triggers audit the change as this transaction's actor and announce it.
     */
    private void follow(Connection c, Layer assessments, java.util.Set<String> units) throws SQLException {
        Layer communes = standing.communes();
        for (String unit : units) {
            Optional<Feature> commune = read(c, communes, unit, true);
            if (commune.isEmpty()) {
                continue;
            }
            Optional<Feature> newest = Optional.empty();
            try (PreparedStatement ps = c.prepareStatement(standing.newest(table(assessments)))) {
                ps.setQueryTimeout(timeoutSeconds);
                ps.setString(1, unit);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        newest = read(c, assessments, rs.getString(1), false);
                    }
                }
            }
            Optional<Feature> next = standing.followed(commune.get(), newest);
            if (next.isPresent()) {
                update(c, communes, unit, next.get(), CommuneStanding.FOLLOWED);
            }
        }
    }

    /** The number of the newest revision of the feature {@code id}, in this transaction (the triggers write them at once). */
    private long lastRevision(Connection c, Layer layer, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT max(revision) FROM ruralatlas.feature_revisions WHERE layer = ? AND feature_id = ?")) {
            ps.setString(1, layer.id());
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Sets only the {@code fields} of the feature {@code id} to {@code f}'s values (its geometry left as it is). */
    private void update(Connection c, Layer layer, String id, Feature f, List<String> fields) throws SQLException {
        List<String> sets = new ArrayList<>();
        List<PropertySpec> specs = new ArrayList<>();
        for (String field : fields) {
            PropertySpec p = layer.property(field).orElseThrow();
            specs.add(p);
            sets.add(quote(p.name()) + " = " + (p.type().isJson() ? "CAST(? AS jsonb)" : "?"));
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table(layer) + " SET " + String.join(", ", sets)
                + " WHERE " + quote(layer.idProperty()) + " = ?")) {
            ps.setQueryTimeout(timeoutSeconds);
            int i = 1;
            for (PropertySpec p : specs) {
                ps.setObject(i++, PropertyValues.toColumn(p, f.properties().get(p.name())));
            }
            ps.setString(i, id);
            ps.executeUpdate();
        }
    }

    @Override
    public List<Revision> revisions(Layer layer, String id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT revision, actor, at, operation,"
                                + " before::text, after::text FROM ruralatlas.feature_revisions WHERE layer = ? AND feature_id = ? ORDER BY revision")) {
            ps.setString(1, layer.id());
            ps.setString(2, id);
            List<Revision> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Revision(
                            rs.getLong(1),
                            layer.id(),
                            id,
                            rs.getString(2),
                            rs.getObject(3, java.time.OffsetDateTime.class).toInstant(),
                            rs.getString(4),
                            RevisionDocuments.read(layer, id, rs.getString(5)),
                            RevisionDocuments.read(layer, id, rs.getString(6))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw FeatureStoreException.of("reading the revisions of " + id, e);
        }
    }

    @Override
    public List<AccountChange> changesBy(String actor, long before, int limit) {
        try (Connection c = dataSource.getConnection()) {
            return AccountChange.page(
                    c,
                    "ruralatlas.feature_revisions",
                    (rs, column) ->
                            rs.getObject(column, java.time.OffsetDateTime.class).toInstant(),
                    actor,
                    before,
                    limit);
        } catch (SQLException e) {
            throw FeatureStoreException.of("reading the changes of " + actor, e);
        }
    }

    /** Closes the edits' pool. */
    @Override
    public void close() {
        org.ruralatlas.data.store.Pools.close(dataSource, "the edits' pool");
    }

    private static String table(Layer layer) {
        return quote("ruralatlas") + "." + quote(layer.id());
    }

    private static org.locationtech.jts.geom.Geometry decode(WKBReader reader, byte[] bytes) {
        try {
            org.locationtech.jts.geom.Geometry g = reader.read(bytes);
            g.setSRID(4326);
            return g;
        } catch (ParseException e) {
            throw new FeatureStoreException("unreadable geometry from PostGIS", e);
        }
    }
}
