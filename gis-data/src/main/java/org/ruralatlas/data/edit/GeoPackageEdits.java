package org.ruralatlas.data.edit;

import static org.ruralatlas.data.store.FeatureRows.quote;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.locationtech.jts.io.WKBReader;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.io.GeoJsonGeometries;
import org.ruralatlas.data.store.FeatureRows;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.PropertyValues;
import org.ruralatlas.data.store.geopackage.GeoPackageGeometry;
import org.ruralatlas.data.store.geopackage.GeoPackageSqlFunctions;
import org.sqlite.SQLiteDataSource;

/**
 * Edits in the embedded GeoPackage: each in an IMMEDIATE transaction, which holds the file's write
 * lock from its first statement, so a second edit waits and then reads the first one's result.
 * The revisions are a table of the same file ({@code ruralatlas_revisions}, not a layer: GDAL and
 * QGIS do not list it), written in the same transaction as the feature, and refused any UPDATE or
 * DELETE by its triggers. The file's R-tree triggers need the GeoPackage SQL functions on each
 * connection; its write counters move the layer's version, which the change feed reports.
 */
public final class GeoPackageEdits implements FeatureEdits {

    private static final String REVISIONS = "ruralatlas_revisions";

    private final SQLiteDataSource dataSource;
    private final boolean writable;
    private final CommuneStanding standing;

    /**
     * Edits of {@code file}; a file the server may not write (served as it is) refuses every edit. An
     * assessment's write moves the standing of the commune it names, a feature of {@code communes}, in its
     * transaction ({@link CommuneStanding}).
     */
    public GeoPackageEdits(Path file, Layer communes) {
        this.standing = new CommuneStanding(communes);
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        ds.setBusyTimeout(10_000);
        ds.setTransactionMode("IMMEDIATE");
        this.dataSource = ds;
        this.writable = java.nio.file.Files.isWritable(file)
                && java.nio.file.Files.isWritable(file.toAbsolutePath().getParent());
        if (!writable) {
            return;
        }
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE TABLE IF NOT EXISTS " + REVISIONS
                            + " (revision INTEGER PRIMARY KEY AUTOINCREMENT, layer TEXT NOT NULL, "
                            + "feature_id TEXT NOT NULL, actor TEXT NOT NULL, at INTEGER NOT NULL, operation TEXT NOT NULL, before TEXT, after TEXT)");
            s.execute("CREATE INDEX IF NOT EXISTS " + REVISIONS + "_feature_idx ON " + REVISIONS
                    + " (layer, feature_id)");
            s.execute("CREATE INDEX IF NOT EXISTS " + REVISIONS + "_actor_idx ON " + REVISIONS + " (actor, revision)");
            for (String event : List.of("UPDATE", "DELETE")) {
                s.execute("CREATE TRIGGER IF NOT EXISTS " + REVISIONS + "_no_"
                        + event.toLowerCase(java.util.Locale.ROOT) + " BEFORE " + event + " ON " + REVISIONS
                        + " BEGIN SELECT RAISE(ABORT, 'the audit is append-only'); END");
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot keep revisions in " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The embedded counterpart of the PostGIS migration V21: ids of {@code layer} that hold '/'
     * (the sample's lineage ids before stop 26, {@code commune/00004/01}), which no path segment can
     * carry, are given '~' instead, so that a GeoPackage made then and kept (with
     * {@code ruralatlas.geopackage.path}) has every record reachable by its URL. One transaction;
     * each audited as the old id deleted and the new one inserted, as {@code migration V21}; an id
     * whose new spelling is taken is left as it is. Nothing to do on a read-only file or a second
     * run. The number of ids renamed.
     */
    public int giveIdsOneSegment(Layer layer) {
        if (!writable) {
            return 0;
        }
        String table = quote(layer.id());
        String idColumn = quote(layer.idProperty());
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                List<String> old = new ArrayList<>();
                if (!hasTable(c, layer.id())) {
                    return 0;
                }
                try (PreparedStatement ps = c.prepareStatement(
                                "SELECT " + idColumn + " FROM " + table + " WHERE instr(" + idColumn + ", '/') > 0");
                        ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        old.add(rs.getString(1));
                    }
                }
                int renamed = 0;
                Instant at = Instant.now();
                for (String id : old) {
                    String next = id.replace('/', '~');
                    if (read(c, layer, next).isPresent()) {
                        continue;
                    }
                    Feature before = read(c, layer, id).orElseThrow();
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE " + table + " SET " + idColumn + " = ? WHERE " + idColumn + " = ?")) {
                        ps.setString(1, next);
                        ps.setString(2, id);
                        ps.executeUpdate();
                    }
                    revision(c, layer, id, ONE_SEGMENT, at, "delete", before, null);
                    revision(
                            c,
                            layer,
                            next,
                            ONE_SEGMENT,
                            at,
                            "insert",
                            null,
                            read(c, layer, next).orElseThrow());
                    renamed++;
                }
                c.commit();
                return renamed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new FeatureStoreException(
                    "cannot give " + layer.id() + "'s ids one path segment: " + e.getMessage(), e);
        }
    }

    private static boolean hasTable(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM gpkg_contents WHERE table_name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Who renamed the ids, in the audit: the PostGIS migration's name, so both stores say the same. */
    private static final String ONE_SEGMENT = "migration V21";

    private Connection connect() throws SQLException {
        Connection c = dataSource.getConnection();
        GeoPackageSqlFunctions.register(c);
        return c;
    }

    @Override
    public Optional<Feature> edit(
            Layer layer,
            String id,
            String actor,
            Function<Optional<Feature>, Optional<Feature>> decide,
            Alongside alongside) {
        if (!writable) {
            throw new EditConflictException("this server's GeoPackage is read-only: it takes no writes");
        }
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                Optional<Feature> current = read(c, layer, id);
                Optional<Feature> next = decide.apply(current);
                if (current.isEmpty() && next.isEmpty()
                        || current.isPresent() && next.isPresent() && same(current.get(), next.get())) {
                    c.rollback();
                    return current;
                }
                write(c, layer, id, current.isPresent(), next);
                Instant at = Instant.now();
                String operation = current.isEmpty() ? "insert" : next.isEmpty() ? "delete" : "update";
                long revision = revision(c, layer, id, actor, at, operation, current.orElse(null), next.orElse(null));
                if (CommuneStanding.moves(layer)) {
                    follow(c, layer, CommuneStanding.units(current, next), actor, at);
                }
                if (alongside != null) {
                    alongside.write(c, Store.GEOPACKAGE, revision);
                }
                Optional<Feature> stored = next.isEmpty() ? Optional.empty() : read(c, layer, id);
                c.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("UNIQUE")) {
                throw new EditConflictException("a feature " + id + " was created meanwhile");
            }
            if (message.contains("CONSTRAINT")) {
                throw new EditRefusedException("the store refused the values: " + message);
            }
            throw new FeatureStoreException("editing " + layer.id() + " failed: " + message, e);
        }
    }

    /**
     * One IMMEDIATE transaction (the file's write lock held throughout, so edits wait for it):
     * each feature is inserted with its revision as it comes; an id that exists already or comes
     * twice is counted (SQLite undoes only that statement) and the rest goes on, so that the
     * report names them all; commits only when there were none and {@code commit} says so. The
     * file's write counters move once, at commit, and the change feed announces the layer then.
     */
    @Override
    public Inserted insertAll(
            Layer layer,
            String actor,
            java.util.Iterator<Feature> features,
            java.util.function.BooleanSupplier commit) {
        if (!writable) {
            throw new EditConflictException("this server's GeoPackage is read-only: it takes no writes");
        }
        List<String> columns = new ArrayList<>();
        layer.properties().forEach(p -> columns.add(quote(p.name())));
        if (layer.hasGeometry()) {
            columns.add(quote("geom"));
        }
        String insert = "INSERT INTO " + quote(layer.id()) + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement rows = c.prepareStatement(insert);
                    PreparedStatement revisions = c.prepareStatement(INSERT_REVISION)) {
                long count = 0;
                long conflicts = 0;
                List<String> ids = new ArrayList<>();
                long at = Instant.now().toEpochMilli();
                while (features.hasNext()) {
                    Feature f = features.next();
                    count++;
                    int i = 1;
                    for (PropertySpec p : layer.properties()) {
                        rows.setObject(
                                i++,
                                sqlite(PropertyValues.toColumn(p, f.properties().get(p.name()))));
                    }
                    if (layer.hasGeometry()) {
                        rows.setBytes(i, GeoPackageGeometry.write(f.geometry()));
                    }
                    try {
                        rows.executeUpdate();
                    } catch (SQLException e) {
                        if (!String.valueOf(e.getMessage()).contains("UNIQUE")) {
                            throw e;
                        }
                        if (conflicts++ < Inserted.MAX_CONFLICTS) {
                            ids.add(f.id());
                        }
                        continue;
                    }
                    revisions.setString(1, layer.id());
                    revisions.setString(2, f.id());
                    revisions.setString(3, actor);
                    revisions.setLong(4, at);
                    revisions.setString(5, "insert");
                    revisions.setString(6, null);
                    revisions.setString(7, RevisionDocuments.write(f));
                    revisions.executeUpdate();
                }
                boolean write = conflicts == 0 && commit.getAsBoolean();
                if (write) {
                    c.commit();
                } else {
                    c.rollback();
                }
                return new Inserted(count, conflicts, List.copyOf(ids), write);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("CONSTRAINT")) {
                throw new EditRefusedException("the store refused the values: " + message);
            }
            throw new FeatureStoreException("importing into " + layer.id() + " failed: " + message, e);
        }
    }

    /** Writes a revision; its number. */
    private static long revision(
            Connection c,
            Layer layer,
            String id,
            String actor,
            Instant at,
            String operation,
            Feature before,
            Feature after)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_REVISION, Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, layer.id());
            ps.setString(2, id);
            ps.setString(3, actor);
            ps.setLong(4, at.toEpochMilli());
            ps.setString(5, operation);
            ps.setString(6, RevisionDocuments.write(before));
            ps.setString(7, RevisionDocuments.write(after));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /**
     * The standing of each commune version in {@code units} set from its newest assessment, in this transaction
     * (which holds the file's write lock, so no other assessment comes in between), audited as {@code actor}'s;
     * the communes' write counter announces it.
     */
    private void follow(Connection c, Layer assessments, java.util.Set<String> units, String actor, Instant at)
            throws SQLException {
        Layer communes = standing.communes();
        for (String unit : units) {
            Optional<Feature> commune = read(c, communes, unit);
            if (commune.isEmpty()) {
                continue;
            }
            Optional<Feature> newest = Optional.empty();
            try (PreparedStatement ps = c.prepareStatement(standing.newest(quote(assessments.id())))) {
                ps.setString(1, unit);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        newest = read(c, assessments, rs.getString(1));
                    }
                }
            }
            Optional<Feature> next = standing.followed(commune.get(), newest);
            if (next.isEmpty()) {
                continue;
            }
            List<String> sets = new ArrayList<>();
            CommuneStanding.FOLLOWED.forEach(f -> sets.add(quote(f) + " = ?"));
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + quote(communes.id()) + " SET "
                    + String.join(", ", sets) + " WHERE " + quote(communes.idProperty()) + " = ?")) {
                int i = 1;
                for (String f : CommuneStanding.FOLLOWED) {
                    PropertySpec p = communes.property(f).orElseThrow();
                    ps.setObject(
                            i++,
                            sqlite(PropertyValues.toColumn(
                                    p, next.get().properties().get(f))));
                }
                ps.setString(i, unit);
                ps.executeUpdate();
            }
            revision(
                    c,
                    communes,
                    unit,
                    actor,
                    at,
                    "update",
                    commune.get(),
                    read(c, communes, unit).orElseThrow());
        }
    }

    private static final String INSERT_REVISION = "INSERT INTO " + REVISIONS
            + " (layer, feature_id, actor, at, operation, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)";

    /** Equal as the audit would record them: an edit that changes nothing writes nothing. */
    private static boolean same(Feature a, Feature b) {
        return java.util.Objects.equals(RevisionDocuments.write(a), RevisionDocuments.write(b));
    }

    private static Optional<Feature> read(Connection c, Layer layer, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + FeatureRows.propertyColumns(layer)
                + (layer.hasGeometry() ? ", " + quote("geom") : "") + " FROM " + quote(layer.id()) + " WHERE "
                + quote(layer.idProperty()) + " = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                WKBReader wkb = new WKBReader(GeoJsonGeometries.FACTORY);
                return rs.next()
                        ? Optional.of(FeatureRows.read(layer, rs, bytes -> GeoPackageGeometry.read(bytes, wkb)))
                        : Optional.empty();
            }
        }
    }

    private static void write(Connection c, Layer layer, String id, boolean exists, Optional<Feature> next)
            throws SQLException {
        String where = " WHERE " + quote(layer.idProperty()) + " = ?";
        if (next.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + quote(layer.id()) + where)) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return;
        }
        List<String> columns = new ArrayList<>();
        layer.properties().forEach(p -> columns.add(quote(p.name())));
        if (layer.hasGeometry()) {
            columns.add(quote("geom"));
        }
        String sql = exists
                ? "UPDATE " + quote(layer.id()) + " SET " + String.join(" = ?, ", columns) + " = ?" + where
                : "INSERT INTO " + quote(layer.id()) + " (" + String.join(", ", columns) + ") VALUES ("
                        + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Feature f = next.get();
            int i = 1;
            for (PropertySpec p : layer.properties()) {
                ps.setObject(
                        i++, sqlite(PropertyValues.toColumn(p, f.properties().get(p.name()))));
            }
            if (layer.hasGeometry()) {
                ps.setBytes(i++, GeoPackageGeometry.write(f.geometry()));
            }
            if (exists) {
                ps.setString(i, id);
            }
            ps.executeUpdate();
        }
    }

    /** Dates as ISO text and booleans as 0/1, as the GeoPackage standard says. */
    private static Object sqlite(Object value) {
        if (value instanceof LocalDate d) {
            return d.toString();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return value;
    }

    @Override
    public List<AccountChange> changesBy(String actor, long before, int limit) {
        if (!writable) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            return AccountChange.page(
                    c, REVISIONS, (rs, column) -> Instant.ofEpochMilli(rs.getLong(column)), actor, before, limit);
        } catch (SQLException e) {
            throw new FeatureStoreException("reading the changes of " + actor + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public List<Revision> revisions(Layer layer, String id) {
        if (!writable) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT revision, actor, at, operation," + " before, after FROM " + REVISIONS
                                + " WHERE layer = ? AND feature_id = ? ORDER BY revision")) {
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
                            Instant.ofEpochMilli(rs.getLong(3)),
                            rs.getString(4),
                            RevisionDocuments.read(layer, id, rs.getString(5)),
                            RevisionDocuments.read(layer, id, rs.getString(6))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new FeatureStoreException("reading the revisions of " + id + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // connections are opened per edit
    }
}
